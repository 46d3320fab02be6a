"""A synthetic national hierarchy of plans: one national plan, provincial, prefecture and county plans under it,
and annual work plans under some of them, for measuring lineage where the truth is known.

The shares of the levels follow one sector's real collection for one period (1 national, 31 provincial, about
330 prefecture and 2,800 county plans) scaled to the number of plans asked for; every plan's region is a real
gazetteer region inside its parent's region (a county inside its prefecture inside its province). Each child's
preamble cites its parent by title as basis (依据《…》…制定本规划), in the forms real texts use: the parent's own
title, with other quote marks or none, or the issuing notice 《…关于印发〈…〉的通知》. A child inherits a share of
its parent's measures (perturbed as in plankg.synth) and its indicator table: binding (约束性) indicators are
sometimes dropped or weakened, as real children do. lineage-truth.json records every plan's parent, the copies,
the dropped and the weakened binding indicators. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from plankg.graph.vocab import NATION_CODE
from plankg.loaders.regions import Region, chain, find_region, gazetteer
from plankg.loaders.script import to_simplified
from plankg.synth import PERTURBATIONS, Material, chunks, cn_numeral, edit, load_material, perturb, to_traditional, vary_numbers

# Plans of one sector and period in the real collection, by level (issue 18).
REAL_COUNTS = {"province": 31, "prefecture": 330, "district": 2800}
ANNUAL_SHARE = 0.1  # share of the plans that are annual work plans of a region that has a five-year plan
INHERIT_SHARE = 0.4  # share of a parent's measures a child copies
DROP_BINDING = 0.2  # chance a child drops one of its parent's binding indicators
WEAKEN_BINDING = 0.15  # chance a child keeps one but weakens it (a lower target, or no longer binding)
ANNUAL_YEARS = 5  # an annual work plan is of one of the period's years, 2021 to 2025
KEEP_EXPECTED = 0.8  # chance a child keeps one of its parent's expected (预期性) indicators
YEARS_IN_TITLE = 0.15  # share of titles ending with the period's years, 规划(2021—2025年)
CITED_YEARS = 0.1  # chance a child cites its parent with the years its title does not state, or without those it does
GRANDPARENT_TOO = 0.15  # chance a child cites its grandparent's plan too, before its parent's
TRADITIONAL_SHARE = 0.2
NATIONAL_TITLE = "“十四五”民政事业发展规划"
NATIONAL_ISSUER = "民政部 国家发展改革委"
_OUTSIDE = ("71", "81", "82")  # Taiwan, Hong Kong and Macao: no plans of this collection
_QUOTE_FORMS = (("“", "”"), ('"', '"'), ("", ""), ("「", "」"))


@dataclass
class Row:
    """One indicator row of a plan's table."""

    name: str
    unit: str
    baseline: str
    target: str
    attribute: str  # 约束性 | 预期性

    @property
    def binding(self) -> bool:
        return self.attribute == "约束性"


@dataclass
class Node:
    """One plan of the tree."""

    region: Region | None  # None for the national plan
    kind: str  # five-year | annual
    parent: Node | None = None
    year: int = 0  # an annual work plan's year
    file: str = ""
    title: str = ""
    place: str = ""  # the region's name as the title writes it
    issuer: str = ""
    measures: list[tuple[str, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> str:
        return "national" if self.region is None else self.region.level if self.kind == "five-year" else "annual"


def level_counts(plans: int) -> dict[str, int]:
    """How many plans of each kind a tree of `plans` plans has: one national plan, then the real shares."""
    annual = round(plans * ANNUAL_SHARE) if plans >= 10 else 0
    rest = plans - annual - 1
    total = sum(REAL_COUNTS.values())
    province = max(1, round(rest * REAL_COUNTS["province"] / total)) if rest >= 1 else 0
    prefecture = max(1, round(rest * REAL_COUNTS["prefecture"] / total)) if rest >= 2 else 0
    return {
        "national": 1,
        "province": province,
        "prefecture": prefecture,
        "district": rest - province - prefecture,
        "annual": annual,
    }


def _children_by_region() -> dict[str, list[Region]]:
    """Region code -> the regions directly inside it."""
    children: dict[str, list[Region]] = {}
    for reg in sorted(gazetteer().values(), key=lambda r: r.code):
        if reg.parent_code and not reg.code.startswith(_OUTSIDE):
            children.setdefault(reg.parent_code, []).append(reg)
    return children


class _TreeBuilder:
    """Grows the tree level by level. Counties are added to the chosen prefecture with the fewest, prefectures to
    the chosen province with the fewest; when the chosen ones have no region left, the next one above joins."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.children = _children_by_region()
        self.root = Node(None, "five-year")
        self.provinces: list[Node] = []
        self.prefectures: list[Node] = []
        self.size = 1  # five-year plans so far
        candidates = [r for r in self.children.get(NATION_CODE, []) if r.level == "province"]
        self.free_provinces = [p for p in candidates if any(self._inside(c, "district") for c in self._inside(p, "prefecture"))]
        rng.shuffle(self.free_provinces)

    def _inside(self, region: Region, level: str) -> list[Region]:
        return [r for r in self.children.get(region.code, []) if r.level == level]

    def _add(self, region: Region, parent: Node) -> Node:
        node = Node(region, "five-year", parent)
        parent.children.append(node)
        self.size += 1
        return node

    def _free(self, node: Node, level: str) -> list[Region]:
        """The regions of a level inside node's that have no plan yet and that a title can name."""
        taken = {c.region for c in node.children}
        return [r for r in self._inside(node.region, level) if r not in taken and place_name(r)]  # type: ignore[arg-type]

    def province(self) -> bool:
        while self.free_provinces:
            region = self.free_provinces.pop()
            if place_name(region):
                self.provinces.append(self._add(region, self.root))
                return True
        return False

    def prefecture(self) -> bool:
        while True:
            for province in sorted(self.provinces, key=lambda p: len(p.children)):
                free = [r for r in self._free(province, "prefecture") if self._inside(r, "district")]
                if free:
                    self.prefectures.append(self._add(free[self.rng.randrange(len(free))], province))
                    return True
            if not self.province():
                return False

    def county(self) -> bool:
        while True:
            open_ones = [p for p in self.prefectures if self._free(p, "district")]
            if open_ones:
                prefecture = min(open_ones, key=lambda p: len(p.children))
                free = self._free(prefecture, "district")
                self._add(free[self.rng.randrange(len(free))], prefecture)
                return True
            if not self.prefecture():
                return False


def plan_tree(plans: int, rng: random.Random) -> list[Node]:
    """The plans, parents before children: real regions, each inside its parent's, in the shares of level_counts.
    More plans than the gazetteer has regions for become further annual work plans."""
    counts = level_counts(plans)
    tree = _TreeBuilder(rng)
    for _ in range(counts["province"]):
        tree.province()
    for _ in range(counts["prefecture"]):
        tree.prefecture()
    while tree.size < plans - counts["annual"] and tree.county():
        pass
    regional = [n for n in _walk(tree.root) if n.region is not None]
    annual = plans - tree.size
    if annual > len(regional) * ANNUAL_YEARS:
        raise ValueError(f"{plans} plans: more than the gazetteer's regions have plans for")
    years: set[tuple[Region, int]] = set()
    for _ in range(annual):
        while True:
            parent, year = regional[rng.randrange(len(regional))], 2021 + rng.randrange(ANNUAL_YEARS)
            if (parent.region, year) not in years:
                break
        years.add((parent.region, year))  # type: ignore[arg-type]
        parent.children.append(Node(parent.region, "annual", parent, year=year))
    nodes = _walk(tree.root)
    for n, node in enumerate(nodes, start=1):
        node.file = f"synth_{n:05d}.txt"
    return nodes


def _walk(root: Node) -> list[Node]:
    """Breadth first: a parent's file comes before its children's."""
    order, queue = [], [root]
    while queue:
        node = queue.pop(0)
        order.append(node)
        queue += sorted(node.children, key=lambda c: (c.kind != "five-year", c.region.code if c.region else "", c.year))
    return order


@cache
def place_name(region: Region) -> str:
    """The region's name as a title writes it: its own name when that names it alone, else with its parents'
    ('' when no title names it)."""
    names = [r.name for r in chain(region.code)]
    for k in range(1, len(names) + 1):
        place = "".join(reversed(names[:k]))
        title = f"{place}“十四五”民政事业发展规划"
        found = find_region(title, context=title)
        if found and found[0].code == region.code:
            return place
    return ""


def _title(node: Node, rng: random.Random) -> str:
    if node.region is None:
        return NATIONAL_TITLE
    if node.kind == "annual":
        return f"{node.place}{node.year}年民政工作要点"
    forms = (
        f"{node.place}“十四五”民政事业发展规划",
        f"{node.place}民政事业发展“十四五”规划",
        f"{node.place}民政事业发展第十四个五年规划",
    )
    return forms[rng.randrange(len(forms))]


def _issuer(node: Node) -> str:
    if node.region is None:
        return NATIONAL_ISSUER
    return f"{node.place}民政{'厅' if node.region.level == 'province' else '局'}"


def citation(parent: Node, rng: random.Random, variant_rng: random.Random) -> tuple[str, str]:
    """How a child cites its parent: (form, the text from 《 to the end of the citation)."""
    title = parent.title
    roll = rng.random()
    if parent.kind == "five-year" and parent.region is not None and variant_rng.random() < CITED_YEARS:
        years = "(2021—2025年)"  # cited with the years its title does not state, or without those it does
        return "years", f"《{title.removesuffix(years) if title.endswith(years) else title + years}》"
    if parent.region is None and roll < 0.3:  # after the child's own outline: 依据《…纲要》和国家《…》, as 001 writes it
        return "national", f"国家《{title}》"
    if roll < 0.4:
        return "title", f"《{title}》"
    if roll < 0.5:  # the period written elsewhere in the title, as 003 cites 《江苏省民政事业发展“十四五”规划》
        return "order", f"《{period_moved(title)}》"
    if roll < 0.7:
        left, right = _QUOTE_FORMS[1 + rng.randrange(len(_QUOTE_FORMS) - 1)]
        return "quotes", f"《{title.replace('“', left).replace('”', right)}》"
    number = f"({_doc_prefix(parent)}〔2021〕{rng.randint(1, 60)}号)"
    if roll < 0.85:
        return "notice", f"《{parent.issuer}关于印发〈{title}〉的通知》{number}"
    return "notice", f"《{parent.issuer}关于印发{title}的通知》{number}"


def period_moved(title: str) -> str:
    """X“十四五”民政事业发展规划 <-> X民政事业发展“十四五”规划; X民政事业发展第十四个五年规划 -> X“十四五”民政事业发展规划."""
    if "民政事业发展“十四五”规划" in title:
        return title.replace("民政事业发展“十四五”规划", "“十四五”民政事业发展规划")
    if "“十四五”民政事业发展规划" in title:
        return title.replace("“十四五”民政事业发展规划", "民政事业发展“十四五”规划")
    return title.replace("民政事业发展第十四个五年规划", "“十四五”民政事业发展规划")


def _doc_prefix(node: Node) -> str:
    return "民发" if node.region is None else f"{node.region.name[:1]}民发"


# ---------------------------------------------------------------- indicators


def indicator_pool(material: Material) -> list[Row]:
    """Indicator rows of the corpus, one per measured thing (close names are one), in Simplified script."""
    from plankg.lineage.graph import indicator_name, indicators_match

    pool: list[Row] = []
    for ind in material.indicators:
        name = indicator_name(ind.name)
        target = next(v for v in ind.values if v.kind == "target")
        if target.number is None or any(indicators_match(name, indicator_name(r.name)) for r in pool):
            continue
        attribute = "约束性" if to_simplified(ind.attribute) == "约束性" else "预期性"
        baseline = next((v.as_written for v in ind.values if v.kind == "actual"), "--")
        pool.append(Row(name, to_simplified(ind.unit) or "%", baseline, target.as_written, attribute))
    return pool


def _weaker(target: str, rng: random.Random) -> str | None:
    """A lower target: its first number cut by 10-30% (None when it states no number)."""
    m = re.search(r"\d+(?:\.\d+)?", target)
    if not m:
        return None
    value = float(m.group())
    lower = value * (1 - rng.uniform(0.1, 0.3))
    written = f"{lower:.1f}".rstrip("0").rstrip(".") if "." in m.group() or lower < 10 else str(int(lower))
    return target[: m.start()] + written + target[m.end() :] if written != m.group() else None


def inherit_rows(parent: Node, child: Node, pool: list[Row], rng: random.Random) -> tuple[list[Row], list[dict]]:
    """The child's indicator rows from its parent's, some binding ones dropped: (rows, the weakened binding ones)."""
    from plankg.lineage.graph import indicators_match

    rows, weakened = [], []
    for row in parent.rows:
        fact = {"file": child.file, "parent_file": parent.file, "indicator": row.name, "parent_target": row.target}
        if row.binding:
            roll = rng.random()
            if roll < DROP_BINDING:
                continue
            if roll < DROP_BINDING + WEAKEN_BINDING:
                lower = _weaker(row.target, rng)
                if lower and rng.random() < 0.6:
                    rows.append(Row(row.name, row.unit, row.baseline, lower, row.attribute))
                    weakened.append(fact | {"target": lower, "how": "lower target"})
                else:
                    rows.append(Row(row.name, row.unit, row.baseline, row.target, "预期性"))
                    weakened.append(fact | {"target": row.target, "how": "no longer binding"})
                continue
            rows.append(row)
        elif rng.random() < KEEP_EXPECTED:
            rows.append(Row(row.name, row.unit, row.baseline, vary_numbers(row.target, rng), row.attribute))
    own = [r for r in pool if not any(indicators_match(r.name, p.name) for p in parent.rows)]
    for _ in range(rng.randint(0, 2)):
        if own:
            pick = own.pop(rng.randrange(len(own)))
            rows.append(Row(pick.name, pick.unit, pick.baseline, vary_numbers(pick.target, rng), pick.attribute))
    return rows, weakened


def national_rows(pool: list[Row], rng: random.Random) -> list[Row]:
    """The national plan's table: a draw of the pool with at least four binding rows."""
    rows = rng.sample(pool, min(len(pool), 12))
    binding = sum(r.binding for r in rows)
    for r in rows:
        if binding >= 4:
            break
        if not r.binding:
            r.attribute, binding = "约束性", binding + 1
    return rows


def table_lines(rows: list[Row], layout: str) -> list[str]:
    """An indicator table flattened the way the corpus's scrapes flatten them."""
    header = ["序号", "主要指标", "单位", "2020年实际值", "2025年目标值", "指标属性"]
    cells = header + [c for n, r in enumerate(rows, 1) for c in (str(n), r.name, r.unit, r.baseline, r.target, r.attribute)]
    if layout == "bar":
        return [f"{c} |" for c in cells]
    if layout == "spaced":
        return [x for c in cells for x in (c, "", "  ", "")]
    return [x for c in cells for x in (c, "")]


# ---------------------------------------------------------------- measures


def inherit_measures(
    parent: Node | None, child: Node, material: Material, rng: random.Random
) -> tuple[list[tuple[str, str]], list[dict]]:
    """The child's measures: a share of its parent's, perturbed, and its own drawn from the corpus."""
    count = rng.randint(12, 24)
    picked: list[tuple[str, str]] = []
    copies: list[dict] = []
    seen: set[str] = set()
    if parent is not None:
        for title, body in parent.measures:
            if rng.random() < INHERIT_SHARE:
                level = rng.randrange(len(PERTURBATIONS))
                picked.append(perturb(title, body, level, rng))
                copy = {"file": child.file, "title": title, "source_file": parent.file, "source_title": title, "level": level}
                copies.append(copy)
                seen.add(title)
    while len(picked) < count:
        title, body = material.measures[rng.randrange(len(material.measures))]
        title, body = edit(title, material, rng), edit(body, material, rng)
        if title not in seen:  # one measure per title in a plan keeps copies identifiable
            seen.add(title)
            picked.insert(rng.randrange(len(picked) + 1), (title, body))
    return picked, copies


# ---------------------------------------------------------------- rendering


def missing_binding(node: Node, basis: list[Node]) -> list[dict]:
    """The binding indicators of the plans node names as its basis that node's table lacks (all of them for an
    annual work plan, which states no table)."""
    own = {r.name for r in node.rows}
    return [
        {"file": node.file, "parent_file": b.file, "indicator": r.name, "parent_target": r.target}
        for b in basis
        for r in b.rows
        if r.binding and r.name not in own
    ]


def preamble(node: Node, cite: str, form: str) -> str:
    """The opening paragraph: what the plan is drafted on the basis of."""
    local = "全国" if node.region is None else "全" + _whole(node.region)
    if node.kind == "annual":
        return f"{node.year}年是“十四五”规划实施的关键一年。根据{cite},结合{local}民政工作实际,制定本要点。"
    place = node.place or "中华人民共和国"
    outline = f"《{place}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》"
    basis = f"依据{outline}和{cite}" if form == "national" else f"依据{cite}和{outline}" if cite else f"依据{outline}"
    return f"为推动{local}“十四五”时期民政事业高质量发展,{basis},结合实际,制定本规划。规划期为2021至2025年。"


def _whole(region: Region) -> str:
    """How a plan names its whole region (全省, 全区, 全市, 全州, 全县)."""
    if region.level == "province":
        return "省" if region.name.endswith("省") else "区" if region.name.endswith("自治区") else "市"
    return region.name[-1] if region.name[-1] in "市州盟县区旗" else "区"


def task_chapters(material: Material) -> list[str]:
    """The corpus's chapter titles that head tasks (not 发展基础 or 指导思想…): a real plan states its measures there."""
    from plankg.loaders.extract import is_background
    from plankg.loaders.records import Heading, Span

    return [t for t in material.chapter_titles if not is_background(Heading("chapter", "第一章", 1, t, Span(0, 0, "")))]


def render(node: Node, cite: str, form: str, material: Material, rng: random.Random) -> tuple[list[str], bool]:
    """The plan's lines, and whether its title is left to a sidecar (a scrape that lost the title line)."""
    m = material
    chapters = task_chapters(material)
    noise = ["首页 > 政务公开 > 规划计划", ""] if rng.random() < 0.5 else []
    boxes = [edit(m.projects[rng.randrange(len(m.projects))], m, rng) for _ in range(rng.randint(2, 4))]
    opening = preamble(node, cite, form)
    if node.kind == "annual":
        lines = noise + [node.title, "", f"  {opening}", ""]
        item = 0
        for p, chunk in enumerate(chunks(node.measures, 4), start=1):
            lines += [f"{cn_numeral(p)}、{chapters[rng.randrange(len(chapters))]}", ""]
            for title, body in chunk:
                item += 1
                lines += [f"({cn_numeral(item)}){title}{body}", ""]
        return lines, False
    table = table_lines(node.rows, ("bar", "blank", "spaced")[rng.randrange(3)])
    if node.region is not None and rng.random() < 0.2:  # lost headings, as in corpus 000
        lines = noise + [opening, "", f"表1 {node.place}“十四五”时期民政事业发展主要指标"] + table + [""]
        for b, chunk in enumerate(chunks(node.measures, 3), start=1):
            lines += [f"{title}{body}" for title, body in chunk]
            lines += [f"专栏{b}:重点工程 |", f"{boxes[(b - 1) % len(boxes)]}"]
        return lines, True
    lines = noise + [node.title, "", f"  {opening}", "", "第一章 发展基础", "", "第一节 主要指标", ""] + table + [""]
    for c, chunk in enumerate(chunks(node.measures, 3), start=2):
        lines += [f"第{cn_numeral(c)}章 {chapters[rng.randrange(len(chapters))]}", ""]
        for s, part in enumerate(chunks(chunk, 2), start=1):
            lines += [f"第{cn_numeral(s)}节 重点任务{s}", ""]
            lines += [x for title, body in part for x in (f"  {title}{body}", "")]
        lines += [f"专栏{c - 1}:重点工程", ""] + [x for k, b in enumerate(boxes, 1) for x in (f"  {k}.{b}", "")]
    return lines, False


def write_tree(plans: int, seed: int, out: Path, progress=None) -> list[Path]:
    """Write a hierarchy of `plans` plans and lineage-truth.json into out."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    material = load_material()
    pool = indicator_pool(material)
    tree = plan_tree(plans, rng)
    truth: dict = {"seed": seed, "plans": plans, "hierarchy": True, "perturbations": PERTURBATIONS}
    records, copies, dropped, weakened = [], [], [], []
    paths = []
    written: set[str] = set()
    for node in tree:
        number = int(node.file[6:11])
        plan_rng = random.Random(seed * 1_000_003 + number)
        variant_rng = random.Random(seed * 7_000_003 + number)  # the forms added since: the draws above stay as they were
        if node.region is not None:
            node.place = place_name(node.region)
        node.title, node.issuer = _title(node, plan_rng), _issuer(node)
        if node.kind == "five-year" and node.region is not None and variant_rng.random() < YEARS_IN_TITLE:
            node.title += "(2021—2025年)"
        node.measures, found = inherit_measures(node.parent, node, material, plan_rng)
        copies += found
        form, cite = citation(node.parent, plan_rng, variant_rng) if node.parent else ("", "")
        basis = [node.parent] if node.parent else []
        if node.parent and node.parent.parent and form != "national" and variant_rng.random() < GRANDPARENT_TOO:
            basis.insert(0, node.parent.parent)  # 根据《福建省…规划》,《龙岩市…规划》,《长汀县…纲要》: both levels above
            cite = f"《{node.parent.parent.title}》,{cite}"
        if node.kind == "five-year":
            if node.parent is None:
                node.rows = national_rows(pool, plan_rng)
            else:
                node.rows, weaker = inherit_rows(node.parent, node, pool, plan_rng)
                weakened += weaker
        dropped += missing_binding(node, basis)
        lines, lost_title = render(node, cite, form, material, plan_rng)
        if plan_rng.random() < 0.3:
            lines += ["", "免费在线观看| 精品视频| 高清专区| 最新影视| 热门推荐| 手机观看| 在线播放"]
        text = "\n".join(lines) + "\n"
        traditional = plan_rng.random() < TRADITIONAL_SHARE
        if traditional:
            text = to_traditional(text)
        (out / node.file).write_text(text, encoding="utf-8")
        sidecar = {"title": node.title} if lost_title else {}
        if node.region is None:
            sidecar["region"] = "中华人民共和国"
        if sidecar:
            (out / node.file.replace(".txt", ".meta.json")).write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        records.append(
            {
                "file": node.file,
                "title": node.title,
                "level": node.level,
                "region": node.region.code if node.region else "",
                "parent_file": node.parent.file if node.parent else "",
                "basis_files": [b.file for b in basis],
                "citation_form": form,
                "traditional": traditional,
            }
        )
        paths.append(out / node.file)
        written.add(node.file)
        if node.parent and all(c.file in written for c in node.parent.children):
            node.parent.measures = []  # its children have copied theirs: a large tree is not held whole
        if progress:
            progress()
    truth |= {"plan_tree": records, "copies": copies, "dropped_binding": dropped, "weakened_binding": weakened}
    (out / "lineage-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
