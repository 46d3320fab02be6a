"""Targets stated in prose: 到2025年，养老机构护理型床位占比超过60% -> an Indicator with a Target value.

A target is a clause that names a measurable quantity (养老机构护理型床位占比), a comparator (达到, 超过,
不低于, 控制在, 提高到, 下降 …) and a number with its unit (60%, 1.2万亿斤, 一万三千亿斤), usually after a
year (到2025年). Only forward-looking statements count: background and results (“十三五”时期…, 五年来…,
已达到…, a year before the plan's own period) and per-unit standards (按每百户20平方米) are not targets, and
an undertaking with a count (培育市级社会组织不少于10个) is a project, not an indicator.

Matching runs on a Simplified copy of the text that has the same length, so every span points at the
original characters of either script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import chinese_number
from .records import Heading, Indicator, Measure, Passage, Project, Span, Value
from .script import same_length_simplified, to_simplified

# Clause boundaries: a target never runs across them.
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")

_NUM = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_UNIT = (  # a quantity per another first (人/亿元 before 人)
    r"(?:人|件|元|万元|平方米|吨|千瓦时)/(?:亿元|万元|万人|人|平方米)"
    r"|%|％|‰|个百分点|倍|平方米|平方公里|公顷|万亩|亩|公斤|斤|载重吨|吨|千瓦时|千瓦|美元|元|人次|人|个|家|所|张|名|户|处"
    r"|座|幢|栋|间|条|支|场|项|次|辆|套|岁|天|小时|分钟|分|公里|千米|册|件|床|对|列|班"
)
# A range between two numbers (6.5～7.5%, 6.5%-7.5%, 6.5%至7.5%): the first may repeat the unit (%).
_RANGE = r"(?:\s*(?P<first_unit>[%％])?\s*(?:[～~〜\-－—–]|至)\s*(?P<upper>\d+(?:\.\d+)?))?"
_VALUE = re.compile(
    rf"(?P<approx>约|近|超)?(?:百分之(?P<pct>{_NUM})|(?P<num>{_NUM}){_RANGE}\s*(?P<scale>万亿|亿|万|千)?\s*(?P<unit>{_UNIT}))"
    r"(?P<qual>以上|以下|以内|左右)?"
)
# Comparators, longest first; the symbol is the one indicator tables use ("" for "reaches").
_COMPARATORS = {
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "至少达到": "≥",
    "至少": "≥",
    "超过": ">",
    "超": ">",  # 年接待游客规模超1000万人次
    "高于": ">",
    "大于": ">",
    "多于": ">",
    "突破": ">",
    "不超过": "≤",
    "不高于": "≤",
    "不多于": "≤",
    "不大于": "≤",
    "控制在": "≤",
    "低于": "<",
    "少于": "<",
    "达到": "",
    "计划完成": "",  # an annual plan's amount: 固定资产投资计划完成467亿元
    "提高到": "",
    "提高至": "",
    "提升到": "",
    "提升至": "",
    "增加到": "",
    "增加至": "",
    "增长到": "",
    "增长至": "",
    "增至": "",
    "扩大到": "",
    "扩大至": "",
    "下降到": "",
    "下降至": "",
    "降低到": "",
    "降低至": "",
    "降到": "",
    "降至": "",
    "减少到": "",
    "减少至": "",
    "稳定在": "",
    "保持在": "",
    "保持": "",  # 生活垃圾无害化处理率保持100%
    "维持在": "",
    "达": "",
    "实现": "",
    "在": "",
    # a change by an amount (下降13.5%): "-" or "+"
    "下降": "-",
    "降低": "-",
    "减少": "-",
    "提高": "+",
    "提升": "+",
    "增长": "+",
    "增加": "+",
    "": "",  # a rate followed by its value (达标率100%)
}
_COMPARATOR = re.compile(
    "|".join(sorted(map(re.escape, filter(None, _COMPARATORS)), key=len, reverse=True))
    + r"|(?<=率|比|例|重)(?=\d+(?:\.\d+)?[%％]|百分之)"  # a rate followed by its value: 达标率100%
    # a count at the clause's end after its name: 每万人拥有社工18人, 落地台资企业2000家以上, 年运送旅客25万人次以上
    + r"|(?<=[\u4e00-\u9fff])(?=\d+(?:\.\d+)?(?:万|亿)?(?:名|人次|人|张|个|所|家|对|列|班)(?:以上|以下|左右)?$)"
)
_PROVISION = re.compile(r"^每.+(?:拥有|配备|配有)")  # a count per head (每万名常住人口拥有社区工作者)
# A count per period of time, a level of service (金山铁路全天开行列车38对): a target when a year is stated.
_PER_PERIOD = re.compile(r"全天|每天|每日|日均|每周|高峰小时|每小时")
# A completion rate given bare after the work done (完成…改造，完成比例88.6%): a result reported, not a target
# (完成率达到100% has a comparator and is one).
_RESULT_RATE = re.compile(r"(完成比例|完成率|完成进度)$")
# Adverbs between the quantity and its comparator: not part of the name.
_ADVERBS = re.compile(
    r"(?:均|都|总体上|总体|分别|平均|力争|争取|要|将|稳步|逐步|进一步|基本|全部|一般|原则上|始终|持续"
    r"|累计|预计|总计|合计|年均|每年)+$"
)
# What a quantity's name ends with when it is a rate, share or level (any name may take a count unit).
_RATE_HEAD = re.compile(
    r"(率|占比|比例|比重|覆盖面|指数|系数|水平|标准|寿命|年限|时长|强度|密度|面积|规模|总量|数量|总数|人数"
    r"|个数|床位数|量|能力|收入|总值|增加值|总额|增速|增长|消耗|能耗|排放|成本|价格|时间|周期|投入|投资|支出|金额|资金|数)$"
)
_RATE_UNIT = {"%", "％", "‰", "个百分点", "倍"}
# Leading words that frame the quantity rather than name it (到2025年, 力争, 全市 …).
_FRAME = re.compile(
    r"(?:到|至|截至|在)?(?:\d{4}|[二〇零一二三四五六七八九]{4})年(?:底|末|年底|年末)?(?:前|之前|以前)?"
    r"|[“\"]?十[二三四五六七]五[”\"]?(?:时期|期间|期末|末)"
    r"|(?:\d{1,2}|[一二三四五六七八九十两])年内"  # 5年内遴选评定…: the time allowed, not the quantity
    r"|力争|确保|争取|推动|推进|努力|实现|使得|使|让|促进|力求|并且|并|且|同时|其中|以及|和|及|与|要|将|保证|全面|预计|落实|通过|、"
    r"|[(（]\d{1,3}[)）]|\d{1,3}[.、．]"  # an item number the segmenter left in the text: （13）
    r"|(?:全[市省区县州盟旗镇国]|我[市省区县州])(?:范围内)?"
)
_YEAR = re.compile(
    r"(?:到|至|截至|在)?(?P<year>20\d\d|二[〇零][〇零一二三四五六七八九]{2})年(?:底|末)?(?:前|之前)?"
    r"|[“\"]?(?P<fyp>十[二三四五六七])五[”\"]?(?:时期|期间|期末|末)"
)
# A year a span starts from (2012年起5年内, 2021年以来) dates no target: the target falls at the span's end.
_SPAN_START = re.compile(r"起|以来|开始")
_THIS_YEAR = re.compile(r"今年")  # the year of the document's date
_FYP_END = {"十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035, "十七": 2040}
_FYP = re.compile(r"(十[二三四五六七])五")
# A sentence about the past (results, background) states no target.
# (相比“十三五”期下降10% compares with the past: a target.)
_PAST_SENTENCE = re.compile(
    r"(?<![比较“\"])(?<![比较][“\"])十[二三]五|五年来|近年来|过去五年|以来|截至|截止|已经|业已|先后"
    r"|已(?:建成|完成|实现|达到|覆盖|形成|超过)"  # 已建成: done
)
# A paragraph that is background as a whole (in text without headings, or under a background heading).
_PAST_PARAGRAPH = re.compile(r"(?<![比较“\"])(?<![比较][“\"])十[二三]五|五年来|近年来|过去五年|取得.{0,8}成[就效]")
_BACKGROUND_HEADING = re.compile(r"发展基础|工作基础|现实基础|发展环境|形势|成就|回顾|现状|机遇|挑战|十三五|十二五|背景|意义")
# The name starts with an undertaking (培育…不少于10个): a project, not a quantity.
# A verb followed by 的 (设立的旅居养老服务) opens a relative clause inside the name: no undertaking.
_UNDERTAKING = re.compile(
    r"(?:新建|建成|建设|改造|改建|扩建|培育|培养|培训|打造|创建|新增|完成|实施|设立|扶持|开展"
    r"|招募|引进|组建|发展|支持|引导|举办|选树|评选|推出|提供|救助|资助|发放)(?!的)"
)
# An amount of support paid (激励金额, 补贴资金, 奖补额度): bounded from above (单个企业年度激励金额不超过2000万元) it caps
# what a measure pays, a rule of the instrument, not an outcome the plan aims at.
_SUPPORT_AMOUNT = re.compile(r"(?:激励|补贴|补助|奖励|奖补|资助|贴息|扶持)[^，,。；]*?(?:金额|资金|额度|总额)")
_BAD_NAME = re.compile(r"按|[\d%]$|^[的得之]|^地(?![区方])|[的地得之在对于为把将和与及、]$|^每[年月周日天季]")
MAX_NAME = 40


@dataclass
class TargetScope:
    """A stretch of text that may state targets, and what a target found in it belongs to."""

    span: Span
    measure: Measure | None  # the measure it is, or that the passage continues
    container: Heading | None  # the unit that holds it (None: the plan text itself)
    eid: str  # the id prefix of its targets: the measure's, box item's or passage's eid
    stated_in: Project | Passage | None = None  # the box item or passage it is, if not a measure


def target_scopes(
    measures: list[Measure], projects: list[Project], passages: list[Passage], not_before: int | None = None
) -> list[TargetScope]:
    """Measures, box items, and the passages that are not background (goals, lead paragraphs and the like state
    targets too). Background is a passage stating background or significance, one under a heading about the
    past or the setting (发展基础, 主要成就 …), or one that speaks of the past (“十三五”时期, 五年来) and names no
    year of the plan's own period."""
    scopes = [TargetScope(m.span, m, m.parent, m.eid) for m in measures]
    scopes += [TargetScope(p.span, None, p.box, p.eid, p) for p in projects if p.box is not None]
    for p in passages:
        if p.role in ("background", "significance") or _background(p.parent):
            continue
        item = p.item
        while isinstance(item, Passage):
            item = item.item
        scopes.append(TargetScope(p.span, item, p.parent, p.eid, p))
    return sorted((s for s in scopes if not _speaks_of_the_past(s.span.quote, not_before)), key=lambda s: s.span.start)


def _speaks_of_the_past(text: str, not_before: int | None) -> bool:
    """Words of the past (“十三五”时期, 五年来) and no year of the plan's own period (到2025年, “十四五”)."""
    simple = to_simplified(text)
    if not _PAST_PARAGRAPH.search(simple):
        return False
    if not_before is None:
        return True
    years = [_year(m) for m in _YEAR.finditer(simple)] + [_FYP_END[m.group(1)] for m in _FYP.finditer(simple)]
    return not any(y and y >= not_before for y in years)


def _background(heading: Heading | None) -> bool:
    """Under a heading about the past or the setting (not one about goals)."""
    while heading is not None:
        title = to_simplified(heading.title)
        if heading.role in ("background", "significance") or _BACKGROUND_HEADING.search(title) and "目标" not in title:
            return True
        heading = heading.parent
    return False


def prose_targets(
    text: str, scopes: list[TargetScope], not_before: int | None = None, this_year: int | None = None
) -> list[Indicator]:
    """Indicators with a Target value for every target stated in the scopes.

    not_before is the first year of the plan's own period (or its year of issue): a year before it is a
    result, not a target. this_year is the year of the document's date, the year its 今年 (this year) names;
    None when the document states no date.
    """
    simple = same_length_simplified(text)
    found: list[Indicator] = []
    per_eid: dict[str, int] = {}
    for scope in scopes:
        for clause, name, value in _targets_in(text, simple, scope.span.start, scope.span.end, not_before, this_year):
            per_eid[scope.eid] = per_eid.get(scope.eid, 0) + 1
            n = per_eid[scope.eid]
            found.append(
                Indicator(
                    ordinal=n,
                    number="",
                    name=_label(name, value),
                    name_span=name,
                    span=clause,
                    category="",
                    unit=value.unit,
                    attribute="",
                    note="",
                    values=[value],
                    table=None,
                    eid=f"{scope.eid}__ind_{n}" if scope.eid else f"ind_{n}",
                    source="prose",
                    measure=scope.measure,
                    container=scope.container,
                    stated_in=scope.stated_in,
                )
            )
    return found


_COUNTED_LIST = re.compile(rf"等(?:{_NUM})个")


def _label(name: Span, value: Value) -> str:
    """The quantity's name without its value: a share names the whole clause (建成区40%以上的面积达到…要求), whose
    value is not part of the quantity (建成区的面积达到…要求); a list closed by its count (松江、青浦、嘉定、奉贤等
    4个新城) is named by its members (松江、青浦、嘉定、奉贤等新城). The name's span keeps the clause as written."""
    label = name.quote
    if name.start <= value.span.start and value.span.end <= name.end:
        label = label[: value.span.start - name.start] + label[value.span.end - name.start :]
    return _COUNTED_LIST.sub("等", label)


def _targets_in(original: str, simple: str, start: int, end: int, not_before: int | None, this_year: int | None):
    """(clause span, name span, value) of each target between start and end. A sentence that states no year takes
    the period of the title sentence heading it (“十四五”时期经济社会发展的主要目标。 then …增速在6.5～7.5%); 今年 is
    this_year (a work report's 今年经济社会发展的主要预期目标是：…)."""
    period: list[tuple[int, int]] = []  # (offset, year) of the period the last title sentence names
    listed: list[tuple[int, int]] = []  # the years stated before the colon of a list whose items end with ；
    for s_start, s_end in _pieces(simple, start, end, _SENTENCE_END):
        sentence = simple[s_start:s_end]
        title = _TITLE_SENTENCE.fullmatch(sentence) is not None
        past = _PAST_SENTENCE.search(sentence) is not None
        own = [
            (s_start + m.start(), y)
            for m in _YEAR.finditer(sentence)
            if (y := _year(m)) and not _SPAN_START.match(sentence, m.end())
        ]
        if this_year is not None:
            own = sorted(own + [(s_start + m.start(), this_year) for m in _THIS_YEAR.finditer(sentence)])
        dating = own or listed or period
        in_list = not own and bool(listed)  # an entry of a list of targets the year before its colon dates
        found = [] if past else [*_sentence_targets(original, simple, s_start, s_end, own, dating, not_before, in_list)]
        yield from found
        if title and not found:
            period = [] if past else _period(sentence, s_start)
        # 今年…主要预期目标是：地区生产总值增长3.5%；固定资产投资增长5%；…。: the year before the colon dates the list
        if (colon := sentence.find("：")) >= 0:
            listed = [(at, y) for at, y in own if at < s_start + colon]
        if not simple.startswith(("；", ";"), s_end):
            listed = []


def _period(sentence: str, at: int) -> list[tuple[int, int]]:
    """The year a title sentence names as its period (到2025年, “十四五”时期), not a day (2025年6月1日及以后投产的…)."""
    for m in _YEAR.finditer(sentence):
        if (y := _year(m)) and not _MONTH.match(sentence, m.end()) and not _SPAN_START.match(sentence, m.end()):
            return [(at + m.start(), y)]
    return []


def _sentence_targets(
    original: str,
    simple: str,
    s_start: int,
    s_end: int,
    own: list[tuple[int, int]],
    year_at: list[tuple[int, int]],
    not_before: int | None,
    in_list: bool = False,
):
    """The targets of one sentence; own holds the (offset, year) of the years it states, year_at those that date it;
    in_list says it is an entry of a dated list of targets (…预期目标是：…；两岸往来人数10万人；…)."""
    last: tuple[int, int] | None = None  # the name of the target the clause before stated
    for c_start, c_end in _pieces(simple, s_start, s_end, _CLAUSE_END):
        # 其中… breaks down the count before it (新增床位6200张以上，其中护理型床位3620张): what that count is
        dated = (in_list or any(at < c_start for at, _ in own)) and not simple.startswith("其中", c_start)
        hits = [*_clause_targets(simple, c_start, c_end, dated)] or [*_share_targets(simple, c_start, c_end)]
        hits = hits or ([*_entry_target(simple, c_start, c_end)] if in_list else [])
        hits = hits or [*_rate_after(simple, c_start, c_end, last)]
        last = (hits[-1][0], hits[-1][1]) if hits else None
        for hit in hits:
            name_start, name_end, value_start, value_end, comparator, value_match = hit
            year = next((y for at, y in reversed(year_at) if at < value_start), None)
            if year is not None and not_before is not None and year < not_before:
                continue  # a result of an earlier period
            if not comparator and _RESULT_RATE.search(simple[name_start:name_end]):
                continue
            if not comparator and _PER_PERIOD.search(simple[name_start:name_end]) and year is None:
                continue  # a level of service is a target only by a year (至2026年…全天开行列车38对)
            value = _value(original, value_start, value_end, comparator, value_match, year)
            if value is not None:
                yield Span.of(original, c_start, max(value_end, name_end)), Span.of(original, name_start, name_end), value


# A title sentence (“十四五”时期经济社会发展的主要目标。, 奋力打造知名的国际旅游岛。): no clause break, short, no target of its
# own. The period it names dates the sentences after it that name none, up to the next title.
_TITLE_SENTENCE = re.compile(r"[^，,；;：:]{2,40}")
_MONTH = re.compile(r"\d{1,2}月")


def _pieces(simple: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of simple[start:end] between boundary characters, without surrounding spaces."""
    out, at = [], start
    for m in boundary.finditer(simple, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    trimmed = []
    for a, b in out:
        while a < b and simple[a].isspace():
            a += 1
        while b > a and simple[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _year(m: re.Match[str]) -> int | None:
    if m.group("fyp"):
        return _FYP_END.get(m.group("fyp"))
    y = m.group("year")
    if y.isdigit():
        return int(y)
    number = chinese_number(y, digits=True)
    assert number is not None  # _YEAR matches a year in Chinese digits only (二〇三五)
    return int(number)


def _clause_targets(simple: str, start: int, end: int, dated: bool):
    """(name start, name end, value start, value end, comparator word, value match) in one clause; dated says
    that a year stated before the clause (到2025年，…) dates it."""
    clause = simple[start:end]
    name_from = 0
    for m in _COMPARATOR.finditer(clause):
        value = _VALUE.match(clause, m.end())
        if not value:
            continue
        rest = clause[value.end() :]
        if rest and rest[0] not in '、和及与（([”"':
            continue  # 达到一个新高度: the number belongs to a noun, not to the quantity (a quote may close after it)
        word = m.group()
        if clause[m.start() - 1 : m.start()] in ("已", "曾"):
            name_from = value.end()
            continue  # 已达到: done
        if word == "在" and not value.group("qual") and not value.group("upper"):
            continue  # 在60%以上 and 在6.5～7.5% are comparators, 在2025年 is not
        if word in ("实现", "达") and not value.group("unit") and not value.group("pct"):
            continue
        head = clause[name_from : m.start()]
        adverbs = _ADVERBS.search(head)
        name_end = m.start() - (len(adverbs.group()) if adverbs else 0)
        bounds = _name(clause, name_from, name_end)
        name_from = value.end()
        if bounds is None:
            continue
        a, b = bounds
        name = clause[a:b]
        unit = "%" if value.group("pct") else value.group("unit")
        if not _is_quantity(name, unit, word, dated or bool(value.group("qual"))):
            continue
        yield start + a, start + b, start + m.start(), start + value.end(), word, value
        if adverbs and "分别" in adverbs.group():  # 分别达到80%和50%: one target per value, of one name
            at = value.end()
            while (more := re.compile(r"和|及|、").match(clause, at)) and (other := _VALUE.match(clause, more.end())):
                yield start + a, start + b, start + more.end(), start + other.end(), word, other
                at = name_from = other.end()


def _entry_target(simple: str, start: int, end: int):
    """An entry of a dated list of targets that names a quantity, then its amount with no verb between (旅游总收入17.0
    亿元, 城镇居民人均可支配收入36038元): the amount that ends it is the target."""
    clause = simple[start:end]
    value = next((m for m in _VALUE.finditer(clause) if m.end() == len(clause)), None)
    bounds = _name(clause, 0, value.start()) if value and value.start() > 0 else None
    name = clause[bounds[0] : bounds[1]] if bounds else ""
    # not a change alone (，增长18%: the rate of the amount before it, whose name it does not repeat)
    if value and bounds and _RATE_HEAD.search(name) and not _BAD_NAME.search(name) and name not in _COMPARATORS:
        yield start + bounds[0], start + bounds[1], start + value.start(), start + value.end(), "", value


# A change alone (增长18%, 年均增长7%左右, 同比下降5%): the rate of the quantity the clause before named (固定资产投资计划
# 完成467亿元，增长18%), which it does not repeat.
_BARE_CHANGE = re.compile(r"(?:年均|同比|比上年)?(?P<word>增长|下降|提高|降低|增加|减少)")


def _rate_after(simple: str, start: int, end: int, last: tuple[int, int] | None):
    """The rate of change a clause states alone, right after a clause stating a target: the target's quantity
    changes by it (地区生产总值达到500亿元，增长8%左右), of the name that clause gave."""
    clause = simple[start:end]
    m = _BARE_CHANGE.match(clause)
    value = _VALUE.fullmatch(clause, m.end()) if m and last else None
    if last is None or m is None or value is None or value.group("upper"):
        return
    if value.group("pct") or value.group("unit") in _RATE_UNIT:
        yield last[0], last[1], start + m.start(), end, m.group("word"), value


_SHARE = re.compile(r"(?<![\d.])(?=\d+(?:\.\d+)?[%％]|百分之)")
_SHARE_PREDICATE = re.compile(r"达到|实现|建立|建成|具备|完成|纳入|覆盖|设立|配备|化$")


def _share_targets(simple: str, start: int, end: int):
    """A share of a whole that reaches a state, the value inside the clause (建成区40%以上的面积达到…要求,
    60%以上镇(街道)建立社工站): its name is the whole clause, value included."""
    clause = simple[start:end]
    for m in _SHARE.finditer(clause):
        value = _VALUE.match(clause, m.start())
        if not value or not value.group("pct") and value.group("unit") not in ("%", "％"):
            continue
        rest = clause[value.end() :].split("、")[0]
        if len(rest) < 3 or not _SHARE_PREDICATE.search(rest) or re.search(r"\d+(?:\.\d+)?[%％]", rest):
            continue
        bounds = _name(clause, 0, value.end() + len(rest))
        if bounds is None or bounds[0] > m.start() or _COMPARATOR_END.search(clause[bounds[0] : m.start()]):
            continue
        yield start + bounds[0], start + bounds[1], start + m.start(), start + value.end(), "", value


_COMPARATOR_END = re.compile("(?:" + "|".join(map(re.escape, filter(None, _COMPARATORS))) + ")$")


def _name(clause: str, start: int, end: int) -> tuple[int, int] | None:
    """The name of the quantity in clause[start:end], without framing words (到2025年, 力争, 全市)."""
    base = re.search(r"(由|从)[^由从]*$", clause[start:end])
    if base and re.search(r"\d", base.group()):
        end = start + base.start()  # 由14%提高到: the baseline is no part of the name
    compared = re.search(r"(与[^与]*)?相比[^相]*$|较[^较]*$", clause[start:end])
    if compared:
        end = start + compared.start()  # 相比“十三五”期下降10%
    while start < end:
        m = _FRAME.match(clause, start, end)
        if not m or not m.group():
            break
        start = m.end()
    while start < end and clause[start] in ' ，,、“”"':
        start += 1
    if end - start < 2 or end - start > MAX_NAME:
        return None
    return start, end


def _is_quantity(name: str, unit: str, word: str, bounded: bool = False) -> bool:
    """Whether name names a measurable quantity for a value in unit (not an undertaking, standard or date).
    bounded: the value has a bound of its own (2000家以上) or a year (到2025年，…台胞6000名), which makes a bare
    count a target, as a provision per head or a level of service is one."""
    if _BAD_NAME.search(name):
        return False
    rate = unit in _RATE_UNIT
    if not word and not rate and (_PROVISION.search(name) or _PER_PERIOD.search(name)):
        return True
    if not word and not rate and not bounded:
        return False  # a count after a noun (住房困难家庭3000户) states no target by itself
    if _UNDERTAKING.search(name) and not _RATE_HEAD.search(name):
        return False  # 培育市级社会组织不少于10个, 对…开展培训不少于2万人次: undertakings, which are projects
    if _COMPARATORS[word] in ("≤", "<") and _SUPPORT_AMOUNT.search(name):
        return False  # a cap on the support a measure pays
    if rate or _COMPARATORS[word] in ("+", "-"):
        return bool(_RATE_HEAD.search(name))
    return True


def _value(original: str, start: int, end: int, word: str, m: re.Match[str], year: int | None) -> Value | None:
    """The Target value of a comparator and number (超过60% -> > 60 %)."""
    number = chinese_number(m.group("pct") or m.group("num"))
    if number is None:
        return None
    unit = "%" if m.group("pct") else m.group("unit").replace("％", "%")
    scale_word = m.group("scale") or ""
    comparator = _COMPARATORS[word]
    qual = m.group("qual") or ""
    if comparator == "" and qual:
        comparator = {"以上": "≥", "以下": "≤", "以内": "≤"}.get(qual, "")
    scale = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}.get(scale_word, 1.0)
    bounds = _range(m, number, unit)
    if m.group("upper") and bounds is None:
        return None
    return Value(
        as_written=original[start:end],
        year=year,
        kind="target",
        group="",
        span=Span.of(original, start, end),
        comparator=comparator,
        number=None if bounds else number,
        unit=scale_word + unit,
        scale=scale,
        bounds=bounds,
    )


def _range(m: re.Match[str], lower: float, unit: str) -> tuple[float, float] | None:
    """The two ends of a range (6.5～7.5% -> 6.5, 7.5), or None: a range states no single number, and a first
    number with a unit of its own (6.5%-7.5万人) or ends out of order (7.5～6.5%) make none."""
    if not m.group("upper"):
        return None
    upper = float(m.group("upper"))
    if m.group("first_unit") and unit != "%" or upper <= lower:
        return None
    return lower, upper
