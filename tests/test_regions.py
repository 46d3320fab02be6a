"""Places GB/T 2260 does not list: functional zones (by the zone table or their issuer's name), their 片区, and the
towns and streets whose governments issue plans, each a region of its own inside the region its name or the table
gives, and no parent where neither does."""

from __future__ import annotations

import re

import pytest

from plankg.loaders.issuers import recognise
from plankg.loaders.regions import Region, ancestry
from plankg.loaders.triples import region_quads
from plankg.loaders.zones import find_place, zone_of_text

FUJIAN = ("福建省", "province", "350000")
FUZHOU = ("福州市", "prefecture", "350100")
FENGXIAN = ("奉贤区", "district", "310120")
SHANGHAI = ("上海市", "province", "310000")
ZONE_BODIES = {
    # the table: 平潭综合实验区 of 福建省, its 片区 inside it
    "平潭综合实验区管委会办公室": [("平潭综合实验区", "zone", ""), FUJIAN],
    "平潭综合实验区海坛片区管理局": [("平潭综合实验区海坛片区", "zone-area", ""), ("平潭综合实验区", "zone", ""), FUJIAN],
    # the table's official name for a name without its province (天府新区 is 四川天府新区)
    "天府新区成都管委会": [("四川天府新区", "zone", ""), ("四川省", "province", "510000")],
    # a zone's name that opens with a city's short name, or with a division's whole name
    "福州经济技术开发区管委会": [("福州经济技术开发区", "zone", ""), FUZHOU, FUJIAN],
    "福建省福州经济技术开发区管委会": [("福州经济技术开发区", "zone", ""), FUZHOU, FUJIAN],
    "四川省天府新区管委会": [("四川天府新区", "zone", ""), ("四川省", "province", "510000")],
    # a county's name and a kind's word: the zone is the county's, named whole (经济开发区 alone names no zone)
    "大邑县经济开发区管委会": [
        ("大邑县经济开发区", "zone", ""),
        ("大邑县", "district", "510129"),
        ("成都市", "prefecture", "510100"),
        ("四川省", "province", "510000"),
    ],
    "中国（福建）自由贸易试验区平潭片区管委会": [
        ("中国（福建）自由贸易试验区平潭片区", "zone-area", ""),
        ("中国（福建）自由贸易试验区", "zone", ""),
        FUJIAN,
    ],
    # no place in the name and none in the table: no parent; 吉林 is a province's and a city's name
    "东湖新技术开发区管委会": [("东湖新技术开发区", "zone", "")],
    "吉林高新技术产业开发区管委会": [("吉林高新技术产业开发区", "zone", "")],
    # divisions of GB/T 2260 named like zones stay divisions
    "上海市浦东新区人民政府": [("浦东新区", "district", "310115"), SHANGHAI],
    "雄安新区管理委员会": [("雄安新区", "prefecture", "133100"), ("河北省", "province", "130000")],
    # a town's government after its district's name; 城镇管理局 is no town's
    "上海市奉贤区柘林镇人民政府": [("柘林镇", "township", ""), FENGXIAN, SHANGHAI],
    "上海市奉贤区城镇管理局": [FENGXIAN, SHANGHAI],
}


@pytest.mark.parametrize("name", ZONE_BODIES)
def test_an_issuing_body_s_region(name: str) -> None:
    body = recognise(name)
    assert body is not None and body.region is not None
    assert [(r.name, r.level, r.code) for r in ancestry(body.region)] == ZONE_BODIES[name]


def test_a_zone_s_key_is_its_name_s_and_a_town_s_its_full_name_s() -> None:
    """The IRI segment: sha256 of 平潭综合实验区, of 四川天府新区 under either name, of 上海市奉贤区柘林镇."""
    keys = [find_place(t) for t in ("平潭综合实验区管委会工作报告", "关于印发天府新区2024年工作要点的通知")]
    assert [(f[0].key, f[1]) for f in keys if f] == [("zone-2238cae3f270f2a3", 0), ("zone-06e7188555935f0b", 4)]
    town = recognise("上海市奉贤区柘林镇人民政府")
    assert town is not None and town.region is not None and (town.region.key, town.region_at) == ("town-c8adb7204278f86c", 6)


def test_a_title_naming_a_zone_and_its_province_is_the_zone_s() -> None:
    found = find_place("福建省平潭综合实验区2023年工作要点")
    assert found is not None and (found[0].name, found[1]) == ("平潭综合实验区", 3)


def _facts(region: Region) -> set[tuple[str, str, str]]:
    """The regions graph's quads for a plan's region, each part by its last segment (region/350000 -> 350000)."""
    last = re.compile(r".*[/#]")
    quads = region_quads(region)
    return {(last.sub("", q.subject.value), last.sub("", q.predicate.value), last.sub("", str(q.object))) for q in quads}


def test_a_zone_has_no_code_and_lies_in_its_parent_or_nowhere() -> None:
    """In the regions graph a zone has its level and label, no pk:adminCode, and pk:partOf only when it is known."""
    zone = Region("", "东湖新技术开发区", "zone")
    assert {(p, o) for s, p, o in _facts(zone) if s == zone.key} == {
        ("type", "Region>"),
        ("adminLevel", "FunctionalZone>"),
        ("prefLabel", '"东湖新技术开发区"@zh-hans'),
        ("label", '"东湖新技术开发区"@zh-hans'),
    }
    placed = Region("", "平潭综合实验区", "zone", Region("350000", "福建省", "province"))
    assert {(s, o) for s, p, o in _facts(placed) if p == "partOf"} == {("zone-2238cae3f270f2a3", "350000>"), ("350000", "CN>")}


def test_a_text_speaking_of_itself_as_a_district_is_the_zone_it_names_most() -> None:
    """A zone of the table read off the text only where the text speaks of itself as a 区 (我区, 全区): a city's
    text (全市) naming a zone is not the zone's."""
    text = "现就平潭综合实验区内市场主体的换照工作事项公告如下：在我区注册登记的企业，全区统一换照。"
    found = zone_of_text(text)
    assert found is not None and (found[0].name, found[1], found[2]) == ("平潭综合实验区", 2, 9)
    assert zone_of_text("全市企业赴平潭综合实验区考察，全市统一部署。") is None
    assert zone_of_text("在我区注册登记的企业，全区统一换照。") is None  # no zone named
