"""The lineage graph: how policy travels between the loaded plans, recomputed from the document graphs.

The whole graph is recomputed as a function of the document graphs, its costly parts read from the store's lineage
cache for what did not change (kg/lineage/cache.py, records.py), and only the subjects whose quads changed are
written (kg/lineage/write.py): the graph is the one a rebuild from scratch writes, at a fraction of the cost.
Four kinds of link, all in one named graph (LINEAGE_GRAPH):
- citations resolved to loaded plans by normalised title; a plan's basis (依据/根据) citations are its
  declared parents (pk:parentPlan); a citation of a plan that is not loaded stays a pk:UnresolvedWork;
- indicator rows of different plans grouped under shared SKOS concepts, exact or close, with evidence;
- copied clauses between measures and projects of different plans (kg/lineage/textreuse.py, judged by the model of
  kg/lineage/reuse_model.py), as PROV-O qualified derivations when the direction is knowable (declared parent, or a
  plan of an ancestor region), else as undirected pk:TextReuse links, each with its probability, the features
  that drove it and its shared passages (Web Annotations targeting spans of both sources); an undirected link
  between two items that derivations already connect is not stated (stated_links): items copied from one source
  are a derivation tree under it, not a clique of sibling links, and their family says they belong together;
- policy instruments (kg/lineage/instruments.py) named by two or more plans in measures, projects and targets
  stated in prose, as SKOS concepts with their plans and occurrences as Web Annotations on spans of the
  sources, each element linked to the instruments it names;
- policy families (connected components of reuse links) and themes of every item.
"""

from __future__ import annotations

import gc
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import takewhile
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Store

from plankg.graph import vocab
from plankg.graph.vocab import ID, PROV, RDF_TYPE, RDFS, SKOS, XSD
from plankg.lineage import (
    document_themes,
    drawing,
    gram_counts,
    instrument_concepts,
    instruments,
    records,
    redraw,
    reuse_model,
    scores,
    statistics,
    textreuse,
    themes,
    write,
)
from plankg.lineage.cache import LineageCache, text_key, unknown
from plankg.lineage.passages import Passage
from plankg.loaders.extract import normalise_title
from plankg.loaders.numerals import FIVE_YEAR_NAME, chinese_to_int, five_year_name
from plankg.loaders.repair import read_offsets
from plankg.loaders.script import to_simplified

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from concurrent.futures import Executor, Future
    from pathlib import Path

    import numpy as np


class _Terms:
    """A namespace's terms as plain strings, each made once (an rdflib Namespace makes a URIRef at every access:
    a third of the time of writing a thousand plans' lineage quads)."""

    def __init__(self, namespace: vocab.Namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = str(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


PK, OA = _Terms(vocab.PK), _Terms(vocab.OA)
INDICATOR_SCHEME = ID["indicator-concept"]
INSTRUMENT_SCHEME = ID["instrument"]
INDICATOR_NAMES = ID["indicator-names"]  # the distinct Simplified names of all indicators (pk:NameIndex)
THEME_COUNTS = str(ID["theme-count/"])  # a pk:ThemeCount's IRI: this and a digest of its plan, title and theme
SCORE_BATCH = 20_000  # candidate pairs scored at once (at most cache.SCAN: their results are looked up)
DRIVERS = 3  # features recorded on a reuse link: those that raised its probability most
CLOSE_RATIO = 0.8  # difflib ratio of normalised indicator names for a close match
_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(%|元|个|张|人|亿|万|平方米|/)[^()（）]*[)）]?$|[(（]%$")
_NAME_NOISE = re.compile(r"[\"“”‘’'「」『』\s\u3000]")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]?\Z")  # SPARQL REPLACE(?name, "[(（][^()（）]*[)）]?$", "")
_SYNONYMS = (("老年人", "老人"), ("比例", "占比"), ("个数", "数"), ("数量", "数"), ("总量", "数"), ("的", ""))
_CONTRASTS = ({"城市", "农村"}, {"集中", "分散"}, {"困难", "重度"}, {"城镇", "农村"})
_QUALIFIERS = ("城市", "农村", "每", "公办", "民办")  # an urban, rural, per-capita, public or private rate is not the overall one


@dataclass
class LineageSummary:
    """What a rebuild found, for the summary table and for `plankg build`."""

    plans: int = 0
    citations: int = 0
    resolved_citations: int = 0
    declared_parents: int = 0
    indicator_concepts: int = 0
    grouped_indicators: int = 0
    items: int = 0
    themed_nodes: int = 0
    unthemed_nodes: int = 0
    candidate_pairs: int = 0
    instruments: int = 0
    instrument_mentions: int = 0
    reuse_links: int = 0
    directed_links: int = 0
    families: int = 0
    triples: int = 0
    documents_read: int = 0  # document graphs read from the store (the others' records came from the cache)
    seconds: dict[str, float] = field(default_factory=dict)
    inferences: str | None = None  # how the store's inferred graph followed, if it has one (pipeline.update_lineage)


def _n(iri: str) -> NamedNode:
    return NamedNode(str(iri))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class _Out:
    """Collects the lineage quads (kg/lineage/write.py spools them to disk and writes those that changed)."""

    def __init__(self) -> None:
        self.spool = write.Spool()
        self.add: Callable[[str, str, str | Literal], None] = self.spool.add  # called for every quad: no layer between

    def type(self, s: str, *classes: str) -> None:
        for c in classes:
            self.spool.add(s, RDF_TYPE.value, c)


def _lit(value, datatype: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(str(value), language=lang)
    return Literal(str(value), datatype=_n(XSD + datatype)) if datatype else Literal(str(value))


# ---------------------------------------------------------------- reading the document graphs


def _plans(corpus: records.Corpus, parents: dict[str, str]) -> dict[str, dict]:
    """plan IRI -> title key, region and ancestor regions (none when the text states no place), the document
    date the text states (else ""), period start."""
    plans = {}
    for plan, title, region, date, start in corpus.rows("plans"):
        ancestors, place = [], region
        while place in parents:
            place = parents[place]
            ancestors.append(place)
        plans[plan] = {"key": title_key(title), "region": region, "ancestors": ancestors, "date": date, "start": start}
    return plans


def reuse_items(store: Store) -> tuple[list[textreuse.Item], dict[str, str]]:
    """Measures and projects (Simplified text, source, offset) and each one's heading context."""
    corpus = records.Corpus(records.read(store))
    return _reuse_items(corpus), document_themes.contexts(corpus.rows("item_context"))


def _reuse_items(corpus: records.Corpus) -> list[textreuse.Item]:
    items = (
        textreuse.Item(item, plan, kind, text, src, int(start), int(end))
        for item, plan, kind, text, src, start, end in corpus.rows("items")
    )
    return sorted(items, key=lambda i: (i.plan, i.start, i.iri))


def target_items(store: Store) -> list[textreuse.Item]:
    """Targets stated in prose outside any measure or project (in a goal or a lead paragraph), as items of kind
    "target" (their Simplified clause, source, offset): their clauses name instruments too (到2025年，特殊困难老人
    定期探访制度全面建立). A target stated in a measure or a box item is not one: that item names its instruments."""
    return _target_items(records.Corpus(records.read(store)))


def _target_items(corpus: records.Corpus) -> list[textreuse.Item]:
    items = (
        textreuse.Item(item, plan, "target", to_simplified(exact), src, int(start), int(end))
        for item, plan, exact, src, start, end in corpus.rows("targets")
    )
    return sorted(items, key=lambda i: (i.plan, i.start, i.iri))


def _indicators(corpus: records.Corpus) -> list[dict[str, str]]:
    rows = [dict(zip(("ind", "plan", "name", "category"), r, strict=True)) for r in corpus.rows("indicators")]
    return sorted(rows, key=lambda r: r["ind"])


def _citations(corpus: records.Corpus) -> list[dict[str, str]]:
    rows = [dict(zip(("cite", "plan", "work", "title", "basis"), r, strict=True)) for r in corpus.rows("citations")]
    return sorted(rows, key=lambda r: r["cite"])


# ---------------------------------------------------------------- citation lineage


_YEAR_IN_WORDS = re.compile(r"[零〇○OＯ一二三四五六七八九]{4}(?=年)")  # 二〇三五年


def title_key(title: str) -> str:
    """A title reduced so that a citation and the cited plan's own title meet: see normalise_title; a year
    written in words is the year (…二〇三五年远景目标的建议 is cited …2035年远景目标的建议)."""
    if not title:
        return ""
    key = normalise_title(title).replace("(", "(").replace(")", ")")
    return _YEAR_IN_WORDS.sub(lambda m: str(chinese_to_int(m.group())), key)


_ISSUING_NOTICE = re.compile(r"关于(?:印发|转发|颁布|发布|公布)[〈<《]?(.+?)[〉>》]?的(?:通知|决定)$")


_YEARS_AFTER = re.compile(r"[(（](\d{4})\s*[-—–~至到]\s*(\d{4})\s*年?[)）]$")  # 规划(2021—2025年)


def _period_apart(key: str) -> str:
    """A title key with its five-year period taken out and put at the end, the years a title may end with read as
    the period they are: 江苏省民政事业发展“十四五”规划, 江苏省“十四五”民政事业发展规划 and 江苏省“十四五”民政事业发展
    规划(2021—2025年) are one plan, cited any of these ways ("" when the title names no period)."""
    years = _YEARS_AFTER.search(key)
    bare = key[: years.start()] if years else key
    periods = set(FIVE_YEAR_NAME.findall(bare))
    if years:
        first, last = years.group(1), years.group(2)
        periods.add(five_year_name(int(first), int(last)) or f"{first}-{last}")
    return f"{FIVE_YEAR_NAME.sub('', bare)}|{'|'.join(sorted(periods))}" if periods else ""


# 中共X委关于制定X国民经济和社会发展第N个五年规划和二〇三五年远景目标的建议, after title_key
_PROPOSAL = re.compile(
    r"^(?P<issuer>.*?)关于(?:制定|编制)(?P<place>.*?)国民经济和社会发展(?P<period>十[一二三四五六七八九]五)规划"
    r"(?:和\d{4}年远景目标)?的建议$"
)
# the place a party committee is of: 中共福建省委平潭综合实验区工作委员会, 平潭综合实验区党工委 -> 平潭综合实验区
_COMMITTEE = re.compile(r"^(?:中共)?(?:.+?[省市]委(?=.))?(?P<place>.+?)(?:党工委|工作委员会|委员会|党委|工委|委)$")


def _proposal_apart(key: str) -> str:
    """The place and period of a title key of a party committee's proposal for a five-year plan ("" for any other
    title): there is one such 建议 of a place for a period, and its citations name it loosely, the committee
    abridged (党工委 for 中共福建省委…工作委员会), 编制 for 制定, the place left to the committee's name."""
    m = _PROPOSAL.match(key)
    if not m:
        return ""
    committee = _COMMITTEE.match(m.group("issuer"))
    place = m.group("place") or (committee.group("place") if committee else m.group("issuer"))
    return f"建议|{place}|{m.group('period')}"


def _loose_keys(key: str) -> list[str]:
    """The looser keys of a title key, each matching only where one loaded plan alone has it."""
    return [loose for loose in (_period_apart(key), _proposal_apart(key)) if loose]


def cited_keys(title: str) -> list[str]:
    """The keys a citation may match a loaded plan by (see plan_keys), most exact first: its title's, the issued
    plan's when it cites the notice that issued one (《民政部关于印发〈“十四五”民政事业发展规划〉的通知》), then each
    with the period apart, or as a proposal's place and period."""
    key = title_key(title)
    notice = _ISSUING_NOTICE.search(key)
    keys = [key, notice.group(1)] if notice else [key]
    return keys + [loose for k in keys for loose in _loose_keys(k)]


def plan_keys(plans: dict[str, dict]) -> dict[str, str]:
    """Title key -> plan, and each looser key (see _loose_keys) -> plan where one plan alone has it."""
    by_key = {p["key"]: plan for plan, p in plans.items() if p["key"]}
    loose: dict[str, set[str]] = {}
    for key, plan in by_key.items():
        for apart in _loose_keys(key):
            loose.setdefault(apart, set()).add(plan)
    return by_key | {key: next(iter(found)) for key, found in loose.items() if len(found) == 1 and key not in by_key}


def _citation_lineage(
    out: _Out, plans: dict[str, dict], citations: list[dict[str, str]], summary: LineageSummary
) -> dict[str, set[str]]:
    """Resolve citations; returns child plan -> its declared parent plans."""
    by_key = plan_keys(plans)
    parents: dict[str, set[str]] = {}
    works_done: set[str] = set()
    for c in citations:
        summary.citations += 1
        target = next((by_key[k] for k in cited_keys(c["title"]) if k in by_key), None)
        if target and target != c["plan"]:
            summary.resolved_citations += 1
            if c["work"] not in works_done:
                out.add(c["work"], PK.resolvesTo, target)
            if c["basis"] == "true" and target not in parents.setdefault(c["plan"], set()):
                parents[c["plan"]].add(target)
                out.add(c["plan"], PK.parentPlan, target)
                summary.declared_parents += 1
        elif c["work"] not in works_done:
            out.type(c["work"], PK.UnresolvedWork)
        works_done.add(c["work"])
    return parents


def cited_bases(plans: dict[str, dict], citations: list[dict[str, str]]) -> dict[str, set[str]]:
    """Plan -> the loaded plans it cites as its basis (依据《…》), as _citation_lineage resolves them."""
    by_key = plan_keys(plans)
    bases: dict[str, set[str]] = {}
    for c in citations:
        target = next((by_key[k] for k in cited_keys(c["title"]) if k in by_key), None)
        if target and target != c["plan"] and c["basis"] == "true":
            bases.setdefault(c["plan"], set()).add(target)
    return bases


def _is_parent(parent: str, child: str, plans: dict[str, dict], declared: dict[str, set[str]]) -> bool:
    """A declared parent, or a plan of one of the child's ancestor regions whose period does not start after the
    child's: a province's 2025 work plan is no source of a county's 2021-2025 plan (both copy the province's)."""
    if parent in declared.get(child, set()):
        return True
    above, below = plans[parent], plans[child]
    later = bool(above["start"] and below["start"]) and above["start"][:4] > below["start"][:4]
    return above["region"] in below["ancestors"] and not later


# ---------------------------------------------------------------- indicator lineage


def indicator_name(name: str) -> str:
    """An indicator name in Simplified, without quote marks, spaces or a trailing unit like (%) or (元/人)."""
    return _UNIT_SUFFIX.sub("", _NAME_NOISE.sub("", to_simplified(name)))


def name_key(name: str) -> str:
    """An indicator's Simplified name without its trailing bracketed part, a unit like (%) or an unclosed (万人: the
    key indicators-shared groups by, stored (pk:nameKey) so that a query joins on it instead of computing it."""
    return _TRAILING_BRACKET.sub("", name)


def _comparable(name: str) -> str:
    for a, b in _SYNONYMS:
        name = name.replace(a, b)
    return name


def indicators_match(a: str, b: str) -> bool:
    """Close names: one contains the other, or difflib ratio >= CLOSE_RATIO, unless they differ by a contrast
    such as 城市/农村 or a qualifier only one has (the rural or per-capita rate is a different indicator)."""
    x, y = _comparable(a), _comparable(b)
    if any((q in x) != (q in y) for q in _QUALIFIERS):
        return False
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and any({x[i1:i2], y[j1:j2]} == pair for pair in _CONTRASTS):
            return False
    shorter, longer = sorted((x, y), key=len)
    return (len(shorter) >= 6 and shorter in longer) or matcher.ratio() >= CLOSE_RATIO


def indicator_groups(rows: list[dict[str, str]]) -> list[list[int]]:
    """Groups (indexes into rows) of indicators of at least two plans that measure the same thing.

    Distinct names are compared, not rows (a thousand plans repeat a few hundred names), and candidates come
    from an inverted index of character bigrams, so names are not compared all to all.
    """
    names = [indicator_name(r["name"]) for r in rows]
    distinct = sorted(set(names))
    index: dict[str, set[int]] = {}
    matched, comparable = _Components(), set[int]()
    for i, name in enumerate(distinct):
        grams = {_comparable(name)[k : k + 2] for k in range(len(_comparable(name)) - 1)}
        if len(grams) >= 3:  # rows sharing a name are one indicator when the name is long enough to compare
            comparable.add(i)
        seen: Counter[int] = Counter()
        for g in grams:
            seen.update(index.get(g, ()))
            index.setdefault(g, set()).add(i)
        for j, shared in seen.items():
            if shared >= 3 and indicators_match(name, distinct[j]):
                matched.join(i, j)
    rows_of: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        rows_of.setdefault(name, []).append(i)
    groups = []
    for component in matched.components(range(len(distinct))):
        if len(component) == 1 and component[0] not in comparable:
            continue
        members = sorted(r for n in component for r in rows_of[distinct[n]])
        if len({rows[i]["plan"] for i in members}) >= 2:
            groups.append(members)
    return sorted(groups)


def _indicator_lineage(out: _Out, rows: list[dict[str, str]], summary: LineageSummary, units: write.Units) -> None:
    """The lookup keys of every indicator, and a SKOS concept for each group of indicators of several plans that
    measure the same thing (indicator_groups): the concept and its matches a unit (made only when its members, their
    names or plans changed, write.Units)."""
    out.type(INDICATOR_SCHEME, SKOS + "ConceptScheme")
    out.type(INDICATOR_NAMES, PK.NameIndex)
    for row in rows:  # lookup keys for the query library (indicators-shared, indicator-across-plans)
        out.add(row["ind"], PK.nameKey, _lit(name_key(row["name"]), lang="zh-Hans"))
        out.add(INDICATOR_NAMES, PK.indicatorName, _lit(row["name"], lang="zh-Hans"))
    for group in indicator_groups(rows):
        names = [indicator_name(rows[i]["name"]) for i in group]
        label = Counter(names).most_common(1)[0][0]
        concept = str(ID[f"indicator-concept/{_digest(label)}"])
        members = [(rows[i]["ind"], name) for i, name in zip(group, names, strict=True)]
        plans = [rows[i]["plan"] for i in group]
        for ind, _ in members:
            out.add(ind, PK.indicatorConcept, concept)
        if units.fresh(concept, label, members, sorted(set(plans))):
            _indicator_concept(out, concept, label, members, plans)
        summary.indicator_concepts += 1
        summary.grouped_indicators += len(group)


def _indicator_concept(out: _Out, concept: str, label: str, members: list[tuple[str, str]], plans: list[str]) -> None:
    """An indicator concept's node and its matches (members: each indicator and its normalised name)."""
    out.type(concept, SKOS + "Concept", PK.IndicatorConcept)
    out.add(concept, SKOS + "inScheme", INDICATOR_SCHEME)
    out.add(concept, SKOS + "prefLabel", _lit(label, lang="zh-Hans"))
    exact = len({name for _, name in members}) == 1
    out.add(concept, PK.matchKind, _lit("exact" if exact else "close"))
    for ind, name in members:
        match = f"{concept}/member/{_digest(ind)}"
        out.type(match, PK.ConceptMatch)
        out.add(concept, PK.match, match)
        out.add(match, PK.indicator, ind)
        out.add(match, PK.normalizedName, _lit(name, lang="zh-Hans"))
        out.add(match, PK.matchType, SKOS + ("exactMatch" if name == label else "closeMatch"))
    _concept_plans(out, concept, plans)


def _concept_plans(out: _Out, concept: str, plans: list[str]) -> None:
    """The plans that have an indicator of the concept (pk:spansPlan), for the query library: whether a plan has
    one is then one lookup (binding-missing-in-child), not a walk over every item of the plan."""
    for plan in sorted(set(plans)):
        out.add(concept, PK.spansPlan, plan)


# ---------------------------------------------------------------- measure lineage


def _source_texts(corpus: records.Corpus) -> dict[str, str]:
    """Each source document's text as written: passage quotes come from it, not from the Simplified copy."""
    return {src: text for src, text in corpus.rows("sources")}


def directed(a: textreuse.Item, b: textreuse.Item, plans: dict[str, dict], declared: dict[str, set[str]]) -> bool:
    """Whether a copied clause between a and b has a knowable direction (a derivation): one's plan is a parent of
    the other's (_is_parent). It depends on the two plans only, never on the texts."""
    return _is_parent(a.plan, b.plan, plans, declared) or _is_parent(b.plan, a.plan, plans, declared)


def _directed_pairs(
    items: list[textreuse.Item], pairs: np.ndarray, plans: dict[str, dict], declared: dict[str, set[str]]
) -> np.ndarray:
    """directed, of each pair (a row of two item indexes), decided once for each pair of plans."""
    import numpy as np

    names = {name: n for n, name in enumerate(sorted({item.plan for item in items}))}
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    plan_of = np.array([names[item.plan] for item in items], dtype=np.int64)
    both, inverse = np.unique(plan_of[pairs[:, 0]] * len(names) + plan_of[pairs[:, 1]], return_inverse=True)
    plan = list(names)
    decided = [
        _is_parent(plan[x], plan[y], plans, declared) or _is_parent(plan[y], plan[x], plans, declared)
        for x, y in zip((both // len(names)).tolist(), (both % len(names)).tolist(), strict=True)
    ]
    return np.array(decided, dtype=bool)[inverse.reshape(-1)]


class _Components:
    """Union-find over item indexes: which items a set of links connects."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while (up := self.parent.get(root, root)) != root:
            root = up
        while x != root:  # path compression
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def components(self, nodes: Iterable[int]) -> list[list[int]]:
        """The components the nodes fall in, each in the nodes' order."""
        found: dict[int, list[int]] = {}
        for node in nodes:
            found.setdefault(self.find(node), []).append(node)
        return list(found.values())


def derivation_components(
    items: list[textreuse.Item], links: list[textreuse.Reuse], plans: dict[str, dict], declared: dict[str, set[str]]
) -> _Components:
    """The items the directed links (derivations) connect, as components."""
    components = _Components()
    for link in links:
        if directed(items[link.a], items[link.b], plans, declared):
            components.join(link.a, link.b)
    return components


def stated_links(
    items: list[textreuse.Item], links: list[textreuse.Reuse], plans: dict[str, dict], declared: dict[str, set[str]]
) -> list[textreuse.Reuse]:
    """The copied-clause links the graph states: every derivation, and an undirected link only between items that no
    chain of derivations already connects. When thirty prefectures copy a province's measure, the thirty derivations
    and the policy family say it; their 435 pairwise sibling links would say it again. A set-based rule (the result
    depends on the links and plans only, never on their order), so an incremental update equals a rebuild, and the
    families (connected components of the links) are the same with or without the links left out: each joins two
    items already connected."""
    components = derivation_components(items, links, plans, declared)
    return [
        link
        for link in links
        if directed(items[link.a], items[link.b], plans, declared) or components.find(link.a) != components.find(link.b)
    ]


def score_stated(
    items: list[textreuse.Item],
    ordered: Sequence[tuple[int, int]] | np.ndarray,
    plans: dict[str, dict],
    declared: dict[str, set[str]],
    score: Callable[[list[tuple[int, int]]], list[textreuse.Reuse]],
) -> list[textreuse.Reuse]:
    """stated_links of the links score finds among the candidate pairs ordered (sorted pairs, or rows of an array),
    scoring only the pairs it can keep: whether a pair is directed depends on its plans alone, so the directed pairs
    are scored first, and of the others only those whose items no derivation found connects. score must judge a pair
    the same whatever else it is given (the model's statistics are over all items): it is given SCORE_BATCH pairs at
    a time, so that what is held of the pairs stays bounded however many there are."""
    import numpy as np

    pairs = np.asarray(ordered, dtype=np.int64).reshape(-1, 2)
    down = _directed_pairs(items, pairs, plans, declared)
    links = _in_batches(score, pairs[down])
    trees = derivation_components(items, links, plans, declared)
    tree = np.array([trees.find(i) for i in range(len(items))], dtype=np.int64)
    across = pairs[~down & (tree[pairs[:, 0]] != tree[pairs[:, 1]])]
    return sorted(links + _in_batches(score, across), key=lambda link: (link.a, link.b))


def _in_batches(score: Callable[[list[tuple[int, int]]], list[textreuse.Reuse]], pairs: np.ndarray) -> list[textreuse.Reuse]:
    found: list[textreuse.Reuse] = []
    for k in range(0, len(pairs), SCORE_BATCH):
        found += score([(a, b) for a, b in pairs[k : k + SCORE_BATCH].tolist()])
    return found


def _reuse_lineage(
    out: _Out,
    items: list[textreuse.Item],
    links: list[textreuse.Reuse],
    plans: dict[str, dict],
    declared: dict[str, set[str]],
    summary: LineageSummary,
    sources: dict[str, str],
    units: write.Units,
    spanned: _Spanned,
) -> None:
    """Each link's node (a unit: made only when its inputs changed, write.Units) and the derived item's quads."""
    for link in links:
        a, b = items[link.a], items[link.b]
        node = str(ID[f"reuse/{_digest(*sorted((a.iri, b.iri)))}"])
        source, derived = None, None
        if _is_parent(a.plan, b.plan, plans, declared):
            source, derived = a, b
        elif _is_parent(b.plan, a.plan, plans, declared):
            source, derived = b, a
        if source and derived:
            summary.directed_links += 1
            out.add(derived.iri, PROV + "qualifiedDerivation", node)
            out.add(derived.iri, PROV + "wasDerivedFrom", source.iri)
        regions = (plans[a.plan]["region"], plans[b.plan]["region"])
        inputs = (spanned(a), spanned(b), link.score, _shown(link), link.passages, source == a, regions)
        if units.fresh(node, textreuse.METHOD, bool(source), *inputs):
            _reuse_node(out, node, link, (a, b), (source, derived), sources, plans)
    summary.reuse_links = len(links)


def _shown(link: textreuse.Reuse) -> tuple[tuple[str, float, float], ...]:
    """The drivers a link's node states: the DRIVERS first that raised its probability."""
    return tuple(takewhile(lambda driver: driver[2] > 0, link.drivers[:DRIVERS]))


class _Spanned:
    """What a span of an item's text in its source is made of (_span): the item and its source's text over its span,
    digested once for each item however many units (reuse links, instrument mentions) it is an input of."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources, self.done = sources, dict[str, bytes]()

    def __call__(self, item: textreuse.Item) -> bytes:
        found = self.done.get(item.iri)
        if found is None:
            spanned = self.sources[item.source][item.start : max(item.end, item.start + len(item.text))]
            made = repr((item.iri, item.source, item.start, item.end, item.text, spanned)).encode()
            found = self.done[item.iri] = hashlib.blake2b(made, digest_size=16).digest()
        return found


# the subjects of units (write.Units): nodes of links, instrument mentions, indicator concepts (with their matches),
# policy families and theme counts
UNITS = (f"{ID}reuse/*", f"{ID}instrument/*/mention/*", f"{ID}indicator-concept/*", f"{ID}family/*", f"{ID}theme-count/*")


def _reuse_node(
    out: _Out,
    node: str,
    link: textreuse.Reuse,
    items: tuple[textreuse.Item, textreuse.Item],
    direction: tuple[textreuse.Item | None, textreuse.Item | None],
    sources: dict[str, str],
    plans: dict[str, dict],
) -> None:
    """A reuse link's node: its items, probability, drivers, direction and shared passages."""
    a, b = items
    source, derived = direction
    out.type(node, PK.TextReuse)
    out.add(node, PK.between, a.iri)
    out.add(node, PK.between, b.iri)
    out.add(node, PK.score, _lit(link.score, "decimal"))
    out.add(node, PK.method, _lit(textreuse.METHOD))
    for name, value, contribution in _shown(link):
        feature = f"{node}/feature/{name}"
        out.type(feature, PK.FeatureValue)
        out.add(node, PK.drivenBy, feature)
        out.add(feature, PK.featureName, _lit(name))
        out.add(feature, PK.featureValue, _lit(value, "decimal"))
        out.add(feature, PK.contribution, _lit(contribution, "decimal"))
    out.add(node, PK.directed, _lit("true" if source else "false", "boolean"))
    if source and derived:
        out.type(node, PROV + "Derivation")
        out.add(node, PROV + "entity", source.iri)
        _derivation_regions(out, node, plans[source.plan]["region"], plans[derived.plan]["region"])
    for n, p in enumerate(link.passages, start=1):
        passage = f"{node}/passage_{n}"
        out.type(passage, OA.Annotation, PK.SharedPassage)
        out.add(passage, OA.motivatedBy, OA.linking)
        out.add(node, PK.sharedPassage, passage)
        for side, item, start, end in (("a", a, p.a_start, p.a_end), ("b", b, p.b_start, p.b_end)):
            _span(out, passage, f"{passage}/{side}", item, start, end, sources)


def _derivation_regions(out: _Out, node: str, source: str | None, derived: str | None) -> None:
    """The regions of a derivation's two ends' plans (a plan may state none), so that a query following derivations
    down the administrative chain (diffusion-paths) reads them here instead of every item's plan and its region."""
    if source:
        out.add(node, PK.sourceRegion, source)
    if derived:
        out.add(node, PK.derivedRegion, derived)


def _instrument_lineage(
    out: _Out,
    items: list[textreuse.Item],
    plans: dict[str, dict],
    summary: LineageSummary,
    sources: dict[str, str],
    found: instruments.Found,
    units: write.Units,
    spanned: _Spanned,
) -> None:
    """One SKOS concept per instrument named by two or more plans (found: instruments.find of the items), with those
    plans, the earliest document date they state (none when none states one) and its occurrences as spans of the
    sources (each a unit: made only when its inputs changed, write.Units)."""
    if not found.shared:
        return
    out.type(INSTRUMENT_SCHEME, SKOS + "ConceptScheme")
    concepts = {k: str(ID[f"instrument/{_digest(k)}"]) for k in found.shared}
    for k, concept in sorted(concepts.items()):
        out.type(concept, SKOS + "Concept", PK.PolicyInstrument)
        out.add(concept, SKOS + "inScheme", INSTRUMENT_SCHEME)
        out.add(concept, SKOS + "prefLabel", _lit(k, lang="zh-Hans"))
        out.add(concept, SKOS + "prefLabel", _lit(instruments.traditional(k), lang="zh-Hant"))
        out.add(concept, PK.specificity, _lit(round(found.specificity(k), 3), "decimal"))
        broader = next((k[n:] for n in range(1, len(k)) if k[n:] in found.shared), None)
        if broader:
            out.add(concept, SKOS + "broader", concepts[broader])
        for plan in sorted(found.shared[k]):
            out.add(concept, PK.spansPlan, plan)
        out.add(concept, PK.planCount, _lit(len(found.shared[k]), "integer"))
        dates = [plans[plan]["date"] for plan in found.shared[k] if plans[plan]["date"]]
        if dates:
            out.add(concept, PK.earliestAppearance, _lit(min(dates), "date"))
    for item, spans in zip(items, found.spans, strict=True):
        for k, start, end in spans:
            concept = concepts[k]
            out.add(item.iri, PK.namesInstrument, concept)
            node = f"{concept}/mention/{_digest(item.iri, f'{start}-{end}')}"
            out.add(concept, PK.mention, node)
            summary.instrument_mentions += 1
            if units.fresh(node, concept, spanned(item), start, end):
                out.type(node, OA.Annotation, PK.InstrumentMention)
                out.add(node, OA.motivatedBy, OA.identifying)
                out.add(node, OA.hasBody, concept)
                _span(out, node, f"{node}/target", item, start, end, sources)
    summary.instruments = len(found.shared)


def _specificity(
    texts: list[str], cache: LineageCache, folder: Path | None = None, full: bool = False
) -> instruments.Specificity:
    """The Specificity of texts, from the 4-gram counts kept in folder (the store's, beside the cache) brought up to
    date (kg/lineage/gram_counts.py), the 4-grams of the texts that came or went read from the cache (or made)."""
    keys = [text_key(t) for t in texts]
    text_of = dict(zip(keys, texts, strict=True))

    def grams(wanted: list[bytes]) -> dict[bytes, np.ndarray]:
        known = cache.known("keygrams", wanted)
        todo = [k for k in wanted if k not in known and k in text_of]
        made = [instruments.key_grams(text_of[k]) for k in todo]
        cache.keep("keygrams", todo, made)
        known.update(zip(todo, made, strict=True))
        return {k: instruments.counted_grams(g) for k, g in known.items()}

    counted = gram_counts.counts(keys, grams, folder, full)
    return instruments.Specificity.counted(len(texts), counted.grams, counted.df)


def _span(out: _Out, annotation: str, target: str, item: textreuse.Item, start: int, end: int, sources: dict[str, str]) -> None:
    """A target of annotation selecting item's text from start to end (offsets into the item's text) in its source."""
    out.add(annotation, OA.hasTarget, target)
    out.type(target, OA.SpecificResource)
    out.add(target, OA.hasSource, item.source)
    out.add(target, OA.hasScope, item.iri)
    out.add(target, OA.hasSelector, f"{target}/position")
    out.add(target, OA.hasSelector, f"{target}/quote")
    source = sources[item.source]
    start, end = _in_source(item, source, start, end)
    out.type(f"{target}/position", OA.TextPositionSelector)
    out.add(f"{target}/position", OA.start, _lit(start, "integer"))
    out.add(f"{target}/position", OA.end, _lit(end, "integer"))
    out.type(f"{target}/quote", OA.TextQuoteSelector)
    out.add(f"{target}/quote", OA.exact, _lit(source[start:end]))


def _in_source(item: textreuse.Item, source: str, start: int, end: int) -> tuple[int, int]:
    """Offsets into an item's text as offsets into its source. A text read from a repaired view (PDF text,
    Markdown) lacks characters its span has (stray spaces, page furniture, markup): they are stepped over."""
    if end <= start or (at := _offsets_in_span(item.text, source, item.start, item.end)) is None:
        return item.start + start, item.start + end
    return item.start + at[start], item.start + at[end - 1] + 1


@lru_cache(maxsize=1024)
def _offsets_in_span(text: str, source: str, start: int, end: int) -> list[int] | None:
    """Where each character of an item's text is in its span of the source (from start), None when they are the same
    length (read as they stand): a function of the item alone, made once for all of its passages and mentions."""
    quote = to_simplified(source[start:end]) if end > start else ""
    return None if len(quote) == len(text) else read_offsets(text, quote)


def _when(plan: dict) -> tuple[int, str]:
    """The order of a family's members: by the document dates the plans state, then the undated by period start.
    The earliest appearance is thus a stated date whenever a member's plan states one; no date is made up."""
    return (0, plan["date"]) if plan["date"] else (1, plan["start"] or "9999")


def _families(
    out: _Out,
    items: list[textreuse.Item],
    links: list[textreuse.Reuse],
    plans: dict[str, dict],
    item_themes: dict[str, list[str]],
    summary: LineageSummary,
    units: write.Units,
) -> None:
    """Connected components of the reuse graph, labelled by the title of their earliest member; each family's node a
    unit (made only when what it states changed, write.Units)."""
    linked = _Components()
    for link in links:
        linked.join(link.a, link.b)
    labels = {t.iri: t.label for t in themes.thesaurus()}
    for component in linked.components(sorted({i for link in links for i in (link.a, link.b)})):
        members = sorted(component, key=lambda i: (_when(plans[items[i].plan]), items[i].iri))
        first = items[members[0]]
        family = str(ID[f"family/{_digest(*sorted(items[i].iri for i in members))}"])
        label = themes.family_label(first.text)
        theme_count = Counter(t for i in members for t in item_themes.get(items[i].iri, []))
        in_label = themes.hits(label) if theme_count else {}
        theme = min(theme_count, key=lambda t: (-theme_count[t], -in_label.get(t, 0), labels.get(t, t))) if theme_count else None
        spanned = sorted({items[i].plan for i in members})
        stated = (label, theme, [items[i].iri for i in members], [(p, plans[p]["region"]) for p in spanned])
        if units.fresh(family, *stated, first.plan, plans[first.plan]["date"]):
            _family(out, family, *stated, first.plan, plans[first.plan]["date"])
        summary.families += 1


def _family(
    out: _Out,
    family: str,
    label: str,
    theme: str | None,
    members: list[str],
    spanned: list[tuple[str, str]],
    first: str,
    date: str,
) -> None:
    """A policy family's node: its label, theme, members, plans and regions, size, earliest plan and the date it
    states (spanned: each plan with its region, "" when its text states none)."""
    out.type(family, PK.PolicyFamily)
    out.add(family, RDFS + "label", _lit(label, lang="zh-Hans"))
    if theme:
        out.add(family, PK.theme, theme)
    for member in members:
        out.add(family, PK.member, member)
    for plan, region in spanned:
        out.add(family, PK.spansPlan, plan)
        if region:
            out.add(family, PK.spansRegion, region)
    out.add(family, PK.size, _lit(len(members), "integer"))
    out.add(family, PK.earliestPlan, first)
    if date:
        out.add(family, PK.earliestAppearance, _lit(date, "date"))


# ---------------------------------------------------------------- themes


def _themes(out: _Out, corpus: records.Corpus, summary: LineageSummary, cache: LineageCache) -> document_themes.Themed:
    """The thesaurus and each node's themes (document_themes.themed: each graph's part kept by the runs that wrote it)."""
    for t in themes.thesaurus_triples():
        out.add(t.subject.value, t.predicate.value, t.object if isinstance(t.object, Literal) else t.object.value)
    found = document_themes.themed(corpus, cache)
    for node, theme_list in found.assigned.items():
        for theme in theme_list:
            out.add(node, PK.theme, theme)
    summary.themed_nodes = sum(1 for v in found.assigned.values() if v)
    summary.unthemed_nodes = len(found.assigned) - summary.themed_nodes
    return found


def _theme_counts(out: _Out, counts: dict[document_themes.Count, tuple[int, int, int]], units: write.Units) -> None:
    """How many measures, projects and indicators of each plan each theme has, under the plan's Simplified title (a
    pk:ThemeCount node per plan, title and theme), for the query library: theme-coverage reads a count per plan and
    theme instead of joining every themed node with its class, document and title (half a million nodes at 10,000
    plans). Counted under each document's title: the query shows the title, and two documents of one plan may
    state two (document_themes.Themed.counts). Each count's node is a unit (made only when its count changed,
    write.Units)."""
    for (plan, title, theme), (measures, projects, indicators) in counts.items():
        node = f"{THEME_COUNTS}{_digest(plan, title, theme)}"
        if not units.fresh(node, plan, title, theme, measures, projects, indicators):
            continue
        out.type(node, PK.ThemeCount)
        out.add(node, PK.countedPlan, plan)
        out.add(node, PK.countedTitle, _lit(title, lang="zh-Hans"))
        out.add(node, PK.countedTheme, theme)
        out.add(node, PK.measureCount, _lit(measures, "integer"))
        out.add(node, PK.projectCount, _lit(projects, "integer"))
        out.add(node, PK.indicatorCount, _lit(indicators, "integer"))


# ---------------------------------------------------------------- the whole rebuild


@contextmanager
def _uncollected() -> Iterator[None]:
    """The cyclic garbage collector paused (as it was after): lineage makes millions of lists and tuples that live
    until it ends and make few cycles, and each full collection walks them all as they pile up (0.6-0.9 s of CPU
    in seven or eight full collections of one add to 1,000 plans). The garbage is freed by reference counting meanwhile. What is
    left is then made old (frozen and thawed into the oldest generation) rather than left young, where the next
    collection of the young would walk it all; the next full collection frees what cycles it has."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


class LineageRebuild:
    """A rebuild in two steps: reading the document graphs, which starts the text-reuse search on a worker
    process when given one (plankg.lineage.worker, textreuse.SharedSearch), then the rest (finish). Between the
    two the caller's own work runs beside the search (`plankg build` validates the documents).

    cache: the folder of the store, where the results of the costly steps are kept (kg/lineage/cache.py), so that
    a rebuild after a few documents changed costs a few documents; None keeps them for this rebuild only. The
    result does not depend on it. full: forget what the cache holds and replace the whole lineage graph. touched: told
    the nodes of the lineage quads that went or came (kg/graph/inferences.py)."""

    @_uncollected()
    def __init__(
        self,
        store: Store,
        worker: Executor | None = None,
        min_score: float | None = None,
        cache: Path | None = None,
        full: bool = False,
        touched: Callable[[Iterable[str]], None] | None = None,
    ) -> None:
        self.store, self.min_score, self.full, self.touched = store, min_score, full, touched
        self.cache = LineageCache(cache)
        self.persistent = cache is not None
        self.folder = cache  # where the statistics' counts and the candidate pairs are kept (statistics.py, redraw.py)
        if full:
            self.cache.clear()
            if cache is not None:
                scores.forget(cache)
        self.summary = LineageSummary()
        self.clock = time.perf_counter()
        corpus = records.load(store, self.cache if self.persistent else None)
        self.corpus = corpus
        self.plans = _plans(corpus, records.region_parents(store))
        self.items = _reuse_items(corpus)
        self.indicators = _indicators(corpus)
        self.targets = _target_items(corpus)
        self.citations = _citations(corpus)
        self.summary.plans, self.summary.items = len(self.plans), len(self.items)
        self.summary.documents_read = corpus.read_from_store
        self.lap("read")
        texts = [item.text for item in self.items]
        keys = [text_key(t) for t in texts]
        self.search: textreuse.SharedSearch | None = None
        # which texts have signatures kept (those wanted are read when the candidates need them)
        self.unsigned = unknown(keys, dict.fromkeys(self.cache.have("minhash", keys)))
        named = [item.text for item in self.items + self.targets]
        self.named_keys = [text_key(t) for t in named]
        self.named: dict[bytes, list] = {}  # the mention rows made now (those kept are read when needed: _rows)
        self.unnamed = unknown(self.named_keys, dict.fromkeys(self.cache.have("mentions", self.named_keys)))
        if worker and len(self.unsigned) * 2 > len(keys):  # mostly new texts: the worker shares the whole search
            self.search = textreuse.SharedSearch(self.items, worker, min_score, _places(self.items, self.plans, self.citations))
        self.naming: Future[list[list]] | None = None
        if worker and self.unnamed:  # the worker finds the instrument mentions of the new texts (its jieba is loaded)
            self.naming = worker.submit(drawing.mention_rows, [named[n] for n in self.unnamed])
        self.drawing: Future[drawing.Drawn] | None = None
        if worker and not self.search:  # and draws the candidates (signing the new texts) while the caller works
            places = _places(self.items, self.plans, self.citations)
            self.drawing = worker.submit(drawing.drawn, self.cache.path, self.items, self.unsigned, places, self.folder, full)
        self.lap("signatures")

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.summary.seconds[stage] = round(now - self.clock, 3)
        self.clock = now

    def _rows(self, wanted: list[bytes]) -> dict[bytes, list]:
        """The instrument mentions (drawing.mention_rows) of the texts of keys wanted: those of the new texts, made now
        (by the worker when there is one) and kept, or kept ones."""
        if self.unnamed:
            texts = [(self.items + self.targets)[n].text for n in self.unnamed]
            rows = self.naming.result() if self.naming else drawing.mention_rows(texts)
            keys = [self.named_keys[n] for n in self.unnamed]
            self.cache.keep("mentions", keys, rows)
            self.named.update(zip(keys, rows, strict=True))
            self.unnamed = []
        found = {k: self.named[k] for k in wanted if k in self.named}
        found.update(self.cache.known("mentions", [k for k in wanted if k not in found]))
        return found

    def _searched(self) -> list[textreuse.Reuse]:
        """The reuse links the search shared with the worker found (SharedSearch), what it computed kept."""
        items, cache = self.items, self.cache

        def keep(pairs: list[tuple[int, int]], compared: list[textreuse.Compared], terms: list[bytes]) -> None:
            keys = [text_key(items[a].text, items[b].text) for a, b in pairs]
            cache.keep("passages", keys, [_encode(c) for c in compared])
            cache.keep("terms", keys, terms)  # made with the comparison: the next run never aligns the pair again

        assert self.search is not None
        candidates, links = self.search.result(keep)
        self.summary.candidate_pairs = len(candidates)
        if self.folder is not None:
            redraw.keep(self.folder, items, _places(items, self.plans, self.citations), candidates)
        keys = [text_key(item.text) for item in items]
        cache.keep("minhash", keys, self.search.signed)
        cache.keep("runs", keys, self.search.hashed)
        self.lap("reuse (shared with the worker)")
        return links

    def _candidates(self) -> np.ndarray:
        """The candidate pairs (textreuse.candidate_codes): drawn by the worker, or here; the signatures and run
        hashes made for them kept."""
        items, cache = self.items, self.cache
        keys = [text_key(item.text) for item in items]
        if self.drawing:
            codes, signed, unhashed, hashed = self.drawing.result()
            cache.keep("minhash", [keys[n] for n in self.unsigned], signed)
            cache.keep("runs", [keys[n] for n in unhashed], hashed)
            return codes
        made = drawing.Made(items, self.unsigned, cache)
        self.lap("signatures")
        cache.keep("minhash", [keys[n] for n in self.unsigned], made.signed)
        cache.keep("runs", [keys[n] for n in made.unhashed], made.hashed)
        places = _places(items, self.plans, self.citations)
        return redraw.candidates(items, made.texts, places, self.folder, drawing.known_of(cache), self.full)

    def _instruments(self, out: _Out, sources: dict[str, str], units: write.Units, spanned: _Spanned) -> None:
        items = self.items + self.targets
        texts = [item.text for item in items]
        specificity = _specificity(texts, self.cache, self.folder, self.full)
        found = instrument_concepts.found(texts, [item.plan for item in items], self._rows, specificity, self.folder, self.full)
        _instrument_lineage(out, items, self.plans, self.summary, sources, found, units, spanned)

    @_uncollected()
    def finish(self) -> LineageSummary:
        """Compute the rest and write what changed in the lineage graph (kg/lineage/write.py)."""
        summary, items, out, cache = self.summary, self.items, _Out(), self.cache
        self.clock = time.perf_counter()
        kept = self.persistent and not self.full and write.vouched(self.store, cache, UNITS)  # else every unit is made
        units = write.Units(cache.units() if kept else {}, UNITS)
        declared = _citation_lineage(out, self.plans, self.citations, summary)
        _indicator_lineage(out, self.indicators, summary, units)
        self.lap("citations+indicators")
        themed = _themes(out, self.corpus, summary, cache)
        _theme_counts(out, themed.counts, units)
        self.lap("themes")
        sources = _source_texts(self.corpus)
        spanned = _Spanned(sources)
        instrumented = False
        if self.search:
            links = self._searched()
        else:
            import numpy as np

            scorer = _Scorer(items, cache, self.folder, self.full, self.min_score)
            if self.drawing:  # what does not need the candidates is done here while the worker draws them
                scorer.prepare()
                self.lap("statistics")
                self._instruments(out, sources, units, spanned)
                instrumented = True
                self.lap("instruments")
            codes = self._candidates()
            summary.candidate_pairs = len(codes)
            pairs = np.stack([codes // max(len(items), 1), codes % max(len(items), 1)], axis=1)  # sorted, as the codes
            self.lap("candidates")
            links = score_stated(items, pairs, self.plans, declared, scorer)  # pairs whose link is not stated: not scored
            scorer.keep()
            del scorer, pairs, codes  # the statistics' arrays: several hundred bytes an item
            self.lap("scoring")
        links = stated_links(items, links, self.plans, declared)  # the worker's: it scored every candidate
        _reuse_lineage(out, items, links, self.plans, declared, summary, sources, units, spanned)
        if not instrumented:
            self._instruments(out, sources, units, spanned)
        self.lap("reuse and instruments" if not instrumented else "reuse")
        _families(out, items, links, self.plans, themed.assigned, summary, units)
        persistent = cache if self.persistent else None
        summary.triples = write.write(self.store, out.spool, persistent, self.full, units if persistent else None, self.touched)
        self.lap("write")
        cache.close()
        return summary


def _statistics(
    items: list[textreuse.Item], cache: LineageCache, folder: Path | None = None, full: bool = False
) -> reuse_model.Statistics:
    """The copied-clause model's statistics over all the items: the counts kept in folder (the store's, beside the
    cache) brought up to date (kg/lineage/statistics.py), the grams of the texts that came read from the cache."""
    texts = {text_key(item.text): item.text for item in items}

    def grams(keys: list[bytes]) -> list[bytes]:
        return cache.results("grams", keys, lambda todo: [reuse_model.item_grams(texts[keys[n]]) for n in todo])

    return statistics.statistics([text_key(item.text) for item in items], [item.plan for item in items], grams, folder, full)


class _Scorer:
    """score_stated's score: the result of each pair kept while the statistics' sample stands (kg/lineage/scores.py:
    those of the pairs last scored, under the same sample, model and code) read, the other pairs scored (_scored)
    under the statistics: then the texts of those pairs alone weighed under the sample's counts kept
    (statistics.standing), else every text's statistics made (when first needed). keep() keeps the result of every
    pair asked for the next time."""

    def __init__(
        self, items: list[textreuse.Item], cache: LineageCache, folder: Path | None, full: bool, min_score: float | None
    ) -> None:
        self.items, self.cache, self.folder, self.full, self.min_score = items, cache, folder, full, min_score
        self.texts = [text_key(i.text) for i in items]  # a pair's key in the kept results: its texts' keys, joined
        self.sample = statistics.sample_digest(self.texts, [i.plan for i in items])
        self.stamp = scores.stamp(self.sample, min_score)
        self.kept = None if full or folder is None else scores.load(folder, self.stamp)
        self.counts = None if self.kept is None or folder is None else statistics.standing(folder, self.sample)
        self.results: dict[bytes, scores.Result] = {}
        self.stats: reuse_model.Statistics | None = None
        self.scored = 0  # pairs scored under the statistics (the others' results were kept)

    def prepare(self) -> None:
        """Make every text's statistics now when the sample's counts are not kept (every pair is to be scored)."""
        if self.counts is None:
            self._under([])

    def _under(self, pairs: list[tuple[int, int]]) -> reuse_model.Statistics:
        """The statistics the pairs are scored under: the texts of the pairs weighed under the sample's counts kept, or
        every text's (made once, their sample's counts then kept)."""
        if self.counts is not None:
            return self._weighed(pairs)
        if self.stats is None:
            self.stats = _statistics(self.items, self.cache, self.folder, self.full)
            if self.folder is not None:
                statistics.keep_sample(self.folder, self.sample, self.stats)
        return self.stats

    def _weighed(self, pairs: list[tuple[int, int]]) -> reuse_model.Statistics:
        """The sample's counts kept with the texts of the pairs weighed under them (their grams read from the cache)."""
        import numpy as np

        assert self.counts is not None
        items = self.items
        texts = list(dict.fromkeys(items[n].text for pair in pairs for n in pair))
        keys = [text_key(t) for t in texts]
        grams = self.cache.results("grams", keys, lambda todo: [reuse_model.item_grams(texts[n]) for n in todo])
        row = {t: n for n, t in enumerate(texts)}
        rows = np.array([row.get(item.text, len(texts) + 1) for item in items], dtype=np.int64)  # past them: not weighed
        return statistics.weighed(self.counts, grams, rows)

    def __call__(self, batch: list[tuple[int, int]]) -> list[textreuse.Reuse]:
        items, kept = self.items, self.kept or {}
        keys = [self.texts[a] + self.texts[b] for a, b in batch]
        todo = [batch[n] for n, k in enumerate(keys) if k not in kept]
        found = _scored(items, todo, self.cache, self.min_score, self._under(todo)) if todo else []
        self.scored += len(todo)
        made: dict[tuple[int, int], scores.Result] = {(link.a, link.b): (link.score, link.drivers) for link in found}
        linked: list[tuple[tuple[int, int], float, scores.Drivers]] = []  # the kept links: their passages read
        for pair, key in zip(batch, keys, strict=True):
            result = kept[key] if key in kept else made.get(pair)
            self.results[key] = result
            if key in kept and result is not None:
                linked.append((pair, *result))
        compared = _passages([pair for pair, _, _ in linked], items, self.cache)
        return found + [
            textreuse.Reuse(a, b, score, passages, drivers)
            for ((a, b), score, drivers), (passages, _) in zip(linked, compared, strict=True)
        ]

    def keep(self) -> None:
        """Keep the result of every pair asked for (beside the cache), when they are not those kept already."""
        if self.folder is not None and (self.scored or self.kept is None or len(self.results) != len(self.kept)):
            scores.save(self.folder, self.stamp, self.results)


def _scored(
    items: list[textreuse.Item],
    ordered: list[tuple[int, int]],
    cache: LineageCache,
    min_score: float | None,
    stats: reuse_model.Statistics | None = None,
) -> list[textreuse.Reuse]:
    """The reuse links among pairs of items (textreuse.scored), what does not depend on the corpus read from the
    cache where known: each pair's pair terms and shared passages (read for the links only), each item's grams (stats:
    the statistics made of them, when made already). A pair's result does not depend on the other pairs scored with
    it (the statistics are over all the items)."""
    pair_keys = [text_key(items[a].text, items[b].text) for a, b in ordered]
    terms = cache.known("terms", pair_keys)
    compared: dict[bytes, textreuse.Compared] = {}
    if todo := unknown(pair_keys, terms):  # new pairs: their passages (kept or compared now), then their terms
        compared = dict(zip((pair_keys[n] for n in todo), _passages([ordered[n] for n in todo], items, cache), strict=True))
        new = []
        for n in todo:
            (a, b), (passages, longest) = ordered[n], compared[pair_keys[n]]
            new.append(reuse_model.pair_terms(items[a].text, items[b].text, list(passages), longest) if passages else b"")
        cache.keep("terms", [pair_keys[n] for n in todo], new)
        terms.update(zip((pair_keys[n] for n in todo), new, strict=True))
    found = textreuse.scored(items, ordered, [terms[k] for k in pair_keys], min_score, stats=stats or _statistics(items, cache))
    unread = [ordered[n] for n, _, _ in found if pair_keys[n] not in compared]
    read = _passages(unread, items, cache)
    compared.update(zip((text_key(items[a].text, items[b].text) for a, b in unread), read, strict=True))
    return [textreuse.Reuse(*ordered[n], score, compared[pair_keys[n]][0], drivers) for n, score, drivers in found]


def _passages(pairs: list[tuple[int, int]], items: list[textreuse.Item], cache: LineageCache) -> list[textreuse.Compared]:
    """The shared passages of pairs of items: kept ones read, the others compared (passages.compare) and kept."""
    found = cache.results(
        "passages",
        [text_key(items[a].text, items[b].text) for a, b in pairs],
        lambda todo: [_encode(textreuse.compare_texts([(items[pairs[n][0]].text, items[pairs[n][1]].text)])[0]) for n in todo],
    )
    return [_decode(value) for value in found]


def _places(
    items: list[textreuse.Item], plans: dict[str, dict], citations: list[dict[str, str]] | None = None
) -> textreuse.Places:
    """Where each item's plan sits among the writers of a formula (textreuse.lsh_pairs): its rank, the depth of its
    plan's region (the nation's plans first, then a province's …, a plan whose text states no region last), and
    its chain of regions (its plan's region and those it is part of, nearest first, then those of the plans it
    cites as its basis: a county whose region was read wrong still copies the prefecture's plan it cites)."""
    deepest = max((len(p["ancestors"]) for p in plans.values()), default=0) + 1
    own = {iri: (plan["region"], *plan["ancestors"]) if plan["region"] else () for iri, plan in plans.items()}
    chains = dict(own)
    for plan, bases in cited_bases(plans, citations or []).items():
        if own[plan]:
            chains[plan] = tuple(dict.fromkeys(own[plan] + tuple(r for base in sorted(bases) for r in own[base])))
    return textreuse.Places(
        [len(plans[i.plan]["ancestors"]) if plans[i.plan]["region"] else deepest for i in items],
        [chains[i.plan] for i in items],
    )


def _encode(compared: textreuse.Compared) -> list:
    passages, longest = compared
    return [[[p.a_start, p.a_end, p.b_start, p.b_end, p.text] for p in passages], longest]


def _decode(value: list) -> textreuse.Compared:
    return tuple(Passage(*p) for p in value[0]), value[1]


def rebuild_lineage(
    store: Store,
    min_score: float | None = None,
    cache: Path | None = None,
    full: bool = False,
    touched: Callable[[Iterable[str]], None] | None = None,
) -> LineageSummary:
    """Recompute the lineage graph from the document graphs and write what changed (kg/lineage/write.py); min_score
    is the least probability of a copied clause linked (default: the model's threshold); cache is the store's
    folder, where what was computed is kept for the next time (None: nothing kept); full forgets it and replaces
    the whole graph; touched is told the nodes of the quads that went or came."""
    return LineageRebuild(store, min_score=min_score, cache=cache, full=full, touched=touched).finish()
