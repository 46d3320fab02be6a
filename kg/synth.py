"""A synthetic corpus of N plans made from the real corpus's own material, for scale benchmarks.

Each plan recombines measures, box items and indicator rows of the bundled documents under a region
drawn from the gazetteer, in one of the real layouts (chapters and sections; lost headings with 表
tables; an annual work plan), with one of the three flattened table layouts, in either script, with
page noise. Drawn material is edited (four words in five replaced) so that plans share wording only where
one copies another: some measures are copied from an earlier synthetic plan with a fixed perturbation
level, and every copy is recorded in lineage-truth.json so lineage recall and precision can be measured.
Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plankg.loaders.numerals import chinese_to_int
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Indicator
from plankg.loaders.regions import Region, chain, gazetteer
from plankg.loaders.script import to_simplified
from plankg.loading.documents import bundled_corpus

# Perturbation levels of a copied measure (documented in the benchmark's output).
PERTURBATIONS = {
    0: "verbatim copy",
    1: "numbers varied",
    2: "numbers varied and one sentence dropped",
    3: "numbers varied, one sentence dropped and the remaining sentences reordered",
}
COPY_SHARE = 0.3  # share of a plan's measures copied from an earlier plan
EDIT_SHARE = 0.8  # share of the words of drawn material replaced by corpus words of the same length (at 0.5,
# the variants of one real measure in a thousand plans still share wording: 0.27 precision against the copies)
_CN_DIGITS = "一二三四五六七八九"
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def cn_numeral(n: int) -> str:
    """1 -> 一, 14 -> 十四, 40 -> 四十 (inverse of chinese_to_int for chapter numbers)."""
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens - 1] + "十")) + (_CN_DIGITS[ones - 1] if ones else "")
    assert chinese_to_int(text) == n
    return text


@dataclass
class Material:
    """Simplified-script pieces of the real corpus to recombine."""

    measures: list[tuple[str, str]]  # (title sentence, body after it)
    projects: list[str]
    indicators: list[Indicator]
    chapter_titles: list[str]
    vocabulary: dict[int, list[str]]  # Han words of the measures and projects, by length


def load_material() -> Material:
    measures, projects, indicators, chapters = [], [], [], []
    for path in sorted(bundled_corpus().glob("*.txt")):
        doc, _ = parse_document(path)
        for m in doc.measures:
            body = to_simplified(m.text[len(m.number) :].strip())
            title = to_simplified(m.heading)
            if title and len(body) > len(title) + 20:
                measures.append((title, body[len(title) :]))
        projects += [to_simplified(p.text[len(p.number) :].strip()) for p in doc.projects if p.box is not None]
        indicators += [i for i in doc.indicators if any(v.kind == "target" for v in i.values)]
        chapters += [to_simplified(h.title) for h in doc.of_kind("chapter") if h.number.startswith("第")]
    words = sorted({w for t in [x for m in measures for x in m] + projects for w in _words(t) if _HAN_WORD.match(w)})
    vocabulary: dict[int, list[str]] = {}
    for w in words:
        vocabulary.setdefault(len(w), []).append(w)
    return Material(measures, projects, indicators, chapters, vocabulary)


def vary_numbers(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3))), text)


def edit(text: str, material: Material, rng: random.Random, share: float = EDIT_SHARE) -> str:
    """Real wording with most of its words swapped for corpus words of the same length, so that two plans drawing
    the same material share no passage long enough to count as reuse: only the recorded copies are reuse."""
    words = []
    for word in _words(text):
        choices = material.vocabulary.get(len(word)) if _HAN_WORD.match(word) else None
        words.append(choices[rng.randrange(len(choices))] if choices and rng.random() < share else word)
    return "".join(words)


@cache
def _words(text: str) -> tuple[str, ...]:
    from plankg.lineage.fingerprints import words

    return tuple(words(text))


def perturb(title: str, body: str, level: int, rng: random.Random) -> tuple[str, str]:
    """The copied measure at a perturbation level; the title sentence is kept so copies stay findable."""
    if level >= 1:
        body = vary_numbers(body, rng)
    sentences = [s for s in re.split(r"(?<=。)", body) if s]
    if level >= 2 and len(sentences) > 2:
        sentences.pop(rng.randrange(1, len(sentences)))
    if level >= 3 and len(sentences) > 2:
        head, rest = sentences[:1], sentences[1:]
        rng.shuffle(rest)
        sentences = head + rest
    return title, "".join(sentences)


def _table(rows: list[Indicator], layout: str, rng: random.Random) -> list[str]:
    """An indicator table flattened the way the corpus's scrapes flatten them."""
    header = ["序号", "主要指标", "单位", "2020年实际值", "2025年目标值", "指标属性"]
    body: list[list[str]] = []
    for n, row in enumerate(rows, start=1):
        target = next(v for v in row.values if v.kind == "target")
        baseline = next((v.as_written for v in row.values if v.kind == "actual"), "--")
        value = vary_numbers(target.as_written, rng) if target.number is not None else target.as_written
        attribute = to_simplified(row.attribute) or "预期性"
        body.append([str(n), to_simplified(row.name), to_simplified(row.unit) or "%", baseline, value, attribute])
    cells = header + [c for r in body for c in r]
    if layout == "bar":
        return [f"{c} |" for c in cells]
    if layout == "spaced":
        return [x for c in cells for x in (c, "", "  ", "")]
    return [x for c in cells for x in (c, "")]


class PlanWriter:
    """Writes one synthetic plan and the copies it makes."""

    def __init__(self, material: Material, regions: list[Region], seed: int) -> None:
        self.material, self.regions, self.seed = material, regions, seed
        self.written: list[tuple[str, list[tuple[str, str]]]] = []  # (file, measures) of earlier plans
        self.truth: list[dict] = []

    def write(self, n: int, out: Path) -> Path:
        rng = random.Random(self.seed * 1_000_003 + n)
        region = self.regions[(n - 1) % len(self.regions)]  # distinct regions: distinct plan identities
        place = "".join(r.name for r in reversed(chain(region.code)))  # 江苏省无锡市新吴区: unambiguous
        name = f"synth_{n:05d}.txt"
        measures = self._measures(rng, name)
        layout = ("chapters", "lost-headings", "annual")[rng.randrange(3)]
        lines = self._render(rng, place, layout, measures)
        text = "\n".join(lines) + "\n"
        if rng.random() < 0.25:
            text = to_traditional(text)
        (out / name).write_text(text, encoding="utf-8")
        if layout == "lost-headings":  # no title line, as in corpus 000: the title comes from a sidecar
            sidecar = {"title": f"{place}“十四五”民政事业发展规划", "region": region.name}
            (out / f"synth_{n:05d}.meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        self.written.append((name, measures))
        return out / name

    def _measures(self, rng: random.Random, name: str) -> list[tuple[str, str]]:
        count = rng.randint(12, 30)
        picked = [
            (edit(title, self.material, rng), edit(body, self.material, rng))
            for title, body in (self.material.measures[rng.randrange(len(self.material.measures))] for _ in range(count))
        ]
        if self.written:
            for k in range(count):
                if rng.random() < COPY_SHARE:
                    source_file, source_measures = self.written[rng.randrange(len(self.written))]
                    title, body = source_measures[rng.randrange(len(source_measures))]
                    level = rng.randrange(len(PERTURBATIONS))
                    picked[k] = perturb(title, body, level, rng)
                    self.truth.append(
                        {"file": name, "title": title, "source_file": source_file, "source_title": title, "level": level}
                    )
        unique, seen = [], set()
        for title, body in picked:
            if title not in seen:  # one measure per title in a plan keeps copies identifiable
                seen.add(title)
                unique.append((title, body))
        kept = {t for t, _ in unique}
        self.truth = [t for t in self.truth if t["file"] != name or t["title"] in kept]
        return unique

    def _render(self, rng: random.Random, place: str, layout: str, measures: list[tuple[str, str]]) -> list[str]:
        m = self.material
        noise = ["首页 > 政务公开 > 规划计划", ""] if rng.random() < 0.5 else []
        rows = [m.indicators[rng.randrange(len(m.indicators))] for _ in range(rng.randint(5, 12))]
        table = _table(rows, ("bar", "blank", "spaced")[rng.randrange(3)], rng)
        boxes = [edit(m.projects[rng.randrange(len(m.projects))], m, rng) for _ in range(rng.randint(2, 5))]
        if layout == "annual":
            lines = noise + [f"{place}2021年民政工作要点", ""]
            parts = chunks(measures, 4)
            item = 0
            for p, chunk in enumerate(parts, start=1):
                lines += [f"{cn_numeral(p)}、{m.chapter_titles[rng.randrange(len(m.chapter_titles))]}", ""]
                for title, body in chunk:
                    item += 1
                    lines += [f"({cn_numeral(item)}){title}{body}", ""]
        elif layout == "lost-headings":
            lines = noise + [f"为推动{place}民政事业高质量发展,制定本规划。规划期为2021至2025年。", ""]
            lines += [f"表1 {place}“十四五”时期民政事业发展主要指标"] + table + [""]
            for b, chunk in enumerate(chunks(measures, 3), start=1):
                lines += [f"{title}{body}" for title, body in chunk]
                lines += [f"专栏{b}:重点工程 |", f"{boxes[(b - 1) % len(boxes)]}"]
        else:
            lines = (
                noise
                + [
                    f"{place}“十四五”民政事业发展规划",
                    "",
                    "第一章 发展基础",
                    "",
                    "  十三五时期,全市民政事业取得长足进展。",
                    "",
                    "第一节 主要指标",
                    "",
                ]
                + table
                + [""]
            )
            for c, chunk in enumerate(chunks(measures, 3), start=2):
                lines += [f"第{cn_numeral(c)}章 {m.chapter_titles[rng.randrange(len(m.chapter_titles))]}", ""]
                for s, part in enumerate(chunks(chunk, 2), start=1):
                    lines += [f"第{cn_numeral(s)}节 重点任务{s}", ""]
                    lines += [x for title, body in part for x in (f"  {title}{body}", "")]
                lines += [f"专栏{c - 1}:重点工程", ""] + [x for k, b in enumerate(boxes, 1) for x in (f"  {k}.{b}", "")]
        if rng.random() < 0.3:
            lines += ["", "免费在线观看| 精品视频| 高清专区| 最新影视| 热门推荐| 手机观看| 在线播放"]
        return lines


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def write_corpus(plans: int, seed: int, out: Path, progress=None) -> list[Path]:
    """Write the synthetic plans and lineage-truth.json into out."""
    out.mkdir(parents=True, exist_ok=True)
    regions = sorted((r for r in gazetteer().values() if r.level != "province"), key=lambda r: r.code)
    random.Random(seed).shuffle(regions)
    writer = PlanWriter(load_material(), regions, seed)
    paths = []
    for n in range(1, plans + 1):
        paths.append(writer.write(n, out))
        if progress:
            progress()
    truth = {"seed": seed, "plans": plans, "perturbations": PERTURBATIONS, "copies": writer.truth}
    (out / "lineage-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
