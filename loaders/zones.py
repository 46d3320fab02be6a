"""Places GB/T 2260 does not list but documents are issued for: functional zones (平潭综合实验区, 天府新区,
福州经济技术开发区), the 片区 of a zone (平潭综合实验区君山片区), and towns and streets (柘林镇, 头桥街道).

A zone is known by the table kg/data/zones.tsv (national-rank zones, with the region each lies in and the source
that says so) or, as the opening of an issuing body's name (X开发区管委会), by its kind's word; its parent is the
table's, else the province or city its name begins with, else none (never guessed); a text placed by neither its
title nor its issuer is the table's zone it names most when it speaks of itself as a 区 (我区). A 片区 lies in the
zone whose name it follows, a town in the district whose name it follows (上海市奉贤区柘林镇人民政府).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .regions import SELF_WINDOW, Region, ancestry, find_region, gazetteer, region, self_level
from .script import to_simplified

_ZONE_KINDS = r"(?:综合实验区|经济技术开发区|高新技术产业开发区|经济开发区|开发区|新区|自由贸易试验区)"
# A zone opening a body's name: a place's name (中国（福建）自由贸易试验区 writes its province in brackets), a kind.
_ZONE_OPENING = re.compile(rf"(?:中国[（(][\u4e00-\u9fff]{{2,8}}[）)]|[\u4e00-\u9fff]{{2,12}}?){_ZONE_KINDS}")
_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}?片区")
# A town or street after its district's name, as the name of its government (柘林镇人民政府, 头桥街道办事处); 上海市
# 奉贤区人民政府头桥街道办事处 writes the district's government between them.
_TOWN = re.compile(r"(?:人民政府)?(?P<town>[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道))(?=人民政府|街道办事处|办事处|党委|党工委)")
_NOT_A_PLACE = re.compile(r"^[我本全该各市省县区]")  # 本新区, 各开发区, 市经济开发区: no name


@lru_cache(maxsize=1)
def zone_table() -> dict[str, tuple[str, str]]:
    """A zone's official name, and that name without the province or city it opens with (天府新区 for 四川天府新区)
    -> (official name, the code of the region it lies in), from kg/data/zones.tsv."""
    zones: dict[str, tuple[str, str]] = {}
    data = resources.files("plankg") / "data" / "zones.tsv"
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code, _source = line.split("\t")
            zones[name] = (name, code)
            zones.setdefault(_without_place(name), (name, code))
    return zones


def _without_place(name: str) -> str:
    """A zone's name without the province's or city's short name opening it, if a zone's name remains."""
    for short in _short_names():
        rest = name.removeprefix(short)
        if rest != name and _ZONE_OPENING.fullmatch(rest):
            return rest
    return name


def find_place(text: str, context: str = "") -> tuple[Region, int] | None:
    """The most specific place text names, with its offset: find_region's division, the town its government's name
    puts after it, or a zone of the table (and its 片区) inside it or where text names no division it lies in."""
    found = find_region(text, context)
    if found and (town := _town_after(text, *found)):
        return town
    zone = _table_zone_in(to_simplified(text))
    if zone and (found is None or _zone_first(zone[0], found[0])):
        return zone
    return found


def zone_of_body(name: str) -> tuple[Region, int] | None:
    """The zone (or 片区) an issuing body's name opens with (平潭综合实验区苏平片区管理局, 福州经济技术开发区管委会),
    with its offset (after a division's name opening it: 福建省福州经济技术开发区); None when the name opens with no
    zone, or with a division the gazetteer lists (浦东新区)."""
    simplified = to_simplified(name)
    m = _ZONE_OPENING.match(simplified)
    if not m or _NOT_A_PLACE.match(m.group()):
        return None
    named = find_region(m.group())
    if named and named[1] + len(named[0].name) == m.end():
        return None  # 上海市浦东新区, 雄安新区: a division of GB/T 2260
    at = _division_opening(m.group(), named)
    zone_name = m.group()[at:]
    if zone_name in zone_table():
        official, code = zone_table()[zone_name]
        zone = Region("", official, "zone", region(code))
    else:
        zone = Region("", zone_name, "zone", _parent_in_name(zone_name) or (named[0] if named else None))
    return _with_area(simplified, zone, m.end()), at


def _division_opening(zone_name: str, named: tuple[Region, int] | None) -> int:
    """Where the zone's own name starts after a division's whole name opening it, when what follows is a zone's name
    (福建省|福州经济技术开发区, 四川省|天府新区); 0 when it is not (大邑县经济开发区: 经济开发区 names no zone)."""
    if not named or named[1] != 0:
        return 0
    rest = zone_name[len(named[0].name) :]
    return len(named[0].name) if rest in zone_table() or _parent_in_name(rest) else 0


def _table_zone_in(simplified: str) -> tuple[Region, int] | None:
    """The first zone of the table the text names (by its longest name there), with the 片区 following its name."""
    hits = [(at, -len(name), name) for name in zone_table() if (at := simplified.find(name)) >= 0]
    if not hits:
        return None
    at, length, name = min(hits)
    official, code = zone_table()[name]
    return _with_area(simplified, Region("", official, "zone", region(code)), at - length), at


def zone_of_text(text: str) -> tuple[Region, int, int] | None:
    """The zone of the table a text names most, with the offsets of its first mention, when the text speaks of
    itself as a 区 (全区, 我区: 现就平潭综合实验区内市场主体的换照工作…在我区注册登记的…) and neither its title nor
    its issuer places it; None otherwise."""
    simplified = to_simplified(text[:SELF_WINDOW])
    if len(simplified) != len(text[:SELF_WINDOW]) or self_level(simplified) != "district":
        return None
    counts = {name: simplified.count(name) for name in zone_table() if name in simplified}
    counts = {name: n - sum(counts[o] for o in counts if o != name and name in o) for name, n in counts.items()}
    named = [name for name, n in counts.items() if n > 0]
    if not named:
        return None
    name = max(named, key=lambda n: (counts[n], -simplified.find(n)))
    official, code = zone_table()[name]
    at = simplified.find(name)
    return Region("", official, "zone", region(code)), at, at + len(name)


def _with_area(simplified: str, zone: Region, end: int) -> Region:
    """The 片区 of the zone named right after it (平潭综合实验区君山片区), else the zone."""
    m = _AREA.match(simplified, end)
    return Region("", zone.name + m.group(), "zone-area", zone) if m else zone


def _parent_in_name(zone_name: str) -> Region | None:
    """The division a zone's name opens with by its short name (福州经济技术开发区, 中国（福建）自由贸易试验区), when
    only one province or city has it (a division written whole, 福建省…, is find_region's)."""
    opening = re.sub(r"^中国[（(]", "", zone_name)
    hits = {r for short, regions in _short_names().items() if opening.startswith(short) for r in regions}
    return hits.pop() if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _short_names() -> dict[str, list[Region]]:
    """Provinces and cities by their names without 省, 市 or 自治区 and its people (福建, 福州, 广西), two characters
    or more; districts are left out: 平潭 is a county's name and 平潭综合实验区 is not that county's."""
    names: dict[str, list[Region]] = {}
    for reg in gazetteer().values():
        if reg.level in ("province", "prefecture"):
            short = re.sub(r"(?:壮族|回族|维吾尔)?自治区$|[省市]$", "", reg.name)
            if len(short) >= 2 and short != reg.name:
                names.setdefault(short, []).append(reg)
    return names


def _town_after(text: str, district: Region, at: int) -> tuple[Region, int] | None:
    """The town or street whose government's name follows its district's (奉贤区柘林镇人民政府)."""
    simplified = to_simplified(text)
    m = _TOWN.match(simplified, at + len(district.name)) if district.level == "district" else None
    return (Region("", m.group("town"), "township", district), m.start("town")) if m else None


def _zone_first(zone: Region, division: Region) -> bool:
    """Of a zone and a division a text names, the zone when it lies in the division (福建省平潭综合实验区) or is
    the deeper of the two; the division when it is the deeper (a district beside a zone of its province)."""
    zone_chain = ancestry(zone)
    return division in zone_chain or len(zone_chain) > len(ancestry(division))
