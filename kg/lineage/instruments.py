"""Policy instruments: the named mechanisms, programmes, facility types, standards and campaigns plans set up.

An instrument is found in an item's text by its head noun, the last word of the name (工程, 行动, 补贴, 饭堂, 工作站,
床位 …; 制度, 机制, 政策 … : kg/data/instrument_heads.txt), and by quote marks (“一网通办”): the name runs back from
its head to the verb that governs it (建立/实施/开展 … : kg/data/instrument_verbs.txt) or to the start of the clause
(a verb between two heads joins them: 改造提升工程), and is read again after a 的 in it. Verbs and heads count where a
word (jieba) starts or ends; a verb that is also the noun of names (形成, 参与, 统筹: 价格形成机制) governs only at
the start of its clause or after another verb; 系统 before a verb is an adverb, no head (山水林田湖草系统治理).
Coordinated modifiers share their head (年度报告和信息公开制度 names 年度报告制度 too). The modifier before a head of
rules, systems, platforms or projects names the programme they carry, one instrument when two plans carry it under two
heads (家庭经济状况核对机制, 居民家庭经济状况核对信息平台: 经济状况核对). A campaign building a quality into a field
is named with 建设 (平安边界建设, 美丽乡村建设), though 建设 heads no other name. Names are compared in a normal form
(Simplified, without quote marks, punctuation or a leading 全省/我市), so that one instrument is one concept across
all plans, whatever the script; a name another plan writes with a few words added inside it names the same instrument
(社会救助审核确认权限下放 and 社会救助确认权限下放), a name with a word replaced does not (三社联动机制,
五社联动机制).

A name every plan uses for its field of work is not an instrument (社会救助制度, 工作机制, 社会政策). Decided from
the text: the modifier (the name without its head) must have MIN_MODIFIER characters (a campaign's
may be one uncommon word: 婚俗改革, not 重大改革) and not start with a conjunction or a quantifier; slogans
(kg/data/stock_phrases.txt) are not names, nor is a field put before a slogan's words (基层治理体系:
治理体系), and a slogan's run of parallel verbs says no more than a vague word (共建共治共享治理机制); the
base of a ratio or a composition (护理型床位占比, 床位结构) is a target's quantity, not an instrument set up;
a degree adverb starts a description, not a name (更加完备的慈善综合监管体系). Decided from the words of a name
(kg/data/instrument_generic.txt) and the store: a name with an abstract head (制度, 机制, 政策 …) is generic
when its modifier is nothing but vague and process words (动态调整机制, 内部治理机制, 体制机制改革), or when
its head names a system (制度, 机制, 体系, 政策 …) and its modifier is vague and place words around fields,
words MIN_FIELD_SHARE of the store's items write or a word of everyday language (城乡社区服务体系, 社会组织管理
制度, 基本养老服务体系, 公共文化服务体系), with no process word to say which arrangement it is (城乡社区协商
制度, 未成年人保护协调机制 stay; a place word before a field in one word of jieba is read as both: 社会福利制度);
a system head after nothing but another head names a kind (联席会议制度); a plan's genre after a period
(三年行动计划) names a document. Whatever its
words, a name with an abstract head must be specific too, its specificity being the inverse document
frequency, over the store's items, of the rarest character 4-gram of its modifier, scaled to 0-1; below
MIN_SPECIFICITY it is generic. The README shows where the line falls on the bundled corpus.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from plankg.lineage.passages import stock_phrases
from plankg.lineage.reuse_model import gram_codes

MIN_NAME = 4  # Han characters of a name, head included
MAX_NAME = 24
MIN_MODIFIER = 3  # Han characters of a name before its head (quoted names excepted)
MAX_COMMON = 10  # per million words of jieba's reference corpus: a word of a campaign's two-character object
WORDS_KEPT = 1 << 16  # clauses, names cut into words (jieba) and judged, kept for when they come again
MIN_SPECIFICITY = 0.6  # scaled IDF of the rarest modifier 4-gram below which a name with an abstract head is generic
MIN_STEM = 6  # Han characters of a name's modifier shared under another head (家庭经济状况核对)
MIN_FIELD_SHARE = 0.03  # share of the store's items writing a word for it to be a field of work (养老服务, 社会组织)
_FUNCTION_START = re.compile(r"^([与和及或的等并按为在对以每各其该]|一批|若干|一些)")
_DEGREE = re.compile(r"(更加|更为|日益|越来越|十分|非常|较为|最为)")  # a description (更加完备的…体系), not a name
_CLAUSE = re.compile(r"[^。;；,，:：!！?？、\n]+")
_STEPS = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、){2,}[\u4e00-\u9fff]{2,6})[”\"]?(?:“[^”]{1,8}”)?的")
# a campaign building a quality into a field (平安边界建设, 美丽乡村建设, 数字政府建设), unlike the ongoing work
# of a field (基层政权建设: 建设 heads no other name)
_BUILDING = re.compile(r"(平安|法治|智慧|数字|文明|美丽|健康|和谐|廉洁)[\u4e00-\u9fff]{2,6}?建设")
_NOT_BUILT = re.compile(r"[和及与的化]|一体")  # 文明建设和党的建设, 数字化建设, 法治国家、法治政府、法治社会一体建设
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
_DROPPED = re.compile(r"[“”\"‘’'「」『』（）()《》\s·+＋]")
_LEADING = re.compile(r"^(相关|有关|全省|全市|全区|全县|全州|全盟|我省|我市|我区|我县|各地|各级|省级|市级)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUARTER = re.compile(r"一刻钟|15分钟")  # one span of time (城市地区“一刻钟”居家养老服务圈, 十五分钟养老服务圈)
_SUBSIDY_SYSTEM = re.compile(r"(补贴|津贴)制度$")
_STATION = re.compile(r"站点$")  # 服务站点 is the 服务站
_NOT_A_NAME = re.compile(r"或|规划")  # alternatives (规划或行动计划), plans (民政规划计划: documents, no instruments)
_ETC = re.compile(r"等(?!级)")  # a list (…等), not a grade (等级评定)
_PER = re.compile(r"每?[一二三四五六七八九十百千万两\d]+[张个名所家位户]")  # a quantity's unit
_RATIO = re.compile(r"(占比|比例|比重|结构)")  # after a name: the base of a share or a composition (护理型床位占比, 床位结构)
_ACTOR = re.compile(r"(部门|单位)$")  # 职能部门职责 names who acts, not an instrument
_GROUP = re.compile(r"(儿童|孤儿|老人|老年人|人员|妇女|残疾人|群众|对象)$")  # a group of people is no modifier
_PROCEDURES = ("机制", "制度")  # the heads a list of steps can name
_WORK = "工作"  # 试点工作 is the 试点
_SYSTEMATIC = "系统"  # a head, and an adverb before a verb (see _adverb)
_NOT_HEADED = ("宅基地", "高标准", "按计划")  # words ending in a head that are none of its kind (homestead land, a high standard)
_JOINING = frozenset(("和", "与", "及", "以及", "的", "、"))  # joins the words of a modifier, says nothing of them
_INSTITUTIONS = ("机构", "设施")  # kinds of institution and facility (救助管理设施) are no programme
# heads that name what carries a programme (its rules, system, platform, facility, project): the modifier before
# them names the programme, which another plan may carry under another head (家庭经济状况核对机制 / …核对信息平台);
# the modifier of a noun of change (脱钩改革, 适老化改造) or of a thing given (补贴, 床位) is its object, no programme
_CARRIERS = frozenset(
    (
        "制度",
        "机制",
        "体制",
        "体系",
        "政策",
        "模式",
        "标准",
        "平台",
        "系统",
        "项目",
        "清单",
        "目录",
        "责任制",
        "工程",
        "行动",
        "计划",
    )
    + ("中心", "工作站", "服务站", "站点", "基地", "数据库", "信息库", "试点", "示范区", "热线", "基金")
)
_PERIOD = re.compile(r"[一二三四五六七八九十两\d]+年")  # a plan's time span (三年, 2021年)
# a slogan's run of parallel two-character verbs sharing their first character (共建共治共享, 共商共建共享,
# 众智众筹众创): the way any plan of the period speaks, no arrangement (a count is no verb: 一户一档一策)
_PARALLEL = re.compile(r"([^一二三四五六七八九十百千万两\d])[\u4e00-\u9fff](?:\1[\u4e00-\u9fff]){2,}")


WordTest = bool | tuple[tuple[str, ...], ...] | None  # see word_test


def _lines(name: str) -> tuple[str, ...]:
    text = resources.files("plankg").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return tuple(sorted({ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _head_lines() -> tuple[str, ...]:
    """The heads of both files (kg/data/instrument_heads_extra.txt says why there are two), longest first."""
    return tuple(sorted(_lines("instrument_heads.txt") + _lines("instrument_heads_extra.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _heads() -> re.Pattern:
    return re.compile("(" + "|".join(re.escape(h.lstrip("~")) for h in _head_lines()) + ")")


@lru_cache(maxsize=1)
def abstract_heads() -> tuple[str, ...]:
    """Heads that name an abstract instrument (制度, 机制 …): such names must pass the specificity test."""
    return tuple(h.lstrip("~") for h in _head_lines() if h.startswith("~"))


@lru_cache(maxsize=1)
def campaign_heads() -> tuple[str, ...]:
    """The nouns of change that name a campaign (改革, 整治 …): their object may be one uncommon word (婚俗改革)."""
    return tuple(h[2:] for h in _head_lines() if h.startswith("~~"))


def _uncommon_word(modifier: str) -> bool:
    """One word of jieba's dictionary, rarer than MAX_COMMON per million words of its reference corpus: the
    field-specific object of a campaign (婚俗, 殡葬, 地名, 脱钩), not a common word (重大, 风险, 成果, 清理)."""
    return 0 < _per_million(modifier) < MAX_COMMON and not _verbs().fullmatch(modifier)


def _per_million(word: str) -> float:
    """How often jieba's reference corpus writes word, per million words (0 for a word its dictionary lacks)."""
    from plankg.lineage.fingerprints import _jieba

    tokenizer = _jieba()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(word, 0) * 1e6 / tokenizer.total


@lru_cache(maxsize=1)
def generic_words() -> dict[str, str]:
    """Word -> its class in kg/data/instrument_generic.txt (vague, place, process, period, genre; system and
    document for heads), the abstract heads vague words inside a modifier (体制机制改革), but for the nouns of
    change that name a campaign (脱钩改革)."""
    text = resources.files("plankg").joinpath("data/instrument_generic.txt").read_text(encoding="utf-8")
    classes = dict.fromkeys(set(abstract_heads()) - set(campaign_heads()), "vague")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, *words = line.split()
            classes.update(dict.fromkeys(words, kind))
    return classes


def _word_class(word: str) -> str:
    """A modifier word's class: its own, "joining" for a conjunction or 的, "period" for a span of years, or the
    classes of the listed words it is made of (社会保障: place+vague); "" for a word the list does not hold."""
    classes = generic_words()
    if word in _JOINING:
        return "joining"
    if word in classes or _PERIOD.fullmatch(word):
        return classes.get(word, "period")
    parts = _listed_parts(word)
    return "+".join(classes[p] for p in parts) if parts else ""


@lru_cache(maxsize=WORDS_KEPT)
def _listed_parts(word: str) -> tuple[str, ...]:
    """word cut into listed generic words, longest first from the left, or () when it cannot be."""
    if not word:
        return ()
    for n in range(len(word), 0, -1):
        if word[:n] in generic_words() and n < len(word):
            rest = _listed_parts(word[n:])
            if rest:
                return (word[:n], *rest)
        elif word[:n] in generic_words():
            return (word,)
    return ()


@lru_cache(maxsize=WORDS_KEPT)
def modifier_parts(modifier: str) -> tuple[tuple[int, int, str], ...]:
    """A modifier's words as (start, end, class), the words the generic list does not hold merged into one part
    of class "" (社会组织, 未成年人保护, 收养): what may make the name specific."""
    from plankg.lineage.fingerprints import _jieba

    parts: list[tuple[int, int, str]] = []
    at = 0
    for word in _jieba().lcut(modifier, HMM=False):
        kind = _word_class(word)
        if parts and not kind and not parts[-1][2]:
            parts[-1] = (parts[-1][0], at + len(word), "")
        else:
            parts.append((at, at + len(word), kind))
        at += len(word)
    return tuple(parts)


@lru_cache(maxsize=1)
def _verbs() -> re.Pattern:
    return re.compile("(" + "|".join(re.escape(v.lstrip("^")) for v in _lines("instrument_verbs.txt")) + ")")


@lru_cache(maxsize=1)
def _initial_verbs() -> frozenset[str]:
    """Verbs that govern only at the start of a clause or after another governing verb (see the verbs' file)."""
    return frozenset(v[1:] for v in _lines("instrument_verbs.txt") if v.startswith("^"))


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def traditional(name: str) -> str:
    """A name in Traditional script, for the concept's zh-Hant label (names are compared in Simplified)."""
    return _s2t().convert(name)


@dataclass(frozen=True)
class Mention:
    """An instrument named in a text: offsets into it, the name as written and the normal forms it may stand
    for, longest first (the whole name, then its shorter ends at word boundaries: 应用志愿服务信息系统 may name
    志愿服务信息系统)."""

    start: int
    end: int
    quote: str
    keys: tuple[str, ...]
    tests: tuple[tuple[str, bool, WordTest], ...] = ()  # (key, is a stem, word_test) of the keys that need jieba

    def row(self) -> list:
        """The mention as kept (JSON)."""
        return [self.start, self.end, self.quote, list(self.keys), [list(t) for t in self.tests]]

    @classmethod
    def from_row(cls, row: list) -> Mention:
        start, end, quote, keys, *tests = row
        return cls(start, end, quote, tuple(keys), tuple((k, stem, _tuples(t)) for k, stem, t in (tests[0] if tests else ())))


def _tuples(test):
    """A word test read from JSON (lists) as made (tuples)."""
    return tuple(tuple(group) for group in test) if isinstance(test, list) else test


def tested(mention: Mention) -> Mention:
    """A mention with the word tests of its keys that need jieba's dictionary (word_test): the programmes it carries,
    and its whole name when its head is abstract or a plan's. A shorter end is shared only where some mention names
    it whole (shared_keys), and that mention has its test."""
    name = mention.keys[0]
    head = _final_head(name)
    tests = [(k, True, word_test(k, True)) for k in mention.keys if _is_stem(k, head)]
    if name.endswith(abstract_heads()) or generic_words().get(head) == "document":
        tests.insert(0, (name, False, word_test(name)))
    return Mention(mention.start, mention.end, mention.quote, mention.keys, tuple(tests))


def key(name: str) -> str:
    """The normal form of a name: Simplified (the caller's text is), no quote marks, brackets or spaces, no
    leading 全省/我市, no 制度 after a subsidy (困难残疾人生活补贴制度 is the subsidy), a quarter of an hour written
    one way (一刻钟, 15分钟: 十五分钟)."""
    bare = _QUARTER.sub("十五分钟", _DROPPED.sub("", name))
    return _STATION.sub("站", _SUBSIDY_SYSTEM.sub(r"\1", _LEADING.sub("", bare)))


def mentions(text: str) -> list[Mention]:
    """The instrument names in a Simplified text, one per head noun (or quoted name). Verbs and heads count only
    where a word starts or ends (jieba): 组织 in 社会组织 governs nothing, 服务站 in 志愿服务站点 is no head. Only the
    clauses that need it are cut into words (jieba cuts at punctuation anyway, so a clause's words are the text's):
    those with a head, and a list's earlier clauses when their objects share it."""
    found: list[Mention] = []
    listed: list[tuple[int, str]] = []  # the clauses before this one in a list (…、…、): where each starts, its text
    for clause in _CLAUSE.finditer(text):
        body, base = clause.group(), clause.start()
        if not (base and text[base - 1] == "、"):
            listed = []
        if text.startswith("、", clause.end()):
            listed.append((base, body))
        if not _heads().search(body):
            continue
        bounds = _bounds(body)
        heads = _heads_at(body, bounds)
        verbs = _governing(body, bounds, {(h.end(), g.start()) for h in heads for g in heads})
        for head in heads:
            start = max((v for v in verbs if v <= head.start()), default=0)
            cut = max([start] + [n + 1 for n in range(start, head.start()) if body[n] == "的"])
            if _PER.match(body, cut) or _RATIO.match(body, head.end()):
                continue  # 每百张养老机构床位, 护理型床位占比, 床位结构: the unit or the base of a ratio
            # a description before the 的, the name after it: 更加完备的…, or the last of a list of qualities
            # (系统完备、高效实用、…、安全可靠的现代化基础设施体系)
            described = _DEGREE.match(body, start) is not None or (not start and base > 0 and text[base - 1] == "、")
            for begin in sorted({cut} if described else {start, cut}):  # after a 的 too: 建立翔实完备的困境儿童信息台账
                name = body[begin : head.end()]
                keys = tuple(k for k in _ends(name) if _acceptable(k, head.group()))
                if keys:  # and the programme it carries, after the name's ends (see _stems)
                    stems = _stems(body[begin : head.start()]) if head.group() in _CARRIERS else ()
                    found.append(Mention(base + begin, base + head.end(), name, keys + stems))
            if cut == start:
                before = [] if start else [c for c in listed if c[0] < base]
                found += _distributed(text, body[start : head.start()], base + start, head, before)
    found += _listed_mechanisms(text)
    found += _buildings(text)
    for quoted in _QUOTED.finditer(text):
        name = key(quoted.group(1))
        if _acceptable(name, ""):
            found.append(Mention(quoted.start(1), quoted.end(1), quoted.group(1), (name,)))
    return [tested(m) for m in found]


@lru_cache(maxsize=WORDS_KEPT)
def _stems(modifier: str) -> tuple[str, ...]:
    """The programme a name's modifier names whatever its head (社会救助家庭经济状况核对机制, 居民家庭经济状况核对信息
    平台: 家庭经济状况核对; 精神障碍社区康复服务体系, 精神障碍社区康复服务机构): the normal form of the modifier
    and of its ends that start at a word, with and without the vague words that end it (信息, 服务), each of
    MIN_STEM Han characters or more, longest first. Shared only when specific (Specificity.generic_stem)."""
    from plankg.lineage.fingerprints import words

    whole = key(modifier)
    cut = len(whole)
    parts = modifier_parts(whole)
    while parts and parts[-1][2] and set(parts[-1][2].split("+")) <= {"vague", "joining"}:
        cut, parts = parts[-1][0], parts[:-1]
    out = []
    for stem in dict.fromkeys((whole, whole[:cut])):
        at = 0
        for word in words(stem):
            end = stem[at:]
            if (
                len(_HAN.findall(end)) >= MIN_STEM
                and "的" not in end
                and not end.endswith(_INSTITUTIONS)
                and _acceptable(end, "")
            ):
                out.append(end)
            at += len(word)
    return tuple(sorted(dict.fromkeys(out), key=len, reverse=True))


def _buildings(text: str) -> list[Mention]:
    """Campaigns that build a quality into a field (平安边界建设, 智慧社区建设), the quality starting a word (not the
    平安 of 和平安置), the field no name of its own (法治体系建设 builds the 法治体系) nor a list or a manner."""
    found = []
    for clause in _CLAUSE.finditer(text):
        if not _BUILDING.search(clause.group()):
            continue
        starts = set(_bounds(clause.group()))
        for built in _BUILDING.finditer(clause.group()):
            field = built.group()[len(built.group(1)) : -2]
            if built.start() not in starts or _NOT_BUILT.search(field) or _final_head(built.group()[:-2]):
                continue
            name = key(built.group())
            if _acceptable(name, ""):
                at = clause.start() + built.start()
                found.append(Mention(at, at + len(built.group()), built.group(), (name,)))
    return found


def _governing(body: str, bounds: tuple[int, ...] | None = None, between: set[tuple[int, int]] | None = None) -> list[int]:
    """Where the verbs governing a name end in a clause (see _governs). A verb between two head nouns (between: the
    end of one and the start of the next) joins them in one name (改造提升工程: the 工程 of a 改造提升), it governs
    nothing."""
    bounds = bounds or _bounds(body)
    ends: list[int] = []
    for m in _verbs().finditer(body):
        word_start = bounds[bisect_right(bounds, m.start()) - 1]  # 积极参与 is one word of verbs
        if between and (word_start, m.end()) in between:
            continue
        if _governs(body, m, bounds) and (m.group() not in _initial_verbs() or word_start in [0, *ends]):
            ends.append(m.end())
    return ends


@lru_cache(maxsize=WORDS_KEPT)
def _bounds(body: str) -> tuple[int, ...]:
    """Where the words of a clause start and end (jieba), in order. Kept for the clauses met last: plans copy
    clauses, so most are met again."""
    from plankg.lineage.fingerprints import _jieba

    out = [0]
    for word in _jieba().lcut(body, HMM=False):  # dictionary words: what verbs and heads are
        out.append(out[-1] + len(word))
    return tuple(out)


@dataclass(frozen=True)
class _Head:
    """A head noun found in a clause, read like a regular expression's match."""

    at: int
    name: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at + len(self.name)

    def group(self) -> str:
        return self.name


def _listed_mechanisms(text: str) -> list[Mention]:
    """A mechanism named by the list of its steps (建立发现报告、应急处置、评估帮扶、监护干预的未成年人保护响应机制):
    the steps joined with the head (发现报告应急处置评估帮扶监护干预机制), and as well the ends of that list three
    steps long or more (another plan may add a step before: 预先发现、强制报告、应急处置…). Each is found from its
    first step to the head."""
    found = []
    for listed in _STEPS.finditer(text):
        clause = _CLAUSE.match(text, listed.end())
        head = next(_heads().finditer(clause.group()), None) if clause else None
        if not head or not clause or head.group() not in _PROCEDURES:
            continue  # steps make a procedure; a list before another head is its qualities (系统完备、高效实用…的…体系)
        end = clause.start() + head.end()
        steps = [(m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]+", listed.group(1))]
        first = max((m.end() for m in _verbs().finditer(listed.group(1), 0, steps[0][1])), default=0)
        steps[0] = (first, steps[0][1])
        if any(listed.group(1)[first:] in p for p in stock_phrases()):
            continue  # a slogan's list (党委领导、政府负责、群团助推、社会协同、公众参与) names no mechanism
        for n in range(len(steps) - 2):
            name = "".join(listed.group(1)[a:b] for a, b in steps[n:]) + head.group()
            if len(_HAN.findall(name)) <= 2 * MAX_NAME and steps[n][1] - steps[n][0] >= 2:
                start = listed.start(1) + steps[n][0]
                found.append(Mention(start, end, text[start:end], (name,)))
    return found


def _distributed(text: str, modifier: str, at: int, head: _Head, listed: list[tuple[int, str]]) -> list[Mention]:
    """The names a coordinated modifier shares a head with: 社会工作和社会救助服务站 names 社会工作服务站,
    慈善组织登记认定、年度报告和信息公开制度 names 慈善组织登记认定制度 and 年度报告制度 (and, as the end of the
    whole, 信息公开制度); with 等 before the head, the last conjunct too (信息公开、公开募捐资格管理等制度). Each
    is found at the coordination, from the conjunct to the head. listed: the clauses before in a list (…、…: where
    each starts, its text), when the head's clause has no verb of its own: their objects are conjuncts too."""
    etc = modifier.endswith("等")
    if _ETC.search(modifier[:-1]) or not (etc or re.search("[和及]", modifier)):
        return []  # no coordination right before the head (or a list summed up by a category: …等专项救助制度)
    conjuncts = [(base + max(_governing(body), default=0), base + len(body)) for base, body in listed]
    offset = at
    for part in re.split(r"(以及|和|及)", modifier.removesuffix("等")):
        if part and part not in ("以及", "和", "及"):
            conjuncts.append((offset, offset + len(part)))
        offset += len(part)
    if any(key(text[a:b]).endswith(head.group()) for a, b in conjuncts):
        return []  # each conjunct is a whole name (中期评估和总结评估)
    if not etc:
        conjuncts = conjuncts[:-1]
    end = at + len(modifier) + len(head.group())
    out = []
    for start, stop in conjuncts:
        name = key(text[start:stop]) + head.group()
        if "的" in name or _GROUP.search(text, start, stop) or not _acceptable(name, head.group()):
            continue
        keys = tuple(k for k in _ends(name) if _acceptable(k, head.group()))
        if keys:  # no end of the name is acceptable (访视普及面净化市场监管站点): names nothing
            out.append(Mention(start, end, text[start:end], keys))
    return out


def _heads_at(body: str, bounds: tuple[int, ...]) -> list[_Head]:
    """The head nouns of a clause that end a word (站点 in 志愿服务站点, not 服务站; 试点 in 试点工作), the longest
    at each end."""
    ends = set(bounds[1:]) | {e - len(_WORK) for e in bounds if body.endswith(_WORK, 0, e)}
    found = []
    for end in sorted(ends):
        head = next((h for h in _head_names().get(body[end - 1 : end], ()) if body.endswith(h, 0, end)), None)
        if head and not body.endswith(_NOT_HEADED, 0, end) and not _adverb(body, bounds, end - len(head), end):
            found.append(_Head(end - len(head), head))
    return found


def _adverb(body: str, bounds: tuple[int, ...], start: int, end: int) -> bool:
    """系统 as a word of its own before a verb or 治理 is the adverb "systematically" (山水林田湖草系统治理, 系统推进),
    not the noun (信息系统 is one word, 殡葬服务系统建设 the building of a system)."""
    if body[start:end] != _SYSTEMATIC or start not in bounds or end not in bounds or end == len(body):
        return False
    after = body[end : bounds[bounds.index(end) + 1]]
    return after == "治理" or (after != "建设" and bool(_verbs().fullmatch(after)))  # 系统建设 builds the system


@lru_cache(maxsize=1)
def _head_names() -> dict[str, tuple[str, ...]]:
    """The heads by their last character, longest first."""
    heads = sorted((h.lstrip("~") for h in _head_lines()), key=len, reverse=True)
    return {c: tuple(h for h in heads if h.endswith(c)) for c in {h[-1] for h in heads}}


def _governs(body: str, verb: re.Match, bounds: tuple[int, ...]) -> bool:
    """A verb match that is a word of its own or ends a word of verbs (深入开展), not the end of a noun (社会组织)."""
    at = bisect_left(bounds, verb.end())
    if at == len(bounds) or bounds[at] != verb.end():
        return False
    word_start = bounds[bisect_right(bounds, verb.start()) - 1]
    return word_start == verb.start() or bool(_verbs().fullmatch(body, word_start, verb.start()))


def span(text: str, mention: Mention, name: str) -> tuple[int, int]:
    """Offsets in text of the shared name a mention stands for: the mention's last Han characters, as many as
    the name has (全市养老机构护理型床位 names 护理型床位 in its last five), or the whole mention when the name is
    not written in one piece (社会工作和社会救助服务站 names 社会工作服务站)."""
    wanted = len(_HAN.findall(name))
    end = mention.end
    head = _final_head(mention.keys[0])
    if _is_stem(name, head):  # the programme before the head
        end -= len(_final_head(mention.quote)) or len(head)
    if mention.quote.endswith("制度") and not name.endswith("制度"):  # 补贴制度 names the subsidy
        end -= 2
    if mention.quote.endswith("站点") and not name.endswith("站点"):  # 服务站点 names the 服务站
        end -= 1
    start = end
    while wanted and start > mention.start:
        start -= 1
        wanted -= bool(_HAN.match(text[start]))
    return (start, end) if key(text[start:end]) == name else (mention.start, mention.end)


@lru_cache(maxsize=WORDS_KEPT)
def _ends(name: str) -> tuple[str, ...]:
    """The normal form of a name and of each of its ends that starts at a word (jieba), longest first (kept for
    the names met last: most names recur)."""
    from plankg.lineage.fingerprints import words

    cut, ends = 0, []
    for word in words(name):
        ends.append(key(name[cut:]))
        cut += len(word)
    return tuple(dict.fromkeys(e for e in ends if e))


@lru_cache(maxsize=WORDS_KEPT)
def _acceptable(name: str, head: str) -> bool:
    """A name of a plausible length, Han only, its modifier long enough (a quoted name excepted), not a
    slogan, not starting with a conjunction or quantifier, not a list (等)."""
    han = len(_HAN.findall(name))
    if not MIN_NAME <= han <= MAX_NAME or han != len(name):
        return False
    if head and _ACTOR.search(name, 0, len(name) - len(head)):
        return False
    if head and han - len(head) < MIN_MODIFIER:
        short = han - len(head) == MIN_MODIFIER - 1 and head in campaign_heads()
        if not (short and _uncommon_word(name[: -len(head)])):
            return False
    if _ETC.search(name) or _NOT_A_NAME.search(name):
        return False
    if _FUNCTION_START.match(name) or any(name in p for p in stock_phrases()):
        return False
    if head in abstract_heads() and name.endswith("性" + head):
        return False  # the manner of an action (创造性转化, 结构性改革), not a name
    return not (head and _slogan_end(name, head))


def _slogan_end(name: str, head: str) -> bool:
    """A name that ends in a slogan's words, its head with the word before (治理体系 of 治理体系和治理能力现代化):
    a field put in front of a slogan (基层治理体系, 城乡社区治理体系) is still the slogan, not an instrument."""
    end = name[-len(head) - 2 :]
    return len(end) > len(head) + 1 and any(end in p for p in stock_phrases())


def shared_keys(mentions_by_plan: dict[str, list[Mention]], specificity: Specificity) -> dict[str, set[str]]:
    """Names of at least two plans, specific enough: key -> the plans naming it. A shorter end of a name counts
    only if some plan writes it as a whole name (so 志愿服务信息系统 counts, a fragment such as 工作机制 of
    救急难工作机制 does not)."""
    plans = [plan for plan, found in mentions_by_plan.items() for _ in found]
    return shared_of(gather([named_by(found) for found in mentions_by_plan.values()], plans), {}, specificity)


@dataclass(frozen=True)
class Named:
    """What the mentions of a text tell of the instruments shared across plans: the whole name of each (whole), the
    normal forms they may stand for (keys), the programmes they carry with the head of the name carrying each
    (carried) and the word tests made where they were found (tests). A function of the text alone, so it can be kept
    (kg/lineage/instrument_concepts.py)."""

    whole: tuple[str, ...]
    keys: tuple[str, ...]
    carried: tuple[tuple[str, str], ...]
    tests: tuple[tuple[str, bool, WordTest], ...]


def named_by(found: list[Mention]) -> Named:
    """What a text's mentions tell of the shared instruments (Named)."""
    carried = {(k, _final_head(m.keys[0])) for m in found for k, stem, _test in m.tests if stem}
    tests = {(k, stem): test for m in found for k, stem, test in m.tests}
    return Named(
        tuple(dict.fromkeys(m.keys[0] for m in found)),
        tuple(dict.fromkeys(k for m in found for k in m.keys)),
        tuple(sorted(carried)),
        tuple((k, stem, test) for (k, stem), test in tests.items()),
    )


@dataclass
class Gathered:
    """What the texts of the items tell together: each whole name -> the plans writing it (writers), each normal form
    -> the plans that may name it (plans, before edited names stand for shorter ones), each programme carried -> the
    (plan, head) pairs carrying it (carried), and the word tests."""

    writers: dict[str, set[str]]
    plans: dict[str, set[str]]
    carried: dict[str, set[tuple[str, str]]]
    tests: Mapping[tuple[str, bool], WordTest]


def gather(named: list[Named], plans: list[str]) -> Gathered:
    """What the items (each text's Named and plan) tell together (Gathered): each plan's names joined first, a plan
    writing most of its names in several items."""
    by_plan: dict[str, list[Named]] = {}
    for text, plan in zip(named, plans, strict=True):
        by_plan.setdefault(plan, []).append(text)
    gathered, tests = Gathered({}, {}, {}, {}), dict[tuple[str, bool], WordTest]()
    for plan, found in by_plan.items():
        for k in set().union(*(f.whole for f in found)):
            gathered.writers.setdefault(k, set()).add(plan)
        for k in set().union(*(f.keys for f in found)):
            gathered.plans.setdefault(k, set()).add(plan)
        for k, head in set().union(*(f.carried for f in found)):
            gathered.carried.setdefault(k, set()).add((plan, head))
        for f in found:
            tests.update(((k, stem), test) for k, stem, test in f.tests)  # a function of (k, stem): any will do
    gathered.tests = tests
    return gathered


def shared_of(gathered: Gathered, shorter: dict[str, list[str]], specificity: Specificity) -> dict[str, set[str]]:
    """The names of at least two plans, specific enough (shared_keys), a name another plan writes with words added
    inside it standing for it too (shorter: edited)."""
    plans = dict(gathered.plans)
    for long, stood_for in shorter.items():
        for name in stood_for:
            plans[name] = plans.get(name, set()) | gathered.writers[long]
    whole, carried, tests = gathered.writers, gathered.carried, gathered.tests
    stems = {k for k, written in carried.items() if _two_carriers(written)}
    wanted = [k for k, p in plans.items() if len(p) >= 2 and (k in whole or k in stems)]
    specificity.prepare([*wanted, *(k + "制度" for k in wanted if k in carried)])
    shared = {
        k: plans[k]
        for k in wanted
        if not specificity.generic(k, tests.get((k, False), UNKNOWN))
        and not (k in carried and specificity.generic_stem(k, tests.get((k, True), UNKNOWN)))
    }
    # a programme whose plans all share a name of it (社会组织孵化 of 社会组织孵化基地) is that name's concept
    names = [(k, p) for k, p in shared.items() if k in whole]
    return {k: p for k, p in shared.items() if k in whole or not any(k in n and p <= q for n, q in names)}


def _two_carriers(written: set[tuple[str, str]]) -> bool:
    """Two plans writing a programme under two heads (one plan's 机制, another's 平台): the programme is what they
    share, not a name (under one head, the name is shared as a whole)."""
    return len({plan for plan, _ in written}) > 1 and len({head for _, head in written}) > 1  # then two differ in both


def _is_stem(name: str, head: str) -> bool:
    """A programme a name carries (_stems): a key of a mention with a head, itself without one."""
    return bool(head) and not _final_head(name)


def resolve(mention: Mention, shared: dict[str, set[str]]) -> list[str]:
    """The shared instruments a mention names: its longest shared normal form, and each shorter one that
    some other plan shares only in that shorter form (全国志愿服务信息系统 and 志愿服务信息系统)."""
    covered: set[str] = set()
    out = []
    for k in mention.keys:
        if k in shared and not shared[k] <= covered:
            out.append(k)
            covered |= shared[k]
    return out


def modifier(name: str) -> str:
    """A name without its head noun (the part that makes it specific)."""
    heads = list(_heads().finditer(name))
    return name[: heads[-1].start()] if heads and heads[-1].end() == len(name) else name


def key_grams(text: str) -> bytes:
    """The 4-gram codes of a text's normal form (uint64), what Specificity counts: a function of the text alone,
    so that it can be kept (kg/lineage/cache.py)."""
    return gram_codes(key(text), 4).tobytes()


def counted_grams(kept: bytes):
    """A text's key_grams as Specificity counts them (_first_highest), for counts kept up to date
    (kg/lineage/gram_counts.py)."""
    import numpy as np

    return _first_highest(np.frombuffer(kept, dtype=np.uint64))


class Unknown:
    """A word test not given (computed then, with jieba's dictionary)."""


UNKNOWN = Unknown()


@lru_cache(maxsize=WORDS_KEPT)
def word_test(name: str, stem: bool = False) -> WordTest:
    """What a name's words decide of its being generic (jieba's work, done where mentions are found, so that the
    store's statistics need no dictionary): None, never generic (no abstract head, or a plan head after words of its
    own); True, generic by its words (nothing but vague and process words, a plan's genre after a period, a system's
    field that is everyday language); False, its specificity decides; or groups of words, the fields of a system's
    name, generic too when each group has one the store's items write often (Specificity._fields). stem: the
    programme a name carries (_stems), judged as the modifier of a system."""
    if stem:
        return _modifier_test(name, system=True)
    head = _final_head(name)
    kinds = generic_words()
    if kinds.get(head) == "document":
        parts = modifier_parts(name[: -len(head)])
        return True if all(set(kind.split("+")) <= {"period", "genre", "joining"} for _s, _e, kind in parts) else None
    if not name.endswith(abstract_heads()):
        return None
    if kinds.get(head) == "system" and _final_head(name[: -len(head)]) == name[: -len(head)]:
        return True  # a system of a bare head is a kind (联席会议制度: the rules of any joint meeting), no instrument
    return _modifier_test(name[: -len(head)], kinds.get(head) == "system") if head else False


def _modifier_test(modifier: str, system: bool) -> WordTest:
    """A modifier of nothing but vague and process words (动态调整, 内部治理): generic; before a system head, vague and
    place words around fields (城乡社区服务, 基本养老服务, 社会组织管理): the fields to look up in the store, each with
    the field after a place word that starts it in one word of jieba (社会福利: 福利), but for a word of everyday
    language, a field whatever the store (文化, 就业: a single word of jieba's dictionary at least MAX_COMMON per
    million words of its reference corpus); otherwise the name's specificity decides."""
    rest = _PARALLEL.sub("", modifier)  # a slogan's parallel verbs say no more than a vague word
    parts = modifier_parts(rest) if rest else ()
    kinds = {k for _s, _e, kind in parts for k in kind.split("+") if kind} | ({"vague"} if rest != modifier else set())
    fields = [rest[start:end] for start, end, kind in parts if not kind]
    if not fields and kinds <= {"vague", "process", "system", "period", "genre", "joining"}:
        return True
    if not system or not kinds <= {"vague", "place", "system", "period", "genre", "joining"}:
        return False
    groups = []
    for part in fields:
        place = next((part[:n] for n in range(len(part) - 1, 1, -1) if generic_words().get(part[:n]) == "place"), "")
        group = (part, part[len(place) :]) if place else (part,)
        if not any(_everyday(word) for word in group):
            groups.append(group)
    return tuple(groups) or True


def _everyday(word: str) -> bool:
    """A single word of jieba's dictionary at least MAX_COMMON per million words of its reference corpus (文化, 福利)."""
    from plankg.lineage.fingerprints import _jieba

    return _jieba().lcut(word, HMM=False) == [word] and _per_million(word) >= MAX_COMMON


class Specificity:
    """How specific a name is, from the document frequency of character 4-grams over the store's items.
    grams: each text's key_grams when known."""

    def __init__(self, texts: list[str], grams: list[bytes] | None = None) -> None:
        import numpy as np

        self.items = max(len(texts), 2)
        kept = grams if grams is not None else [key_grams(t) for t in texts]
        codes = [np.frombuffer(g, dtype=np.uint64) for g in kept]
        joined = np.concatenate(codes) if codes else np.zeros(0, dtype=np.uint64)
        # sorted with the first character highest, so that the 4-grams a text starts are in a row (see _starting)
        self.grams, self.df = np.unique(_first_highest(joined), return_counts=True)
        self._starts: dict[int, tuple] = {}  # for texts of 2 or 3 characters (see _starting)
        self._known: dict[str, float] = {}  # names worked out at once (prepare)

    @classmethod
    def counted(cls, items: int, grams, df) -> Specificity:
        """The specificity of counts already made (kg/lineage/gram_counts.py): how many items there are, each 4-gram
        any of them has (sorted, as _first_highest orders them) and how many have it."""
        specificity = cls.__new__(cls)
        specificity.items, specificity.grams, specificity.df, specificity._starts = max(items, 2), grams, df, {}
        specificity._known = {}
        return specificity

    def prepare(self, names: list[str]) -> None:
        """Work out how specific each of names is in one search of the store's 4-grams (numpy's cost per call is most
        of a search of a name's few 4-grams): what __call__ then answers for them, the same number."""
        import numpy as np

        names = [n for n in dict.fromkeys(names) if n not in self._known]
        codes = {n: c for n in names if len(c := _query(_measured(n)))} if len(self.grams) else {}
        self._known.update(dict.fromkeys(names, 0.0))  # no 4-gram to measure, or none in the store
        if not codes:
            return
        joined = np.concatenate(list(codes.values()))
        at = np.clip(np.searchsorted(self.grams, joined), 0, len(self.grams) - 1)
        df = np.where(self.grams[at] == joined, self.df[at], 1)
        bounds = np.cumsum([0] + [len(c) for c in codes.values()][:-1])
        for name, least in zip(codes, np.minimum.reduceat(df, bounds).tolist(), strict=True):
            self._known[name] = self._scaled(least)

    def generic(self, name: str, test: WordTest | Unknown = UNKNOWN) -> bool:
        """A name with an abstract head whose modifier is not specific enough, or a plan's genre after a period
        (see the module's docstring). test: word_test(name), when known."""
        test = word_test(name) if isinstance(test, Unknown) else test
        if test is None or test is True:
            return bool(test)
        return self(name) < MIN_SPECIFICITY or self._fields(test)

    def generic_stem(self, stem: str, test: WordTest | Unknown = UNKNOWN) -> bool:
        """A name's modifier shared under other heads (_stems) is judged as the modifier of a system's name: not
        specific enough, or vague and place words around fields (养老服务, 城乡社区服务). test: word_test(stem, True),
        when known."""
        test = word_test(stem, True) if isinstance(test, Unknown) else test
        return test is True or self(stem + "制度") < MIN_SPECIFICITY or self._fields(test)

    def _fields(self, test: WordTest) -> bool:
        """Every group of a word test (word_test) has a field: words MIN_FIELD_SHARE of the store's items write
        (养老服务, 社会组织, 未成年人保护)."""
        return isinstance(test, tuple) and all(any(self.share(w) >= MIN_FIELD_SHARE for w in group) for group in test)

    def share(self, text: str) -> float:
        """The share of the store's items that write text, as far as the store's 4-grams tell: at most that of its
        rarest 4-gram, and for a text of 2 or 3 characters at least that of the commonest 4-gram it starts."""
        import numpy as np

        if not len(self.grams):
            return 0.0
        if len(text) >= 4:
            codes = _query(key(text))
            at = np.clip(np.searchsorted(self.grams, codes), 0, len(self.grams) - 1)
            df = np.where(self.grams[at] == codes, self.df[at], 0)
            return float(df.min() / self.items) if len(df) else 0.0
        starts, df = self._starting(len(text))
        code = np.uint64(sum(ord(c) << (16 * (len(text) - 1 - n)) for n, c in enumerate(text)))
        at = int(np.searchsorted(starts, code))
        return float(df[at] / self.items) if at < len(starts) and starts[at] == code else 0.0

    def _starting(self, n: int):
        """The distinct first n characters of the store's 4-grams (codes, sorted) and the most items any 4-gram
        starting with each is written by, made when a text of n characters is first looked up."""
        import numpy as np

        if n not in self._starts:
            firsts = self.grams >> np.uint64(16 * (4 - n))  # sorted too: the first character is highest
            bounds = np.flatnonzero(np.r_[True, firsts[1:] != firsts[:-1]]) if len(firsts) else np.zeros(0, dtype=np.intp)
            self._starts[n] = (firsts[bounds], np.maximum.reduceat(self.df, bounds) if len(bounds) else self.df[:0])
        return self._starts[n]

    def __call__(self, name: str) -> float:
        """0 (every item writes every piece of its modifier) to 1 (its rarest piece is in one item)."""
        import numpy as np

        if name in self._known:
            return self._known[name]
        codes = _query(_measured(name))
        if not len(codes) or not len(self.grams):
            return 0.0
        at = np.clip(np.searchsorted(self.grams, codes), 0, len(self.grams) - 1)
        df = np.where(self.grams[at] == codes, self.df[at], 1)
        return self._scaled(int(df.min()))

    def _scaled(self, df: int) -> float:
        """The IDF of a 4-gram that df items write, scaled to 0-1."""
        return float(math.log(self.items / df) / math.log(self.items))


def _measured(name: str) -> str:
    """What a name's specificity is measured on: its modifier, or the whole name when the modifier is shorter than
    a 4-gram."""
    part = modifier(name)
    return part if len(part) >= 4 else name


def _first_highest(codes):
    """4-gram codes (reuse_model.gram_codes: the first character in the lowest 16 bits) with the order of their
    characters turned, the first in the highest bits: sorted, the 4-grams a text starts are in a row."""
    import numpy as np

    units = np.ascontiguousarray(codes, dtype="<u8").view("<u2").reshape(-1, 4)[:, ::-1]
    return np.ascontiguousarray(units).view("<u8").ravel().astype(np.uint64)


def _query(text: str):
    """The 4-gram codes of a short text as Specificity keeps them (_first_highest), made without numpy's cost per
    call: each of the few names looked up is a handful of 4-grams."""
    import numpy as np

    units = array("H", text.encode("utf-16-le"))
    windows = zip(units, units[1:], units[2:], units[3:], strict=False)
    return np.array([a << 48 | b << 32 | c << 16 | d for a, b, c, d in windows if a and b and c and d], dtype=np.uint64)


@dataclass
class Found:
    """The shared instruments of a set of items: key -> plans naming it, each item's (key, start, end) spans,
    and the specificity test that drew the line."""

    shared: dict[str, set[str]]
    spans: list[list[tuple[str, int, int]]]
    specificity: Specificity


def find(
    texts: list[str], plans: list[str], named: list[list[Mention]] | None = None, specificity: Specificity | None = None
) -> Found:
    """The instruments named by two or more plans among items (their Simplified texts and plans), and where
    each item names them (offsets into its text): the plans of an instrument are those of the items it is
    resolved in, so that each shared instrument has spans in two plans at least. named: each text's mentions,
    when known; specificity: that of the texts, when made."""
    found = named if named is not None else [mentions(t) for t in texts]
    gathered = gather([named_by(ms) for ms in found], plans)
    shorter = shorter_names(gathered.writers)
    specificity = specificity or Specificity(texts)
    shared = shared_of(gathered, shorter, specificity)
    pairs = list(zip(texts, found, strict=True))
    return settled(plans, shared, specificity, lambda now: [item_spans(t, ms, shorter, now) for t, ms in pairs])


def item_spans(
    text: str, found: list[Mention], shorter: dict[str, list[str]], shared: dict[str, set[str]]
) -> list[tuple[str, int, int]]:
    """Where a text names shared instruments: (key, start, end), sorted. found: its mentions, before the names they
    stand for with words added inside them (shorter: edited)."""
    ms = [_standing_for(m, shorter[m.keys[0]]) if m.keys[0] in shorter else m for m in found]
    return sorted({(k, *span(text, m, k)) for m in ms for k in resolve(m, shared)})


def settled(
    plans: list[str],
    shared: dict[str, set[str]],
    specificity: Specificity,
    spans_of: Callable[[dict[str, set[str]]], list[list[tuple[str, int, int]]]],
) -> Found:
    """The shared instruments of items (their plans) with the spans each item names them in (spans_of: every item's
    item_spans under the names shared): a name shared only as the end of a longer shared name (工作协调机制 of
    未成年人保护工作协调机制) is dropped until every name left is resolved in two plans."""
    while True:
        spans = spans_of(shared)
        naming: dict[str, set[str]] = {}
        for plan, item_spans in zip(plans, spans, strict=True):
            for k, _start, _end in item_spans:
                naming.setdefault(k, set()).add(plan)
        if all(len(naming.get(k, ())) >= 2 for k in shared):
            return Found(naming, spans, specificity)
        shared = {k: p for k, p in shared.items() if len(naming.get(k, ())) >= 2}


MIN_EDITED = 8  # Han characters of a name another plan writes with words added inside it
MAX_ADDED = 4  # characters added inside a name that still names the same instrument
MAX_FAMILY = 32  # names of one start and end: more are a family of names (…社会工作服务站), not edits of one


def edited(found: list[list[Mention]], plans: list[str]) -> list[list[Mention]]:
    """Mentions that also stand for a name another plan writes with fewer words inside it (shorter_names)."""
    writers: dict[str, set[str]] = {}
    for plan, ms in zip(plans, found, strict=True):
        for m in ms:
            writers.setdefault(m.keys[0], set()).add(plan)
    shorter = shorter_names(writers)
    if not shorter:
        return found
    return [[_standing_for(m, shorter[m.keys[0]]) if m.keys[0] in shorter else m for m in ms] for ms in found]


def shorter_names(writers: dict[str, set[str]], head: Callable[[str], str] | None = None) -> dict[str, list[str]]:
    """Each whole name that also stands for a name another plan writes with fewer words inside it: 社会救助审核确认权限下放
    for 社会救助确认权限下放, 城市地区十五分钟居家养老服务圈 for 城市地区十五分钟养老服务圈. The shorter name must be
    a whole name of MIN_EDITED characters or more, the longer one the same characters in the same order with at
    most MAX_ADDED added, none at its start (an added start is a shorter end, see _ends) nor within its head and
    the two characters before it, and no more than two places edited. Words replaced (三社联动机制 / 五社联动机制,
    城乡居民基本养老保险制度 / 城乡居民基本医疗保险制度) name another instrument, and are never merged. writers: each
    whole name -> the plans writing it; head: _final_head, or its results kept."""
    families: dict[tuple[str, str], list[str]] = {}
    for name in writers:
        final = (head or _final_head)(name)
        if final and len(name) >= MIN_EDITED:
            families.setdefault((name[:2], name[-len(final) - 2 :]), []).append(name)
    shorter: dict[str, list[str]] = {}
    for names in families.values():
        if len(names) > MAX_FAMILY:
            continue
        for long in names:
            for short in names:
                if 0 < len(long) - len(short) <= MAX_ADDED and writers[short] - writers[long] and _inserted(short, long):
                    shorter.setdefault(long, []).append(short)
    return shorter


def _standing_for(mention: Mention, names: list[str]) -> Mention:
    keys = sorted(set(mention.keys) | set(names), key=lambda k: (-len(k), k))
    return Mention(mention.start, mention.end, mention.quote, tuple(keys), mention.tests)


@lru_cache(maxsize=WORDS_KEPT)
def _final_head(name: str) -> str:
    """The longest head a name ends with ("" when none): asked of every mention's names, a few thousand distinct."""
    heads = [h for h in _head_names().get(name[-1:], ()) if name.endswith(h)]
    return heads[0] if heads else ""


def _inserted(short: str, long: str) -> bool:
    """long is short with characters added inside it, in at most two places (see edited)."""
    at, places, gap = 0, 0, False
    for char in long:
        if at < len(short) and char == short[at]:
            at, gap = at + 1, False
        else:
            places += not gap
            gap = True
    return at == len(short) and places <= 2 and not gap and long[0] == short[0]
