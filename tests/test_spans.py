"""The provenance invariant: every span's quote is exactly the source text at its offsets.

This covers the spans of the document graphs and, when lineage has been built in the shared store, the
shared passages of the lineage graph, which point into the same sources.
"""

from __future__ import annotations

from pyoxigraph import Store

from plankg.graph.vocab import SPARQL_PREFIXES

SPANS = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?res ?start ?end ?exact ?text WHERE {
  GRAPH ?g {
    ?res a oa:SpecificResource ; oa:hasSource ?src ; oa:hasSelector ?pos, ?quote .
    ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
  }
  GRAPH ?sg { ?src pk:text ?text }
}"""
)

DERIVED_NODES = (
    SPARQL_PREFIXES
    + """
SELECT ?cls (COUNT(DISTINCT ?n) AS ?all) (COUNT(DISTINCT ?with) AS ?spanned) WHERE {
  GRAPH ?g {
    VALUES ?cls { pk:Chapter pk:Section pk:Measure pk:Indicator pk:Project pk:Box pk:IndicatorTable pk:Citation
                  pk:IndicatorValue pk:Quantity pk:DroppedText pk:Part }
    ?n a ?cls .
    OPTIONAL { ?n prov:wasDerivedFrom ?r . ?r a oa:SpecificResource . BIND(?n AS ?with) }
  }
} GROUP BY ?cls"""
)


def test_every_span_quotes_its_source_exactly(corpus_store: Store) -> None:
    rows = list(corpus_store.query(SPANS))
    resources = corpus_store.query(SPARQL_PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a oa:SpecificResource } }")
    assert len(rows) == int(next(iter(resources))["n"].value)  # every span has both selectors and a source
    bad = []
    for row in rows:
        start, end = int(row["start"].value), int(row["end"].value)
        if row["text"].value[start:end] != row["exact"].value:
            bad.append((row["res"].value, start, end))
    assert bad == []


def test_every_text_derived_node_has_a_span(corpus_store: Store) -> None:
    for row in corpus_store.query(DERIVED_NODES):
        assert row["all"].value == row["spanned"].value, row["cls"].value


def test_traditional_offsets_point_into_the_original_script(corpus_store: Store, parsed) -> None:
    doc = parsed["002_1d4cc66293008ec4.txt"]
    measure = doc.measures[0]
    assert doc.source.text[measure.span.start : measure.span.end] == measure.text
    assert "鞏固" in doc.source.text[measure.span.start - 40 : measure.span.start]  # the 節 heading, as written


def test_lineage_passages_quote_both_sources_exactly(corpus_store: Store) -> None:
    from plankg.graph.vocab import LINEAGE_GRAPH
    from plankg.lineage.graph import rebuild_lineage

    rebuild_lineage(corpus_store)
    rows = [r for r in corpus_store.query(SPANS) if r["g"].value == str(LINEAGE_GRAPH)]
    assert len(rows) >= 2 * 135  # two targets per shared passage, at least one passage per reuse link
    assert [
        r["res"].value for r in rows if r["text"].value[int(r["start"].value) : int(r["end"].value)] != r["exact"].value
    ] == []


def test_line_numbers_agree_with_the_clean_stage_for_every_line_end() -> None:
    """pk:line and report lines count lines as the clean stage splits them: CRLF, CR and LF alike."""
    from plankg.loaders.clean import split_lines
    from plankg.loaders.records import line_at

    text = "第一章 总则\r\n一、目标\r完善救助制度。\n\n专栏1\n"
    assert [line_at(text, line.start) for line in split_lines(text)] == [line.number for line in split_lines(text)]
    assert [line.number for line in split_lines(text)] == [1, 2, 3, 4, 5]
