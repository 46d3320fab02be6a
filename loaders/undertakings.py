"""Quantified undertakings: a verb of doing, a count with its measure word, and the thing counted.

建成运营1个社区养老服务综合体, 新建风采长者饭堂6间, 培育市级社会组织不少于10个, 完成300条精品路建设,
对300个公交站台进行适老化改造: each names something to be built, trained or done, and becomes a Project of
the measure it sits in, its span running from the verb to the end of the thing counted. Verbs come single
(新建) or compound (建成运营, 培养培训, 新建及改扩建, 开工建设); a verb of support heads one when what it supports is
building (重点支持28个基本殡葬服务项目建设). One verb may govern a list of counts
(培养培训60名养老师资、500名养老院院长): each count with its own object is an undertaking of its own,
spanning that list item.

Not undertakings: a result of the past (已建成, 新增了34个, “十三五”以来…建成), a relative clause
(设立的…达5000张), a per-unit standard (按每百户20平方米), existing stock (推进现有18个…), a frequency
(每年开展2次演练, 15天完成1次清洗), a range (1至2所), an organisation's name (住房城乡建设部65个指标), an
article number (第3条), and targets, which are indicators: a quantity with its comparator (整治面积不低于
300万平方米) or a count no verb of doing governs (床位总数达到4万张). Matching runs on a
same-length Simplified copy, so the rules are written once and spans point at the original characters of
either script.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .records import Measure, Project, Quantity, Span
from .script import same_length_simplified

# Verbs that head an undertaking, and verbs that only join one into a compound (建成运营, 开工建设, 更新投运).
_HEAD = (
    "新改扩建|改扩建|新建|建成|建设|改造|改建|扩建|续建|配建|修建|筹建|新开工|开工|培育|培养|培训|打造|创建|新增|增设|完成"
    "|实施|设立|设置|建立|扶持|开展|举办|组建|引进|招募|招聘|选派|投运|推进|安装|铺设|筹集|治理|整治|造林|植树"
)
_JOIN = "运营|提升|更新|升级|启动|提质|新改建|组织"
_VERBS = re.compile(rf"(?:{_HEAD}|{_JOIN})(?:(?:及|和|与|、|或)?(?:{_HEAD}|{_JOIN}))*")
_HEAD_VERB = re.compile(_HEAD)
# Verbs of support (重点支持28个基本殡葬服务项目建设, 支持2万户困难家庭实施适老化改造) head an undertaking only when
# what they support is building or refitting.
_SUPPORT = re.compile(r"(?:重点)?(?:支持|指导|帮助|推动)")
_BUILDING = re.compile(r"建设|改造|新建|改建|扩建|修缮|建成")

_BOUNDARY = "，,。；;：:！!？?\n"
_HEDGE = r"(?:至少|不少于|不低于|超过|共计|共|约|近|累计)"
_UNIT = (
    r"万平方米|平方米|平方公里|公顷|万亩|亩|公里|千米|㎡|万?人次"
    r"|场次|批次|万?千瓦|万?[个间家所张处座户名人条支场次项期台辆套批株棵栋幢]"
)
# A number as written (6, 1.5, 10,000) and its unit; 余/多 (200余个) and 以上/以下/左右 qualify it.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_COUNT_TEXT = rf"(?P<num>{_NUMBER})\s*(?P<more>余|多)?(?P<unit>{_UNIT})(?P<qual>以上|以下|以内|左右)?"
_COUNT = re.compile(_COUNT_TEXT)
# Between the verb and the count: what is undertaken when it comes first (新建风采长者饭堂6间), a place
# (建成中心城区6座…), a hedge (至少), or nothing; a number that counts nothing may stand in it (建设“15分钟
# 生活圈”10个).
_BEFORE_COUNT = re.compile(rf"[^{_BOUNDARY}]{{0,20}}?(?<![\d.])(?={_COUNT_TEXT})")
# Another count of the same verb, in the form of the first: 、500名养老院院长 / ，350名以上… / 及28个空洞点位…
# after a count that comes first, 、农村互助养老服务点100个 after a count that comes last.
_JOINER = re.compile(r"\s*(?:、|，|,|以及|和|及|与)\s*")
_NEXT_ITEM = re.compile(rf"\s*(?:、|，|,|以及|和|及|与)\s*(?={_HEDGE}?(?:{_NUMBER})\s*(?:余|多)?(?:{_UNIT}))")
_ITEM = re.compile(rf"{_HEDGE}?(?=\d)")
_NAMED_ITEM = re.compile(rf"[^{_BOUNDARY}\d、和及与]{{1,20}}?(?=\d)")
# 对300个公交站台进行适老化改造, 为300户困难家庭实施适老化改造: the count is what the action is done to or for.
_TO = re.compile(rf"(?:(?<![针应相面绝核比反配])对|(?<![作成认行称更较视因])为)\s*(?={_HEDGE}?\d)")
_TO_ACTION = re.compile(rf"[^{_BOUNDARY}\d]{{1,30}}?(?:进行|开展|实施|提供)[^{_BOUNDARY}]{{1,20}}")
_ATTRIBUTION = re.compile(r"[（(［【\[](?:责任|牵头|主责|配合)")
MAX_OBJECT = 50

# 第3条 is an article, 1至2所 a range whose bounds no single count holds.
_RANK_OR_RANGE = re.compile(r"第$|\d\s*[至到~～\-－—]+\s*$")
_DONE_BEFORE = re.compile(r"(?:已|已经|业已|曾)$")
# A sentence about the past: “十三五”以来，全县建成农村敬老院12所 is a result, not an undertaking.
_PAST = re.compile(r"以来|年来|截至|截止|先后|(?<![比较])[“\"]?十[一二三]五[”\"]?(?:时期|期间)")
_SENTENCE_END = "。；;！!？?\n"
_NOT_UNDERTAKEN = re.compile(r"^(?:[的了得到为成]|至(?!少))|每|按|现有|已|^(?:管理)?[部局厅委署司办]")
# A quantity named between verb and count (整治面积不低于300万平方米): a target, which is an indicator.
_QUANTITY_NAME = re.compile(
    r"(?:面积|率|比例|比重|占比|总量|规模|数量|人数|总数|能力|覆盖面)(?:不低于|不少于|不超过|超过|达到|达"
    r"|提高到|增加到|保持在|控制在)$"
)
# A count inside a subordinate clause (市级新增34个指标的同时, …): the sentence is about something else.
_SUBORDINATE = re.compile(r"的(?:同时|基础上|前提下|情况下|时候)|之(?:际|后|前|外)$")
_FREQUENCY = re.compile(r"每|(?<!\d)\d{1,2}\s*个?(?:天|日|周|星期|月|季度|年)")


@dataclass
class Undertaking:
    """One counted undertaking found in a text: its span, its title, and its count."""

    span: tuple[int, int]
    title: str
    count: tuple[int, int]  # the number, its unit and any 以上/以下
    value: float
    unit: str
    qualifier: str


def undertakings(text: str, start: int, end: int) -> list[Undertaking]:
    """Every counted undertaking in text[start:end], in reading order."""
    simple = same_length_simplified(text)
    found: list[Undertaking] = []
    stops = [i for i in range(start, end) if simple[i] in _SENTENCE_END]  # found once: a paragraph is scanned once
    taken = start  # an undertaking never starts inside the one before it
    for m in _TO.finditer(simple, start, end):
        found.extend(_done_to(text, simple, m, start, end, stops))
    claimed = [u.span for u in found]
    verbs = [(m, False) for m in _VERBS.finditer(simple, start, end)]
    verbs += [(m, True) for m in _SUPPORT.finditer(simple, start, end)]
    for m, support in sorted(verbs, key=lambda v: v[0].start()):
        if m.start() < taken or any(a <= m.start() < b for a, b in claimed):
            continue
        items = _governed(text, simple, m, start, end, stops, support)
        if items:
            found.extend(items)
            taken = items[-1].span[1]
    return sorted(found, key=lambda u: u.span[0])


def _governed(
    text: str, simple: str, verb: re.Match[str], start: int, end: int, stops: list[int], support: bool = False
) -> list[Undertaking]:
    """The counts a verb governs: its first count with what comes between, then any list of further counts.
    A verb of support governs a count only when no verb of doing follows it and what it supports is building."""
    if not (support or _HEAD_VERB.search(verb.group())) or _DONE_BEFORE.search(
        simple, max(start, verb.start() - 2), verb.start()
    ):
        return []
    if _PAST.search(_sentence(simple, start, end, verb.start(), stops)):
        return []
    between = _BEFORE_COUNT.match(simple, verb.end(), end)
    if between is None or _NOT_UNDERTAKEN.search(between.group()) or _QUANTITY_NAME.search(between.group()):
        return []
    count = _COUNT.match(simple, between.end(), end)
    if count is None or _RANK_OR_RANGE.search(between.group()) or _is_frequency(simple, start, verb, count):
        return []
    object_end = _object_end(simple, count.end(), end)
    if _SUBORDINATE.search(simple[count.end() : object_end]):
        return []
    if support and (_VERBS.search(between.group()) or not _BUILDING.search(simple[count.end() : object_end])):
        return []
    items = [_undertaking(text, verb.start(), object_end, count)]
    named_first = object_end == count.end()  # 新建养老院5个: the list names each thing before its count
    while item := _next_item(text, simple, items[-1].span[1], end, named_first):
        item.title = text[verb.start() : verb.end()] + item.title
        items.append(item)
    return items


def _next_item(text: str, simple: str, at: int, end: int, named_first: bool) -> Undertaking | None:
    """The next item of a list of counts after one verb, or None."""
    joint = _JOINER.match(simple, at, end)
    if joint is None:
        return None
    if named_first:
        named = _NAMED_ITEM.match(simple, joint.end(), end)
        if "，" in joint.group() or "," in joint.group() or named is None or _VERBS.search(named.group()):
            return None  # a clause of its own, or a verb of its own that the scan reads by itself
        count = _COUNT.match(simple, named.end(), end)
        if count is None or _is_other(simple, count):
            return None
        return _undertaking(text, joint.end(), count.end(), count)
    hedge = _ITEM.match(simple, joint.end(), end)
    count = _COUNT.match(simple, hedge.end(), end) if hedge else None
    if count is None:
        return None
    object_end = _object_end(simple, count.end(), end)
    if object_end == count.end() or "已" in simple[count.end() : object_end]:
        return None  # a bare number after the list is a figure of another sentence, not one more item
    return _undertaking(text, joint.end(), object_end, count)


def _is_other(simple: str, count: re.Match[str]) -> bool:
    """A count followed by its own object (…5个、敬老院3个床位) belongs to another construction."""
    return count.end() < len(simple) and simple[count.end()] not in _BOUNDARY + "、和及与以（("


def _done_to(text: str, simple: str, to: re.Match[str], start: int, end: int, stops: list[int]) -> list[Undertaking]:
    """对300个公交站台进行适老化改造, 为300户…实施适老化改造: one undertaking from 对 or 为 to the end of the action."""
    hedge = _ITEM.match(simple, to.end(), end)
    count = _COUNT.match(simple, hedge.end(), end) if hedge else None
    if count is None or _PAST.search(_sentence(simple, start, end, to.start(), stops)):
        return []
    action = _TO_ACTION.match(simple, count.end(), end)
    if action is None or _ATTRIBUTION.search(action.group()):
        return []
    return [_undertaking(text, to.start(), action.end(), count)]


def _sentence(simple: str, start: int, end: int, at: int, stops: list[int]) -> str:
    """The sentence of simple[start:end] that holds offset at; stops are the offsets of its sentence ends, in order."""
    i = bisect_left(stops, at)
    return simple[stops[i - 1] + 1 if i else start : stops[i] if i < len(stops) else end]


def _is_frequency(simple: str, start: int, verb: re.Match[str], count: re.Match[str]) -> bool:
    """每年开展2次…, 15天完成1次…: how often something is done, not an undertaking."""
    if count.group("unit") != "次":
        return False
    clause_start = max((simple.rfind(c, start, verb.start()) for c in _BOUNDARY), default=-1) + 1
    return bool(_FREQUENCY.search(simple[max(start, clause_start) : verb.start()]))


def _object_end(simple: str, at: int, end: int) -> int:
    """Where the thing counted after a count ends (6座污水处理厂初期雨水调蓄工程): at a clause boundary, a
    second predicate (并), a responsible body in brackets, or the next count of a list."""
    if simple[at : at + 1] in ("、", "和", "及", "与"):
        return at  # the list goes on: 新建养老院5个、敬老院3个
    stop = min(end, at + MAX_OBJECT)
    for i in range(at, stop):
        c = simple[i]
        if c in _BOUNDARY or c == "并" or _ATTRIBUTION.match(simple, i) or _NEXT_ITEM.match(simple, i, end):
            stop = i
            break
    while stop > at and simple[stop - 1].isspace():
        stop -= 1
    return stop


def _undertaking(text: str, start: int, end: int, count: re.Match[str]) -> Undertaking:
    qualifiers = [text[count.start(g) : count.end(g)] for g in ("more", "qual") if count.group(g)]
    return Undertaking(
        span=(start, end),
        title=text[start:end],
        count=(count.start(), count.end()),
        value=float(count.group("num").replace(",", "")),
        unit=text[count.start("unit") : count.end("unit")],
        qualifier="".join(qualifiers),
    )


def _quantity(text: str, u: Undertaking) -> Quantity:
    return Quantity(u.value, u.unit, u.qualifier, Span.of(text, *u.count))


def quantities_in(text: str, span: Span) -> list[Quantity]:
    """The counts of the undertakings in a span (a box item: 建设70个以上…站点 -> 70 个 以上)."""
    return [_quantity(text, u) for u in undertakings(text, span.start, span.end)]


def quantified_projects(text: str, measure: Measure) -> list[Project]:
    """Undertakings with a count inside a measure, each a Project of its own (新建风采长者饭堂6间)."""
    projects = []
    for n, u in enumerate(undertakings(text, measure.span.start, measure.span.end), start=1):
        span = Span.of(text, *u.span)
        projects.append(
            Project(
                ordinal=n,
                number="",
                title=u.title,
                text=span.quote,
                span=span,
                quantities=[_quantity(text, u)],
                box=None,
                measure=measure,
                eid=f"{measure.eid}__proj_{n}",
            )
        )
    return projects
