"""Lineage kept up to date document by document equals lineage rebuilt from scratch, quad for quad.

The store's lineage cache (kg/lineage/cache.py) lets a build, a removal or `plankg lineage` recompute only what the
changed documents touch; these tests check the graph it leaves is the one a full rebuild of the same documents in
a fresh store writes, after a seeded random sequence of adds, replacements and removals, and when the cache is
stale, missing or of other code.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

import plankg
from plankg.graph.store import open_store
from plankg.graph.vocab import LINEAGE_GRAPH, PK, XSD_INTEGER
from plankg.lineage import cache as lineage_cache
from plankg.lineage import document_themes, instrument_concepts, redraw, scores, write
from plankg.lineage.graph import rebuild_lineage
from plankg.loading.documents import bundled_corpus, load_paths
from plankg.synth import write_corpus

CORPUS = bundled_corpus()
LINEAGE = NamedNode(str(LINEAGE_GRAPH))
FIXTURES = Path(__file__).parent / "fixtures"


def lineage_quads(store: Store) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(str(LINEAGE_GRAPH)))}


def rebuilt(paths: list[Path], where: Path) -> set[str]:
    """The lineage graph of the documents at paths loaded into a fresh store and rebuilt without any cache."""
    store = open_store(where)
    results = load_paths(store, paths)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    rebuild_lineage(store)
    return lineage_quads(store)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small documents: two corpus plans, the Guangxi parent chain (its citations resolve to loaded plans), four
    synthetic plans that copy clauses from each other, and reworded versions of three of them (the same plans)."""
    folder = tmp_path_factory.mktemp("documents")
    synthetic = folder / "synth"
    write_corpus(4, 7, synthetic)
    found = {p.name: p for p in [CORPUS / "003_1530986ba0a39128.txt", CORPUS / "004_816c855b418fc27c.txt"]}
    found.update({p.name: p for p in sorted((FIXTURES / "parent_chain").glob("*.txt"))})
    found.update({p.name: p for p in sorted(synthetic.glob("*.txt"))})
    longest = {name: max(path.read_text(encoding="utf-8").splitlines(), key=len) for name, path in found.items()}
    for name, line in (
        ("synth_00002.txt", longest["synth_00001.txt"]),  # a clause of another plan copied in place of its longest line
        ("450100_nanning.txt", ""),  # its longest line dropped
        ("004_816c855b418fc27c.txt", longest["003_1530986ba0a39128.txt"]),
    ):
        reworded = folder / "reworded" / name
        reworded.parent.mkdir(exist_ok=True)
        reworded.write_text(found[name].read_text(encoding="utf-8").replace(longest[name], line, 1), encoding="utf-8")
        if (meta := found[name].with_suffix(".meta.json")).exists():
            shutil.copy(meta, reworded.with_suffix(".meta.json"))
        found["reworded " + name] = reworded
    return found


def test_adds_replacements_and_removals_leave_the_graph_a_full_rebuild_writes(documents, tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(18)
    loaded_kept: list[bool] = []  # whether each lineage update found the instrument concepts kept (their update path)
    load = instrument_concepts._load
    monkeypatch.setattr(instrument_concepts, "_load", lambda *a: (kept := load(*a), loaded_kept.append(kept is not None))[0])
    themed: list[int] = []  # how many document graphs each lineage update made the themes of (the others' kept)
    made = document_themes._made
    monkeypatch.setattr(document_themes, "_made", lambda graphs, cache: (themed.append(len(graphs)), made(graphs, cache))[1])
    drawn: list[bool] = []  # in this process: whether the kept pairs were updated (a change of at most a quarter)
    entries: list[tuple[int, int]] = []  # and the items whose buckets' entries were made, of the items there are
    updated, add = redraw._updated, redraw.buckets.Index.add
    monkeypatch.setattr(redraw, "_updated", lambda *a: (codes := updated(*a), drawn.append(codes is not None))[0])
    making = lambda self, at, *rest: (entries.append((len(at), len(self.marks))), add(self, at, *rest))[1]  # noqa: E731
    monkeypatch.setattr(redraw.buckets.Index, "add", making)
    kept_updates = 0
    originals = [name for name in documents if not name.startswith("reworded ")]
    kg = plankg.open(tmp_path / "store", read_only=False)
    loaded: dict[str, Path] = {}  # file name -> the path loaded under it
    # every other build with a worker process: it searches text reuse (all new texts) or signs the new texts
    done, changed = [], []
    for n in range(10):
        before = lineage_quads(kg.store)
        drawn.clear()
        entries.clear()
        kind = "add" if n == 0 else rng.choice(("add", "add", "replace", "remove"))
        if kind == "remove" and loaded:
            name = rng.choice(sorted(loaded))
            kg.remove(name)
            del loaded[name]
        elif kind == "replace" and (replaceable := sorted(x for x in loaded if "reworded " + x in documents)):
            name = rng.choice(replaceable)  # the original and the reworded version replace each other
            loaded[name] = documents[name] if loaded[name] != documents[name] else documents["reworded " + name]
            assert kg.build([loaded[name]], validate=False, parallel=n % 2 == 1).ok
        else:
            kind = "add"
            names = rng.sample([x for x in originals if x not in loaded], 4 if n == 0 else 1)
            loaded.update((name, documents[name]) for name in names)
            assert kg.build([documents[name] for name in names], validate=False, parallel=n % 2 == 1).ok
        done.append(kind)
        if n % 2 == 0 and n > 0 and drawn == [True]:  # the kept pairs updated here: entries made of the new items alone
            assert all(made < items for made, items in entries), (done, entries)
            kept_updates += 1
        assert loaded_kept[-1] == (n > 0), done
        # the themes of the graph that came or was written again, and of the regions graph (no run is recorded for it)
        assert themed[-1] == (5 if n == 0 else 2 if kind != "remove" else 1), done
        assert lineage_quads(kg.store) == rebuilt(list(loaded.values()), tmp_path / f"fresh-{n}"), done
        if lineage_quads(kg.store) != before:
            changed.append(kind)
    assert set(changed) == {"add", "replace", "remove"}, (done, changed)
    assert kept_updates, done


def test_a_removal_and_a_full_rebuild_with_a_worker_process_leave_the_graph_one_process_writes(documents, tmp_path: Path) -> None:
    """`plankg remove` and `plankg lineage` start build's worker process: after a removal it draws the candidates, in
    a full rebuild (every text new) it shares the whole text-reuse search."""
    paths = [documents[n] for n in ("450000_guangxi.txt", "450100_nanning.txt", "synth_00003.txt", "synth_00004.txt")]
    kg = plankg.open(tmp_path / "store", read_only=False)
    kg.build(paths, validate=False, parallel=False)
    assert kg.remove("450100_nanning.txt", parallel=True)
    expected = rebuilt([p for p in paths if p.name != "450100_nanning.txt"], tmp_path / "fresh")
    assert lineage_quads(kg.store) == expected
    assert (tmp_path / "store" / scores.STATE_FILE).exists()  # the pairs' results the removal scored, kept
    assert kg.rebuild_lineage(full=True, parallel=True).documents_read == 3
    assert lineage_quads(kg.store) == expected
    assert not (tmp_path / "store" / scores.STATE_FILE).exists()  # forgotten; the worker scored every pair, none kept


def test_adding_a_document_reads_only_its_graph_from_the_store(documents, tmp_path: Path) -> None:
    kg = plankg.open(tmp_path / "store", read_only=False)
    first = [documents[n] for n in ("450000_guangxi.txt", "450100_nanning.txt", "synth_00001.txt")]
    assert kg.build(first, validate=False).lineage.documents_read == 3
    report = kg.build([documents["450900_yulin.txt"]], validate=False)
    assert report.lineage.documents_read == 1
    assert kg.rebuild_lineage().documents_read == 0
    assert lineage_quads(kg.store) == rebuilt([*first, documents["450900_yulin.txt"]], tmp_path / "fresh")


def test_a_stale_missing_or_foreign_cache_gives_the_same_graph(documents, tmp_path: Path, monkeypatch) -> None:
    paths = [documents[n] for n in ("450000_guangxi.txt", "450100_nanning.txt", "synth_00003.txt", "synth_00004.txt")]
    expected = rebuilt(paths, tmp_path / "fresh")
    monkeypatch.setattr(write, "WRITE_BATCH", 700)  # whole graphs and differences written in several transactions
    monkeypatch.setattr(write, "SPOOL_RUN", 500)  # the quads spilled to disk in sorted runs and merged back
    kg = plankg.open(tmp_path / "store", read_only=False)
    kg.build(paths[:3], validate=False)
    rebuild_lineage(kg.store)  # written without the cache: the cache's record of the lineage graph is stale
    kg.build(paths[3:], validate=False)
    assert lineage_quads(kg.store) == expected
    for kept in (tmp_path / "store").glob(lineage_cache.FILE_NAME + "*"):
        kept.unlink()
    assert kg.rebuild_lineage().documents_read == 4  # no cache: every graph read again
    assert lineage_quads(kg.store) == expected
    monkeypatch.setattr(lineage_cache, "versions", lambda: dict.fromkeys(lineage_cache.DEPENDS, "other code"))
    assert kg.rebuild_lineage().documents_read == 4  # the results of other code are not read
    assert lineage_quads(kg.store) == expected
    assert kg.rebuild_lineage(full=True).triples == len(expected)
    assert lineage_quads(kg.store) == expected


def test_a_record_of_the_graph_kept_with_other_units_gives_the_same_graph(documents, tmp_path: Path, monkeypatch) -> None:
    from plankg.lineage import graph

    paths = [documents[n] for n in ("450000_guangxi.txt", "450100_nanning.txt", "synth_00003.txt", "synth_00004.txt")]
    expected = rebuilt(paths, tmp_path / "fresh")
    units = graph.UNITS
    monkeypatch.setattr(graph, "UNITS", units[:2])  # the units of links and mentions only, as an earlier version kept
    kg = plankg.open(tmp_path / "store", read_only=False)
    kg.build(paths[:3], validate=False)
    monkeypatch.setattr(graph, "UNITS", units)
    assert not write.vouched(kg.store, lineage_cache.LineageCache(tmp_path / "store"), units)
    report = kg.build(paths[3:], validate=False)  # families, theme counts and concepts moved: the stored graph compared
    assert lineage_quads(kg.store) == expected
    assert report.lineage.triples == len(expected)
    assert kg.rebuild_lineage().triples == len(expected)  # vouched for again: the units left alone are counted
    assert write.vouched(kg.store, lineage_cache.LineageCache(tmp_path / "store"), units)


def test_the_spool_gives_each_subject_its_distinct_quads_sorted_whatever_the_order_and_the_runs(monkeypatch) -> None:
    from pyoxigraph import Literal

    rng = random.Random(3)
    quads = [
        (f"http://x/{rng.randrange(50)}", f"http://p/{rng.randrange(3)}", f"http://o/{rng.randrange(9)}") for _ in range(900)
    ]
    quads += [
        ("http://x/1", "http://p/t", Literal("一\n二\t三")),
        ("http://x/1/a", "http://p/t", Literal("4", datatype=XSD_INTEGER)),
    ]
    expected: dict[str, set[bytes]] = {}
    for s, p, o in quads:
        expected.setdefault(s, set()).add(f"{p} {o if isinstance(o, Literal) else f'<{o}>'}".encode())
    for run in (100_000, 70):  # in memory, and spilled in runs of 70 quads
        monkeypatch.setattr(write, "SPOOL_RUN", run)
        spool = write.Spool()
        for q in rng.sample(quads + quads[:100], len(quads) + 100):
            spool.add(*q)
        found = list(spool.subjects())
        assert [s for s, _ in found] == sorted(expected)
        assert all(lines == sorted(expected[s]) for s, lines in found)
        assert write.quads_of(found[:2])[0].subject == NamedNode(found[0][0])


def test_a_link_whose_inputs_did_not_change_is_not_made_again(documents, tmp_path: Path, monkeypatch) -> None:
    from plankg.lineage import graph

    made: list[str] = []
    make = graph._reuse_node
    monkeypatch.setattr(graph, "_reuse_node", lambda out, node, *rest: (made.append(node), make(out, node, *rest))[1])
    kg = plankg.open(tmp_path / "store", read_only=False)
    first = [documents[n] for n in ("synth_00001.txt", "synth_00002.txt", "synth_00003.txt")]
    links = kg.build(first, validate=False).lineage.reuse_links
    assert len(made) == len(set(made)) == links > 0  # each link's node made once
    made.clear()
    assert kg.rebuild_lineage().reuse_links == links
    assert made == []  # nothing changed: no link made again, the graph as it was
    assert lineage_quads(kg.store) == rebuilt(first, tmp_path / "fresh-3")
    made.clear()  # (made by the rebuild in a fresh store)
    report = kg.build([documents["synth_00004.txt"]], validate=False)
    stated = {q.subject.value for q in kg.store.quads_for_pattern(None, NamedNode(str(PK.between)), None, LINEAGE)}
    assert 0 < len(made) < report.lineage.reuse_links  # the links of the new plan, and those its statistics moved
    assert set(made) <= stated
    assert lineage_quads(kg.store) == rebuilt([*first, documents["synth_00004.txt"]], tmp_path / "fresh-4")


def test_a_plan_outside_the_statistics_sample_makes_only_its_own_links(documents, tmp_path: Path, monkeypatch) -> None:
    """The copied-clause statistics are counted over a sample of the plans (reuse_model.sample): a plan added outside
    it changes no other pair's features, so the only links made are its own, and the graph is a rebuild's."""
    from plankg.lineage import graph, reuse_model

    monkeypatch.setattr(reuse_model, "SAMPLE", 1)  # of the first three plans one is in it, and synth_00004 falls outside
    made: list[str] = []
    make = graph._reuse_node
    monkeypatch.setattr(graph, "_reuse_node", lambda out, node, *rest: (made.append(node), make(out, node, *rest))[1])
    scored: list[set[str]] = []  # the plans of each pair scored (the others' results kept, kg/lineage/scores.py)
    score = graph._scored
    monkeypatch.setattr(
        graph,
        "_scored",
        lambda items, ordered, *rest: (
            scored.extend({items[a].plan, items[b].plan} for a, b in ordered),
            score(items, ordered, *rest),
        )[1],
    )
    counted: list[int] = []  # every text's statistics made (of how many items), rather than the new texts weighed
    count = graph._statistics
    monkeypatch.setattr(graph, "_statistics", lambda items, *rest: (counted.append(len(items)), count(items, *rest))[1])
    first = [documents[n] for n in ("synth_00001.txt", "synth_00002.txt", "synth_00003.txt")]
    kg = plankg.open(tmp_path / "store", read_only=False)
    kg.build(first, validate=False, parallel=False)
    before = {item.plan for item in graph.reuse_items(kg.store)[0]}
    assert len(counted) == 1
    made.clear()
    scored.clear()
    kg.build([documents["synth_00004.txt"]], validate=False, parallel=False)
    items = graph.reuse_items(kg.store)[0]
    (added,) = {item.plan for item in items} - before
    assert added not in reuse_model.sample(before | {added}) == reuse_model.sample(before)
    assert scored and all(added in plans for plans in scored)  # only the pairs of its texts scored
    assert len(counted) == 1  # under the sample's counts kept (statistics.standing)
    mine = {item.iri for item in items if item.plan == added}
    between = NamedNode(str(PK.between))
    own = {q.subject.value for q in kg.store.quads_for_pattern(None, between, None, LINEAGE) if q.object.value in mine}
    assert own and sorted(made) == sorted(own)  # its own links made, no other
    assert lineage_quads(kg.store) == rebuilt([*first, documents["synth_00004.txt"]], tmp_path / "fresh")


def test_a_literal_made_in_another_form_than_the_store_holds_stays_when_written_in_batches(monkeypatch) -> None:
    from pyoxigraph import Literal, Quad

    decimal = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    store = Store()
    for n in range(6):  # the store holds each score as "1" (its form of the xsd:decimal 1.0)
        store.add(Quad(NamedNode(f"http://x/{n}"), NamedNode("http://p/score"), Literal("1", datatype=decimal), LINEAGE))
        store.add(Quad(NamedNode(f"http://x/{n}"), NamedNode("http://p/old"), NamedNode("http://o/gone"), LINEAGE))
    monkeypatch.setattr(write, "WRITE_BATCH", 4)  # several transactions
    spool = write.Spool()
    for n in range(6):  # the lineage made: the score as "1.0", one quad gone, one new
        spool.add(f"http://x/{n}", "http://p/score", Literal("1.0", datatype=decimal))
        spool.add(f"http://x/{n}", "http://p/new", "http://o/new")
    assert write.write(store, spool, None) == 12
    assert sorted(str(q.predicate) for q in store.quads_for_pattern(NamedNode("http://x/3"), None, None, LINEAGE)) == [
        "<http://p/new>",
        "<http://p/score>",
    ]
    assert len(list(store.quads_for_pattern(None, NamedNode("http://p/score"), None, LINEAGE))) == 6


def test_each_kept_result_is_versioned_by_the_data_files_its_modules_read() -> None:
    """A kind of kept result is computed again when a data file its code reads changes, and only then: retraining the
    copied-clause model or writing the reasoning rules again keeps every result. Each module's reads are found in its
    source (a file of kg/data named there), so a read added without declaring it fails here."""
    from importlib import resources

    data = {f.name for f in resources.files("plankg").joinpath("data").iterdir() if f.is_file()}
    scored_only = {("plankg.lineage", "reuse_model.py"): {"reuse_model.json"}}  # read to score; scores.py digests it
    for kind in lineage_cache.DEPENDS:
        digested = lineage_cache.sources(kind)
        for package, name in lineage_cache.DEPENDS[kind]:
            source = resources.files(package).joinpath(name).read_text(encoding="utf-8")
            named = {f for f in data if f'"{f}"' in source or f'data/{f}"' in source}
            assert named - scored_only.get((package, name), set()) <= {n.removeprefix("data/") for _, n in digested}, (kind, name)
        assert not {"data/reuse_model.json", "data/reason_rules.json", "data/central_bodies.tsv"} & {n for _, n in digested}
    assert lineage_cache.sources("minhash") == [
        ("plankg.lineage", "fingerprints.py"),
        ("plankg.lineage", "passages.py"),
        ("plankg", "data/userdict.txt"),
        ("plankg", "data/stock_phrases.txt"),
        ("plankg", "data/instrument_heads.txt"),
    ]
