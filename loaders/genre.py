"""The genre (document type) of a policy document, read off its title or, lacking one, its own words.

A Chinese title ends with the genre's noun (…发展规划, …的意见, …若干措施（试行）), so the genre word that
ends last in the title decides. Without a title, the text names its own genre (制定本规划, 提出如下意见)
or opens the way annual work plans do (2021年是…). The values are the slugs of kg/graph/vocab.py DOC_TYPES.
"""

from __future__ import annotations

import re

from .records import Fact, Span
from .script import to_simplified

# Longer words first, so that 实施方案 wins over 方案 at the same place.
_TITLE_GENRES: list[tuple[str, str]] = [
    ("工作要点", "annual"),
    ("工作思路", "annual"),  # a body's work for the year ahead: …2022年工作总结暨2023年工作思路
    ("工作计划", "annual"),
    ("年度计划", "annual"),
    ("工作安排", "annual"),
    ("重点工作任务", "annual"),
    ("要点", "annual"),
    ("国民经济和社会发展计划", "annual"),  # the year's economic and social development plan (2017年…计划（草案）)
    ("行动计划", "action-plan"),
    ("行动方案", "action-plan"),
    ("计划", "action-plan"),
    ("实施方案", "implementation-plan"),
    ("工作方案", "implementation-plan"),
    ("方案", "implementation-plan"),
    ("实施意见", "opinion"),
    ("指导意见", "opinion"),
    ("意见", "opinion"),
    ("若干政策措施", "measures"),
    ("若干措施", "measures"),
    ("政策措施", "measures"),
    ("若干政策", "measures"),
    ("若干举措", "measures"),
    ("措施", "measures"),
    ("举措", "measures"),
    ("实施细则", "rules"),
    ("管理办法", "rules"),
    ("实施办法", "rules"),
    ("办法", "rules"),
    ("细则", "rules"),
    ("条例", "rules"),
    ("规定", "rules"),
    ("应急预案", "contingency-plan"),
    ("预案", "contingency-plan"),
    ("决定", "decision"),
    ("工作报告", "work-report"),
    ("纲要", "outline"),
    ("建议", "proposal"),
    ("规划", "plan"),
    ("通知", "notice"),
]
_TITLE_WORD = re.compile("|".join(sorted((w for w, _ in _TITLE_GENRES), key=len, reverse=True)))
_SLUG = dict(_TITLE_GENRES)
# Trailing qualifiers that follow the genre word: （试行）, （2021—2025年）, （征求意见稿）.
_TRAILER = re.compile(r"(?:[（(][^（）()]{1,20}[）)]\s*)+$")
_FIVE_YEAR = re.compile(r"十[一二三四五六七八九]?五|第[一二三四五六七八九十]+个五年|五年规划")

# How a text without a title names its own genre; the earliest cue wins.
_TEXT_CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:制定|编制|印发)?本规划"), "plan"),
    (re.compile(r"(?:制定|编制)?本纲要"), "outline"),
    (re.compile(r"提出(?:以下|如下)建议"), "proposal"),
    (re.compile(r"提出(?:以下|如下)(?:实施)?意见|本(?:实施)?意见"), "opinion"),
    (re.compile(r"(?:制定|印发)?本行动(?:方案|计划)"), "action-plan"),
    (re.compile(r"(?:制定|印发)?本(?:实施|工作)?方案"), "implementation-plan"),
    (re.compile(r"(?:制定|印发)?本(?:若干)?(?:政策)?(?:措施|举措)"), "measures"),
    (re.compile(r"(?:制定|印发)?本(?:实施)?(?:办法|细则|条例|规定)"), "rules"),
    (re.compile(r"(?:制定|编制)?本(?:应急)?预案"), "contingency-plan"),
    (re.compile(r"作出如下决定|本决定"), "decision"),
    (re.compile(r"向大会报告(?:政府)?工作"), "work-report"),
]
# An annual work plan opens by placing its year: 2021年是实施"十四五"规划…的第一年.
_ANNUAL_OPENING = re.compile(r"\s*((?:19|20)\d\d年是)")
TEXT_CUE_WINDOW = 3000  # a document names its own genre in its opening part


def genre_of_title(title: Fact, period: str | None = None) -> Fact | None:
    """The genre a title names (its last genre word); a 规划 is five-year (fyp) when the title or the period
    says so, else a special plan."""
    simplified = _TRAILER.sub("", to_simplified(title.value))
    matches = list(_TITLE_WORD.finditer(simplified))
    if not matches:
        return None
    slug = _SLUG[max(matches, key=lambda m: (m.end(), len(m.group()))).group()]
    if slug == "plan":
        slug = "fyp" if _FIVE_YEAR.search(simplified) or _five_years(period) else "special-plan"
    return Fact(slug, title.span, title.from_sidecar)


def genre_of_text(text: str, first_line_start: int, period: str | None = None) -> Fact | None:
    """The genre a text without a title names itself by, with the span of the words that say it."""
    window = text[:TEXT_CUE_WINDOW]
    simplified = to_simplified(window)
    if len(simplified) != len(window):
        return None
    if m := _ANNUAL_OPENING.match(simplified, first_line_start):
        return Fact("annual", Span.of(text, m.start(1), m.end(1)))
    found = [(m.start(), m.end(), slug) for pattern, slug in _TEXT_CUES if (m := pattern.search(simplified))]
    if not found:
        return None
    start, end, slug = min(found)
    if slug == "plan":
        slug = "fyp" if _five_years(period) else "special-plan"
    return Fact(slug, Span.of(text, start, end))


def _five_years(period: str | None) -> bool:
    if not period or "-" not in period or period.startswith("to-"):
        return False
    start, end = (int(y) for y in period.split("-"))
    return end - start == 4
