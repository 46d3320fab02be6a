"""What the views show, read from the store with SPARQL: plans, each plan's tree, lineage, shared targets.

Every text is returned as written in its document (the Traditional document keeps its script); the views
escape it, this module does not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pyoxigraph import Store

from plankg.graph.solutions import string_rows
from plankg.graph.vocab import CHINA, LINEAGE_GRAPH, NATION_CODE, PK, REGIONS_GRAPH, SKOS

# Most specific first: a node typed Indicator and BindingIndicator is shown as the latter.
TREE_CLASSES = (
    "BindingIndicator",
    "ExpectedIndicator",
    "ProseIndicator",
    "Indicator",
    "SafeguardMeasure",
    "Measure",
    "Project",
    "Book",
    "Chapter",
    "Section",
    "Part",
    "Box",
    "IndicatorTable",
)


@dataclass
class PlanInfo:
    """One loaded document's plan, for the index and the headings of its views."""

    graph: str
    file: str
    plan: str
    region: str
    region_label: str
    level: str
    period: str
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    genre: str = ""  # the document type's labels, 意见 (opinion); "" when not stated


NO_REGION = "未说明地区"  # region not stated


def plans(store: Store) -> list[PlanInfo]:
    """Every loaded document with its plan's region, level, period, title, genre and element counts: the summary
    `plankg stats` prints, with counts keyed by class name. A plan whose text states no region hangs from a node
    of its own that says so."""
    from plankg.query.stats import COUNTED, summaries

    return [
        PlanInfo(
            s.graph,
            s.file,
            s.plan,
            s.region_iri or f"{s.plan}#no-region",
            s.region or NO_REGION,
            s.level,
            s.period,
            s.title,
            {COUNTED[key].removeprefix("pk:"): n for key, n in s.counts.items()},
            genre_labels().get(s.genre, s.genre),
        )
        for s in summaries(store)
    ]


NATIONAL = "全国"  # the group of plans whose region is the nation


def provinces(store: Store, plans: list[PlanInfo]) -> dict[str, tuple[str, str]]:
    """Plan -> (code, name) of the province its region lies in (the region itself for a province; a municipality
    such as 北京市 is a province): ("000000", 全国) for a national plan, ("", 未说明地区) for one without a region.
    Read from the regions graph's pk:partOf chains (GB/T 2260 codes)."""
    found = string_rows(
        store,
        f"""
    SELECT ?r ?code ?name WHERE {{ GRAPH <{REGIONS_GRAPH}> {{
      ?r pk:partOf* ?p . ?p pk:adminLevel pk:Province ; pk:adminCode ?code ; skos:prefLabel ?name }} }}""",
    )
    province = {r["r"]: (r["code"], r["name"]) for r in found}
    out = {}
    for p in plans:
        if p.region == str(CHINA):
            out[p.plan] = (NATION_CODE, NATIONAL)
        else:
            out[p.plan] = province.get(p.region, ("", NO_REGION))
    return out


@lru_cache(maxsize=1)
def genre_labels() -> dict[str, str]:
    """Each document type's local name -> "中文 (English)", from the ontology's pk:DocumentTypes concepts."""
    from rdflib import Graph, Literal

    text = (resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8")
    ontology = Graph().parse(data=text, format="turtle")
    labels = {}
    for concept in ontology.subjects(SKOS.inScheme, PK.DocumentTypes):
        names = {lit.language: str(lit) for lit in ontology.objects(concept, SKOS.prefLabel) if isinstance(lit, Literal)}
        labels[str(concept).removeprefix(PK)] = f"{names.get('zh-Hans', '')} ({names.get('en', '')})"
    return labels


@dataclass
class TreeNode:
    """A node of a plan's tree, with what a click on it shows."""

    iri: str
    cls: str
    parent: str
    order: int
    label: str
    text: str = ""
    quote: str = ""
    line: str = ""
    numbers: list[str] = field(default_factory=list)
    role: str = ""  # what a unit states when it is not a task (goals, principles …)
    leads: list[str] = field(default_factory=list)  # a unit's lead paragraphs, as written
    bodies: list[str] = field(default_factory=list)  # a measure's responsible bodies: "市民政局 (lead)"
    themes: list[str] = field(default_factory=list)  # thesaurus themes the lineage graph assigns it: "养老服务"


def plan_tree(store: Store, graph: str) -> list[TreeNode]:
    """The structural units, measures, indicators and projects of one document, in document order."""
    values = " ".join(f"pk:{c}" for c in TREE_CLASSES)
    found = string_rows(
        store,
        f"""
    SELECT ?n ?cls ?parent ?eid ?order ?title ?text ?name ?line ?exact WHERE {{ GRAPH <{graph}> {{
      ?expr a pk:PlanText ; dct:language ?script .
      ?n a ?cls ; pk:partOf ?parent ; pk:eId ?eid . VALUES ?cls {{ {values} }}
      OPTIONAL {{ ?n pk:order ?order }}
      OPTIONAL {{ ?n dct:title ?title FILTER(lang(?title) = LCASE(?script)) }}
      OPTIONAL {{ ?n pk:text ?text FILTER(lang(?text) = LCASE(?script)) }}
      OPTIONAL {{ ?n pk:name ?name FILTER(lang(?name) = LCASE(?script)) }}
      OPTIONAL {{ ?n prov:wasDerivedFrom ?span . ?span pk:line ?line ; oa:hasSelector ?q .
                 ?q a oa:TextQuoteSelector ; oa:exact ?exact }} }} }}""",
    )
    nodes: dict[str, TreeNode] = {}
    rank = {c: i for i, c in enumerate(TREE_CLASSES)}
    for r in sorted(found, key=lambda r: (rank[r["cls"].removeprefix(PK)], r["n"], r["parent"])):
        if r["n"] in nodes:
            continue
        text = r["text"] or r["name"] or r["title"]
        nodes[r["n"]] = TreeNode(
            r["n"],
            r["cls"].removeprefix(PK),
            r["parent"],
            int(r["order"] or 0),
            r["title"] or r["name"] or text[:30] or r["eid"],
            text,
            r["exact"],
            r["line"],
        )
    for r in string_rows(
        store,
        f"""
    SELECT ?n ?kind ?year ?group ?written ?number ?comparator ?qualifier ?unit WHERE {{ GRAPH <{graph}> {{
      {{ ?n pk:hasValue ?v . ?v pk:asWritten ?written . OPTIONAL {{ ?v pk:valueKind ?k }} OPTIONAL {{ ?v pk:year ?year }}
         OPTIONAL {{ ?v pk:group ?group }} OPTIONAL {{ ?v pk:comparator ?comparator }} BIND(STRAFTER(STR(?k), "#") AS ?kind) }}
      UNION {{ ?n pk:quantity ?v . BIND("quantity" AS ?kind) OPTIONAL {{ ?v pk:qualifier ?qualifier }} }}
      OPTIONAL {{ ?v pk:numericValue ?number }} OPTIONAL {{ ?v pk:unit ?unit }}
    }} }} ORDER BY ?n ?v""",
    ):
        if r["n"] in nodes:
            nodes[r["n"]].numbers.append(_number(r))
    _framing(store, graph, nodes)
    for r in string_rows(
        store,
        f"""
    SELECT ?n ?theme WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?n pk:theme ?t . ?t skos:prefLabel ?theme
      FILTER(lang(?theme) = "zh-hans") }} GRAPH <{graph}> {{ ?n pk:partOf ?up }} }} ORDER BY ?n ?theme""",
    ):
        if r["n"] in nodes:
            nodes[r["n"]].themes.append(r["theme"])
    return sorted(nodes.values(), key=lambda n: (n.parent, n.order, n.iri))


def _framing(store: Store, graph: str, nodes: dict[str, TreeNode]) -> None:
    """What a click on a unit or measure also shows: its role, its lead paragraphs, its responsible bodies."""
    for r in string_rows(
        store,
        f"""
    SELECT ?n ?role ?lead ?body ?bodyRole WHERE {{ GRAPH <{graph}> {{
      {{ ?n pk:role ?r BIND(STRAFTER(STR(?r), "#") AS ?role) }}
      UNION {{ ?expr a pk:PlanText ; dct:language ?script .
               ?l a pk:LeadParagraph ; pk:partOf ?n ; pk:order ?order ; pk:text ?lead FILTER(lang(?lead) = LCASE(?script)) }}
      UNION {{ ?expr a pk:PlanText ; dct:language ?script .
               ?n pk:responsibility ?q . ?q prov:agent ?o ; prov:hadRole ?h ;
                  prov:wasDerivedFrom/oa:hasSelector/oa:start ?order .
               ?o skos:prefLabel ?body FILTER(lang(?body) = LCASE(?script)) BIND(STRAFTER(STR(?h), "#") AS ?bodyRole) }}
    }} }} ORDER BY ?n ?order""",
    ):
        node = nodes.get(r["n"])
        if node is None:
            continue
        if r["role"]:
            node.role = re.sub(r"(?<!^)(?=[A-Z])", " ", r["role"]).lower()  # GeneralRequirements -> general requirements
        if r["lead"]:
            node.leads.append(r["lead"])
        if r["body"]:
            node.bodies.append(f"{r['body']} ({r['bodyRole'].removesuffix('Role').lower()})")


def _number(r: dict[str, str]) -> str:
    """ "Target 2025: ≥55 (≥ 55 %)": a value as written and as parsed; "quantity: 6 间 (以上)" for a project."""
    what = " ".join(x for x in (r["kind"], r["year"], r["group"]) if x)
    parsed = " ".join(x for x in (r["comparator"], r["number"], r["unit"]) if x)
    if r["kind"] == "quantity":
        return f"{what}: {parsed}" + (f" ({r['qualifier']})" if r["qualifier"] else "")
    return f"{what}: {r['written']}" + (f" ({parsed})" if r["number"] else "")


@dataclass
class Lineage:
    """Plans, policy families, shared indicator concepts and shared policy instruments, with which plans each
    touches and how much, a family's mean copied-clause probability as its score, and an instrument's
    occurrences (plan, line, the name as written and the sentence it is named in)."""

    families: dict[str, dict] = field(default_factory=dict)
    concepts: dict[str, dict] = field(default_factory=dict)
    instruments: dict[str, dict] = field(default_factory=dict)
    parents: list[tuple[str, str]] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    store: Store | None = field(default=None, repr=False)  # where read_texts reads from

    def read_texts(self, iris: list[str]) -> None:
        """The member texts of these families and the occurrences of these instruments: read for the items a view
        shows only (every family's and instrument's were 8.7 M characters and half the time of the lineage view at
        1,000 plans, of which the view showed 300 items)."""
        if self.store is None:
            return
        families = [iri for iri in iris if iri in self.families and "members" not in self.families[iri]]
        instruments = [iri for iri in iris if iri in self.instruments and "occurrences" not in self.instruments[iri]]
        if families:
            _members(self.store, self, families)
        if instruments:
            _occurrences(self.store, self, instruments)


def _iris(iris: list[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def lineage(store: Store) -> Lineage:
    """The lineage graph as the lineage view needs it: each family, concept or instrument's plans with a count;
    the texts of the items shown are read by read_texts."""
    out = Lineage(store=store)
    for r in string_rows(
        store,
        f"""
    SELECT ?f ?label ?plan (COUNT(DISTINCT ?m) AS ?n) (SAMPLE(?themeLabel) AS ?theme) WHERE {{
      GRAPH <{LINEAGE_GRAPH}> {{ ?f a pk:PolicyFamily ; rdfs:label ?label ; pk:member ?m .
        OPTIONAL {{ ?f pk:theme ?t . ?t skos:prefLabel ?themeLabel FILTER(lang(?themeLabel) = "zh-hans") }} }}
      GRAPH ?g {{ ?m pk:inPlan ?plan }} }} GROUP BY ?f ?label ?plan ORDER BY ?f ?plan""",
    ):
        family = out.families.setdefault(r["f"], {"label": r["label"], "themes": set(), "plans": {}})
        family["plans"][r["plan"]] = int(r["n"])
        family["themes"].update([r["theme"]] if r["theme"] else [])
    for r in string_rows(
        store,
        f"""
    SELECT ?c ?label ?plan (COUNT(DISTINCT ?ind) AS ?n) (GROUP_CONCAT(DISTINCT ?themeLabel; separator="|") AS ?themes)
    WHERE {{
      GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:IndicatorConcept ; skos:prefLabel ?label ; pk:match/pk:indicator ?ind .
        OPTIONAL {{ ?ind pk:theme ?t . ?t skos:prefLabel ?themeLabel FILTER(lang(?themeLabel) = "zh-hans") }} }}
      GRAPH ?g {{ ?ind pk:inPlan ?plan }} }} GROUP BY ?c ?label ?plan ORDER BY ?c ?plan""",
    ):
        concept = out.concepts.setdefault(r["c"], {"label": r["label"], "themes": set(), "plans": {}})
        concept["plans"][r["plan"]] = int(r["n"])
        concept["themes"].update(t for t in r["themes"].split("|") if t)
    for r in string_rows(
        store,
        f"""
    SELECT ?f (AVG(?s) AS ?score) WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
      ?f a pk:PolicyFamily ; pk:member ?m . ?link a pk:TextReuse ; pk:between ?m ; pk:score ?s }} }} GROUP BY ?f""",
    ):
        if r["f"] in out.families:  # the mean probability of the family's copied-clause links
            out.families[r["f"]]["score"] = round(float(r["score"]), 3)
    _instruments(store, out)
    out.parents = [
        (r["child"], r["parent"])
        for r in string_rows(
            store,
            f"""
    SELECT ?child ?parent WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?child pk:parentPlan ?parent }} }} ORDER BY ?child ?parent""",
        )
    ]
    out.themes = sorted(
        {t for kind in (out.families, out.concepts, out.instruments) for item in kind.values() for t in item["themes"]}
    )
    return out


_SENTENCE_END = "。；;！!？?\n"


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of text that holds text[start:end], without its full stop."""
    before = max(text.rfind(c, 0, start) for c in _SENTENCE_END)
    after = min((i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0), default=len(text))
    return text[before + 1 : after].strip()


def _members(store: Store, out: Lineage, families: list[str]) -> None:
    """Each member's text as written, with its plan and line, for these families."""
    for f in families:
        out.families[f]["members"] = []
    for r in string_rows(
        store,
        f"""
    SELECT ?f ?plan ?line ?text WHERE {{ VALUES ?f {{ {_iris(families)} }}
      GRAPH <{LINEAGE_GRAPH}> {{ ?f a pk:PolicyFamily ; pk:member ?m }}
      GRAPH ?g {{ ?m pk:inPlan ?plan ; pk:text ?text ; prov:wasDerivedFrom/pk:line ?line .
                 ?doc eli:realizes ?plan ; dct:language ?script . FILTER(lang(?text) = LCASE(?script)) }}
    }} ORDER BY ?f ?plan ?line""",
    ):
        out.families[r["f"]]["members"].append((r["plan"], r["line"], r["text"]))


def _instruments(store: Store, out: Lineage) -> None:
    """Each shared instrument's plans with its occurrences in each (the themes of the items naming it are its
    themes), and each occurrence's line, quote and sentence, read from the span of the item it is in."""
    for r in string_rows(
        store,
        f"""
    SELECT ?c ?label ?specificity ?plan (COUNT(DISTINCT ?m) AS ?n) (GROUP_CONCAT(DISTINCT ?themeLabel; separator="|") AS ?themes)
    WHERE {{
      GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; skos:prefLabel ?label ; pk:specificity ?specificity ;
          pk:mention ?m . FILTER(lang(?label) = "zh-hans") ?m oa:hasTarget/oa:hasScope ?item .
        OPTIONAL {{ ?item pk:theme ?t . ?t skos:prefLabel ?themeLabel FILTER(lang(?themeLabel) = "zh-hans") }} }}
      GRAPH ?g {{ ?item pk:inPlan ?plan }} }} GROUP BY ?c ?label ?specificity ?plan ORDER BY ?c ?plan""",
    ):
        found = out.instruments.setdefault(
            r["c"], {"label": r["label"], "specificity": float(r["specificity"]), "themes": set(), "plans": {}}
        )
        found["plans"][r["plan"]] = int(r["n"])
        found["themes"].update(t for t in r["themes"].split("|") if t)


def _occurrences(store: Store, out: Lineage, instruments: list[str]) -> None:
    """Each occurrence of these instruments: its plan, line, the name as written and the sentence it is named in."""
    for c in instruments:
        out.instruments[c]["occurrences"] = []
    rows = string_rows(
        store,
        f"""
    SELECT ?c ?plan ?start ?quote ?line ?itemStart ?itemText WHERE {{ VALUES ?c {{ {_iris(instruments)} }}
      GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; pk:mention/oa:hasTarget ?t .
        ?t oa:hasScope ?item ; oa:hasSelector ?pos , ?q . ?pos oa:start ?start . ?q oa:exact ?quote }}
      GRAPH ?g {{ ?item pk:inPlan ?plan ; prov:wasDerivedFrom ?span . ?span pk:line ?line ; oa:hasSelector ?ipos , ?iq .
        ?ipos oa:start ?itemStart . ?iq oa:exact ?itemText }}
    }}""",
    )
    for r in sorted(rows, key=lambda r: (r["c"], r["plan"], int(r["start"]))):
        at, text = int(r["start"]) - int(r["itemStart"]), r["itemText"]
        line = int(r["line"]) + text[:at].count("\n")
        occurrence = (r["plan"], str(line), r["quote"], _sentence(text, at, at + len(r["quote"])))
        out.instruments[r["c"]]["occurrences"].append(occurrence)


@dataclass
class Target:
    """One plan's target for a shared indicator concept."""

    plan: str
    name: str
    written: str
    value: float
    comparator: str
    unit: str
    year: str
    file: str
    line: str


def shared_targets(store: Store) -> dict[str, list[Target]]:
    """Concept label -> each plan's numeric target (the latest year's), for concepts shared by two plans or more.

    Two queries joined here: the concepts' indicators (lineage graph) and every numeric target (document graphs).
    Oxigraph evaluated the two joined in one query in time growing with the square of the plans (15 s at 100).
    """
    concepts: dict[str, set[str]] = defaultdict(set)
    for r in string_rows(
        store,
        f"""SELECT ?label ?ind WHERE {{
      GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:IndicatorConcept ; skos:prefLabel ?label ; pk:match/pk:indicator ?ind }} }}""",
    ):
        concepts[r["ind"]].add(r["label"])
    found = string_rows(
        store,
        """
    SELECT ?ind ?plan ?name ?written ?number ?normalized ?comparator ?unit ?year ?file ?line ?prose WHERE {
      GRAPH ?g { ?expr a pk:PlanText ; dct:language ?script .
        ?ind pk:inPlan ?plan ; pk:name ?name FILTER(lang(?name) = LCASE(?script))
        ?ind pk:hasValue ?v . ?v pk:valueKind pk:Target ; pk:asWritten ?written ; pk:numericValue ?number ;
           prov:wasDerivedFrom ?span . ?span pk:line ?line ; oa:hasSource/dct:identifier ?file .
        OPTIONAL { ?v pk:normalizedValue ?normalized } OPTIONAL { ?v pk:comparator ?comparator }
        OPTIONAL { ?v pk:unit ?unit } OPTIONAL { ?v pk:year ?year } OPTIONAL { ?ind pk:statedIn ?prose } }
    }""",
    )
    by_concept: dict[str, dict[str, Target]] = defaultdict(dict)
    # A plan's latest target; of one year, its indicator table's row before a target it restates in prose.
    latest_first = sorted(
        (r for r in found if r["ind"] in concepts), key=lambda r: (-int(r["year"] or 0), bool(r["prose"]), r["ind"], r["line"])
    )
    for r in latest_first:
        value = float(r["normalized"] or r["number"])
        for label in concepts[r["ind"]]:
            by_concept[label].setdefault(
                r["plan"],
                Target(r["plan"], r["name"], r["written"], value, r["comparator"], r["unit"], r["year"], r["file"], r["line"]),
            )
    shared = {label: sorted(targets.values(), key=lambda t: t.plan) for label, targets in by_concept.items()}
    return {label: targets for label, targets in sorted(shared.items()) if len(targets) >= 2}
