"""Genres, levels, issuers, dates and periods of any policy document, each fact as the text states it.

Real documents (tests/fixtures/real, see its MANIFEST.md): a central 建议 and a 中共中央 国务院 意见. Small
fixtures (tests/fixtures/genres, see its README.md): one per genre and level phenomenon. The bundled seeds
000 and 004 load without their sidecars too. Each expected value is (value, quote, line) from the file.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from plankg.graph.store import open_store
from plankg.graph.vocab import ID, PK
from plankg.loaders.dates import DATE, iso
from plankg.loaders.errors import LoadError
from plankg.loaders.genre import genre_of_title
from plankg.loaders.issuers import recognise
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Fact, line_at
from plankg.loaders.regions import NATION, chain, regions_named
from plankg.loaders.triples import document_quads, plan_identity, region_quads
from plankg.loading.documents import load_document
from plankg.validation.shacl import validate_store
from tests.conftest import CORPUS
from tests.test_ontology import DECLARATIONS, pk_terms, violations

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
GENRES = FIXTURES / "genres"
PROPOSAL = REAL / "001_zhongyang_14th_fyp_proposal.txt"
OPINION = REAL / "002_xiangcun_zhenxing_opinion_2018.txt"
PLAN = str(ID["plan/"])
PLENARY = "中国共产党第十九届中央委员会第五次全体会议"
LOADABLE = [*sorted(REAL.glob("0*")), *sorted(p for p in GENRES.glob("*.txt") if p.name != "news_item.txt")]


def stated(doc, fact: Fact | None) -> tuple[str, str, int] | None:
    """(value, quote, line) of a fact read from the text; (value, "sidecar", 0) for one from the sidecar."""
    if fact is None:
        return None
    if fact.span is None:
        assert fact.from_sidecar, fact
        return fact.value, "sidecar", 0
    return fact.value, fact.span.quote, line_at(doc.source.text, fact.span.start)


def facts(path: Path) -> dict:
    doc, region = parse_document(path)
    meta = doc.metadata
    out = {
        key: stated(doc, getattr(meta, key))
        for key in ("title", "date", "doc_number", "period", "doc_type", "region", "effective", "validity")
    }
    out["issuers"] = [stated(doc, f) for f in meta.issuers]
    out["code"] = region.key if region else None  # the code, or a zone's or town's name hash
    out["plan"] = plan_identity(doc, region)[0].removeprefix(PLAN)
    return out


def test_the_central_proposal() -> None:
    """001 line 1: 中共中央关于制定…第十四个五年规划和二〇三五年远景目标的建议; line 3: the date line of the plenary."""
    title = "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议"
    got = facts(PROPOSAL)
    assert got["title"] == (title, title, 1)
    assert got["date"] == ("2020-10-29", "2020年10月29日", 3)  # （2020年10月29日中国共产党第十九届…全体会议通过）
    assert got["issuers"] == [("中共中央", "中共中央", 1), (PLENARY, PLENARY, 3)]  # the title; the body that adopted it
    assert got["doc_type"] == ("proposal", title, 1)
    assert got["period"] == ("2021-2025", title, 1)  # 第十四个五年规划
    assert (got["code"], got["region"]) == ("000000", ("中共中央", "中共中央", 1))  # a central body: the nation
    assert got["plan"] == "CN/proposal/2021-2025/411b8731"
    assert (got["doc_number"], got["effective"], got["validity"]) == (None, None, None)


def test_the_central_opinion() -> None:
    """002 line 1: 中共中央 国务院关于实施乡村振兴战略的意见; line 2: （2018年1月2日）; line 13: the goals up to 2050."""
    title = "中共中央 国务院关于实施乡村振兴战略的意见"
    got = facts(OPINION)
    assert got["title"] == (title, title, 1)
    assert got["date"] == ("2018-01-02", "2018年1月2日", 2)
    assert got["issuers"] == [("中共中央", "中共中央", 1), ("国务院", "国务院", 1)]
    assert got["doc_type"] == ("opinion", title, 1)
    assert got["period"] == ("to-2050", "到2050年", 13)  # 到2020年 … 到2035年 … 到2050年: an end, no start
    assert got["code"] == "000000"
    assert got["plan"] == "CN/opinion/to-2050/12f2175d"


# The real documents of tests/fixtures/real (FACTS.md): (title line, genre, date, its line, 文号, region code, period,
# its quote and line, issuers with their lines, plan IRI). Markdown files carry the source repository's front
# matter (lines 1-11): its 文号 (line 3) is the only one stated; its 发布日期 is the portal's, not the document's.
REAL_FACTS = {
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": (
        26,
        "opinion",
        "2023-07-17",
        24,
        "嘉府发〔2023〕20号",
        "310114",
        None,
        [("上海市嘉定区人民政府", 22)],
        "310114/opinion/2023-07-17/78ba2adb",
    ),
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": (
        26,
        "measures",
        "2023-10-23",
        24,
        "杨府发〔2023〕10号",
        "310110",
        None,
        [("上海市杨浦区人民政府", 22)],
        "310110/measures/2023-10-23/c11cc3d6",
    ),
    "005_shanghai_chongming_city_checkup_workplan_2021.md": (
        26,
        "implementation-plan",
        "2021-09-09",
        22,
        "沪崇府办发〔2021〕20号",
        "310151",
        ("2021", "2021年崇明区城市体检工作方案", 26),
        [("上海市崇明区人民政府办公室", 16)],  # unsigned: its title
        "310151/implementation-plan/2021/cc5e3c53",
    ),
    "006_shanghai_zhelin_town_heritage_plan_2023.md": (
        24,
        "special-plan",
        "2023-10-13",
        98,
        "奉柘府〔2023〕21号",
        "town-c8adb7204278f86c",  # 上海市奉贤区柘林镇: its government issues the plan, a town of 奉贤区
        ("2021-2025", "“十四五”时期", 20),
        [("上海市奉贤区柘林镇人民政府", 16)],
        "town-c8adb7204278f86c/special-plan/2021-2025/2aefdc9e",
    ),
    "007_shanghai_transport_refined_management_action_plan_2024.md": (
        28,
        "implementation-plan",
        "2024-12-31",
        26,
        "沪交设养〔2024〕1025号",
        "310000",  # its own title: 工作方案
        ("2024-2026", "上海市交通领域精细化管理工作方案（2024-2026年）", 28),
        [("上海市交通委员会", 24)],
        "310000/implementation-plan/2024-2026/28dd7ced",
    ),
    # lines of the page's extracted text: 成文日期 line 7, the title over lines 15-17 (国务院办公厅关于推进 / 政务新媒体…)
    "008_guobanfa_2018_123_gov_new_media_opinion.html": (
        15,
        "opinion",
        "2018-12-07",
        7,
        "国办发〔2018〕123号",
        "000000",
        ("to-2022", "到2022年", 33),
        [("国务院办公厅", 5)],
        "CN/opinion/to-2022/278dc988",
    ),
    "009_shanghai_sponge_city_opinion_2024.md": (
        26,
        "opinion",
        "2024-02-04",
        24,
        "沪府办发〔2024〕3号",
        "310000",
        ("to-2030", "到2030年", 34),
        [("上海市人民政府办公厅", 22)],
        "310000/opinion/to-2030/aa97e7e4",
    ),
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": (
        40,
        "action-plan",
        "2025-02-24",
        38,
        "黄发改委办〔2025〕5号",
        "310101",
        ("to-2030", "到2030年", 42),
        [
            (name, 24 + 2 * (n // 2))
            for n, name in enumerate(
                [
                    "黄浦区发展和改革委员会",
                    "黄浦区建设和管理委员会",
                    "黄浦区规划和自然资源局",
                    "黄浦区住房保障和房屋管理局",
                    "黄浦区城市管理行政执法局",
                    "黄浦区科学技术委员会",
                    "黄浦区机关事务管理局",
                    "黄浦区国有资产监督管理委员会",
                    "黄浦区商务委员会",
                    "黄浦区卫生健康委员会",
                    "黄浦区教育局",
                    "黄浦区文化和旅游局",
                    "黄浦区投资促进办公室",
                ]
            )
        ],
        "310101/action-plan/to-2030/41dec403",
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_FACTS))
def test_real_document_facts(name: str) -> None:
    title_line, genre, date, date_line, number, code, period, issuers, plan = REAL_FACTS[name]
    got = facts(REAL / name)
    assert (got["title"][2], got["doc_type"][0], got["doc_type"][2]) == (title_line, genre, title_line)
    assert (got["date"][0], got["date"][2]) == (date, date_line)
    assert (got["doc_number"][0], got["code"]) == (number, code)
    assert got["period"] == period
    assert [(value, line) for value, _, line in got["issuers"]] == issuers
    assert got["plan"] == plan


FIXTURE_FACTS = {
    "county_implementation_plan.txt": {
        "title": ("兴业县农村养老服务提升实施方案", "兴业县农村养老服务提升实施方案", 1),
        "doc_type": ("implementation-plan", "兴业县农村养老服务提升实施方案", 1),
        "region": ("兴业县", "兴业县", 1),
        "code": "450924",
        "period": ("to-2025", "到2025年", 6),
        "date": None,
        "issuers": [],
        "plan": "450924/implementation-plan/to-2025/e59db967",
    },
    "city_measures_validity.txt": {
        "title": ("成都市促进养老服务高质量发展若干措施", "成都市促进养老服务高质量发展若干措施", 1),
        "doc_type": ("measures", "成都市促进养老服务高质量发展若干措施", 1),
        "region": ("成都市", "成都市", 1),
        "code": "510100",
        "effective": ("2022-06-20", "2022年6月20日", 11),
        "validity": ("P5Y", "有效期5年", 11),
        "period": ("2022-2027", "2022年6月20日起施行，有效期5年", 11),  # not 到2025年 (line 5)
        "date": ("2022-05-20", "2022年5月20日", 14),
        "issuers": [("成都市人民政府办公厅", "成都市人民政府办公厅", 13)],
        "plan": "510100/measures/2022-2027/9f80a5a6",
    },
    "state_council_office_opinion.txt": {
        "title": ("国务院办公厅关于推进养老服务发展的意见", "国务院办公厅关于推进养老服务发展的意见", 1),
        "doc_type": ("opinion", "国务院办公厅关于推进养老服务发展的意见", 1),
        "doc_number": ("国办发〔2019〕5号", "国办发〔2019〕5号", 2),
        "date": ("2019-03-29", "2019年3月29日", 18),  # after the signature, line 17
        "issuers": [("国务院办公厅", "国务院办公厅", 1)],
        "code": "000000",
        "period": ("to-2022", "到2022年", 9),
        "plan": "CN/opinion/to-2022/37451e08",
    },
    "notice_issuing_action_plan.txt": {
        "title": ("广东省养老服务三年行动计划（2023—2025年）", "广东省养老服务三年行动计划（2023—2025年）", 10),
        "doc_type": ("action-plan", "广东省养老服务三年行动计划（2023—2025年）", 10),
        "period": ("2023-2025", "广东省养老服务三年行动计划（2023—2025年）", 10),
        "doc_number": ("粤民发〔2023〕12号", "粤民发〔2023〕12号", 2),
        "date": ("2023-03-01", "2023年3月1日", 8),
        "issuers": [("广东省民政厅", "广东省民政厅", 7)],
        "region": ("广东省", "广东省", 10),
        "code": "440000",
        "plan": "440000/action-plan/2023-2025/6e291f4a",
    },
    "city_annual_work_points.txt": {
        "title": ("东莞市民政局2022年工作要点", "东莞市民政局2022年工作要点", 1),
        "doc_type": ("annual", "东莞市民政局2022年工作要点", 1),
        "period": ("2022", "东莞市民政局2022年工作要点", 1),
        "code": "441900",
        "plan": "441900/annual/2022/3a8d5077",
    },
    "city_fyp_outline.txt": {
        "doc_type": ("outline", "梅州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", 1),
        "period": ("2021-2025", "梅州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", 1),
        "code": "441400",
        "plan": "441400/outline/2021-2025/0ead7909",
    },
    "ministry_guiding_opinion.txt": {
        "doc_type": ("opinion", "民政部 财政部关于加强困难群众基本生活保障工作的指导意见", 1),
        "issuers": [("民政部", "民政部", 1), ("财政部", "财政部", 1)],
        "date": ("2019-08-13", "2019年8月13日", 3),
        "period": None,
        "code": "000000",
        "plan": "CN/opinion/2019-08-13/4e786c79",  # no period stated: the date names it
    },
    "municipality_district_action_plan.txt": {
        "doc_type": ("action-plan", "北京市朝阳区养老服务行动方案（2023—2025年）", 1),
        "region": ("朝阳区", "朝阳区", 1),
        "code": "110105",  # of 北京市, not of 长春市
        "period": ("2023-2025", "北京市朝阳区养老服务行动方案（2023—2025年）", 1),
        "plan": "110105/action-plan/2023-2025/d9241a69",
    },
    "city_rules_validity_until.txt": {
        "doc_type": ("rules", "韶关市居家养老服务补贴管理办法", 1),
        "code": "440200",
        "effective": ("2023-01-01", "2023年1月1日", 19),
        "validity": ("2027-12-31", "2027年12月31日", 19),
        "period": ("2023-2027", "2023年1月1日起施行，有效期至2027年12月31日", 19),
        "plan": "440200/rules/2023-2027/064e32ea",
    },
    "city_office_notice.txt": {
        "doc_type": ("notice", "关于进一步做好困难群众基本生活保障工作的通知", 1),
        "issuers": [("成都市人民政府办公厅", "成都市人民政府办公厅", 13)],
        "region": ("成都市", "成都市", 13),
        "code": "510100",  # the signature's region: the title names no place
        "date": ("2022-03-01", "2022年3月1日", 14),
        "period": None,
        "plan": "510100/notice/2022-03-01/af6c3688",
    },
    "county_work_report.txt": {
        "title": ("政府工作报告", "政府工作报告", 1),
        "doc_type": ("work-report", "政府工作报告", 1),
        "date": ("2024-01-16", "2024年1月16日", 2),  # the day it was delivered: ——2024年1月16日在…会议上
        "period": ("2024", "2024", 13),  # 二、2024年工作安排, not the year the review looks back on (一、2023年工作回顾)
        "region": ("容县", "容县", 2),
        "code": "450921",
        "issuers": [("县人民政府", "县人民政府", 6)],  # 现在，我代表县人民政府，向大会报告工作 (not signed)
        "plan": "450921/work-report/2024/5684e156",
    },
    "page_metadata_measures.txt": {
        "title": ("促进养老服务高质量发展若干措施", "促进养老服务高质量发展若干措施", 7),
        "issuers": [("成都市人民政府办公厅", "成都市人民政府办公厅", 2)],  # 发文机关
        "doc_number": ("成办发〔2022〕30号", "成办发〔2022〕30号", 3),  # 文号
        "date": ("2022-05-20", "2022年05月20日", 4),  # 成文日期, not 发布日期 (line 5)
        "effective": ("2022-06-20", "2022年06月20日", 6),  # 生效时间
        "validity": ("P5Y", "有效期5年", 14),
        "period": ("2022-2027", "有效期5年", 14),
        "region": ("成都市", "成都市", 2),
        "code": "510100",
        "plan": "510100/measures/2022-2027/8f3d89f5",
    },
}


@pytest.mark.parametrize("name", sorted(FIXTURE_FACTS))
def test_fixture_facts(name: str) -> None:
    got = facts(GENRES / name)
    expected = FIXTURE_FACTS[name]
    assert {key: got[key] for key in expected} == expected


def test_a_work_report_reviews_the_past_year_and_arranges_the_next() -> None:
    """A 政府工作报告: its review of the past year (一、2023年工作回顾) is background, whose items are no tasks and
    whose counts (新建标准化厂房12万平方米) are done, not undertaken; the year's work (二、2024年工作安排) holds the tasks."""
    doc, _ = parse_document(GENRES / "county_work_report.txt")
    assert [(h.number, h.title, h.role) for h in doc.headings] == [
        ("一、", "2023年工作回顾", "background"),
        ("二、", "2024年工作安排", ""),
    ]
    review = [(p.kind, p.role, p.number) for p in doc.passages if p.parent is doc.headings[0]]
    assert review == [("lead", "background", ""), ("statement", "background", "（一）"), ("statement", "background", "（二）")]
    assert [(m.number, m.heading, m.parent) for m in doc.measures] == [
        ("（一）", "加快产业发展。", doc.headings[1]),
        ("（二）", "办好民生实事。", doc.headings[1]),
    ]
    assert [p.title for p in doc.projects] == [
        "新建标准化厂房10万平方米",
        "培育规模以上工业企业20家",
        "改造提升乡镇敬老院8所",
        "建成运营农村幸福院20个",
    ]


NATIONAL_REPORT = """政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理  李强

各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。

一、2023年工作回顾
过去一年，国内生产总值超过126万亿元，增长5.2%。
二、2024年经济社会发展总体要求和政策取向
今年发展主要预期目标是：国内生产总值增长5%左右。
三、2024年政府工作任务
（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用，以科技创新推动产业创新。
（二）深入实施科教兴国战略，强化高质量发展的基础支撑。坚持教育强国、科技强国、人才强国建设一体统筹推进。
"""


def test_the_nations_work_report_is_the_state_councils_for_its_year(tmp_path: Path) -> None:
    """The layout of the nation's 政府工作报告: its title, the subtitle of the day and meeting it was delivered at,
    the speaker, and 我代表国务院，向大会报告政府工作: delivered for 国务院, so the nation's; its year is the one of
    三、2024年政府工作任务; the review is background and 总体要求 frames the tasks."""
    path = tmp_path / "national_work_report.txt"
    path.write_text(NATIONAL_REPORT, encoding="utf-8")
    got = facts(path)
    assert {key: got[key] for key in ("title", "doc_type", "date", "period", "code", "plan")} == {
        "title": ("政府工作报告", "政府工作报告", 1),
        "doc_type": ("work-report", "政府工作报告", 1),
        "date": ("2024-03-05", "2024年3月5日", 2),
        "period": ("2024", "2024", 12),
        "code": "000000",
        "plan": "CN/work-report/2024/5684e156",
    }
    assert [value for value, _, _ in got["issuers"]] == ["国务院"]
    doc, _ = parse_document(path)
    assert [(h.number, h.role) for h in doc.headings] == [("一、", "background"), ("二、", "requirements"), ("三、", "")]
    assert [m.number for m in doc.measures] == ["（一）", "（二）"]


def test_a_document_stating_nothing_about_itself_loads_with_placeholders(tmp_path: Path) -> None:
    """No place, issuer, date or period: the IRI says so with documented stand-ins, never a real region or year."""
    got = facts(GENRES / "no_metadata_opinion.txt")
    assert (got["code"], got["region"], got["date"], got["period"], got["issuers"]) == (None, None, None, None, [])
    assert got["doc_type"] == ("opinion", "关于加强社区养老服务的意见", 1)
    region, genre, period, title_key = got["plan"].split("/")
    assert (region, genre, period, len(title_key)) == ("unknown-region", "opinion", "undated", 8)
    copy = tmp_path / "renamed.txt"
    shutil.copy(GENRES / "no_metadata_opinion.txt", copy)
    assert facts(copy)["plan"] == got["plan"]  # the same text, the same IRI


def test_two_plans_of_one_region_genre_and_period_are_two_plans(tmp_path: Path) -> None:
    """Two national 十四五 special plans (026, 市场监管总局's 认证认可检验检测 plan, and 028, 应急管理部 and
    国家矿山安全监察局's 矿山安全生产 plan) share region, genre and period: identified by those alone they were one
    plan, and a batch of both refused the second (the same graph). The title keys them apart; the same plan opening
    with its issuing notice or with its own title is one."""
    files = [
        FIXTURES / "real" / "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt",
        FIXTURES / "real" / "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt",
    ]
    plans = [facts(f)["plan"] for f in files]
    assert [p.rsplit("/", 1)[0] for p in plans] == ["CN/fyp/2021-2025"] * 2 and plans[0] != plans[1]
    store = open_store(tmp_path / "store")
    results = [load_document(store, f) for f in files]
    assert [r.error for r in results] == ["", ""] and len({r.graph for r in results}) == 2
    plain = tmp_path / "plan.txt"
    plain.write_text("广东省养老服务三年行动计划（2023—2025年）\n\n一、主要任务\n\n（一）发展社区养老服务。\n", encoding="utf-8")
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "广东省民政厅关于印发《广东省养老服务三年行动计划（2023—2025年）》的通知\n\n一、主要任务\n\n（一）发展社区养老服务。\n",
        encoding="utf-8",
    )
    assert facts(plain)["plan"] == facts(notice)["plan"]


def test_input_without_policy_content_is_refused() -> None:
    with pytest.raises(LoadError, match="no policy content: no numbered parts or items, measures, table or box found"):
        parse_document(GENRES / "news_item.txt")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 000 line 1: …《玉林市国民经济…纲要》…制定本规划。规划期为2021至2025年…; 全市 (43 times) and 玉林市 (20) name its region.
        (
            "000_7c45746ca5003da4.txt",
            {
                "doc_type": ("fyp", "制定本规划", 1),
                "period": ("2021-2025", "2021至2025年", 1),
                "region": ("玉林市", "玉林市", 1),
                "plan": "450900/fyp/2021-2025/untitled",
            },
        ),
        # 004 line 1: 2021年是实施"十四五"规划…的第一年; "全市" and 韶关市 (line 2 onwards) name its region.
        (
            "004_816c855b418fc27c.txt",
            {
                "doc_type": ("annual", "2021年是", 1),
                "period": ("2021", "2021", 1),
                "code": "440200",
                "plan": "440200/annual/2021/untitled",
            },
        ),
    ],
)
def test_seeds_load_without_their_sidecars(tmp_path: Path, name: str, expected: dict) -> None:
    copy = tmp_path / name
    shutil.copy(CORPUS / name, copy)
    got = facts(copy)
    assert got["title"] is None
    assert {key: got[key] for key in expected} == expected
    # with the sidecar's title, the plan of that title: region, genre and period as the text alone gives them
    assert facts(CORPUS / name)["plan"].rsplit("/", 1)[0] == got["plan"].removesuffix("/untitled")
    store = open_store(tmp_path / "store")
    assert load_document(store, copy).ok
    (report,) = validate_store(store, "pyrudof", [name])
    assert report.conforms
    assert "https://w3id.org/plankg/shapes#Plan-title" in {f.shape for f in report.findings if f.severity == "Warning"}


def test_sidecar_names_the_nation_or_a_municipality(tmp_path: Path) -> None:
    text = tmp_path / "plan.txt"
    shutil.copy(GENRES / "no_metadata_opinion.txt", text)
    sidecar = tmp_path / "plan.meta.json"
    for name, code in (("中华人民共和国", "000000"), ("全国", "000000"), ("北京市", "110000"), ("重庆市", "500000")):
        sidecar.write_text(json.dumps({"region": name}, ensure_ascii=False), encoding="utf-8")
        doc, region = parse_document(text)
        assert (region.code, doc.metadata.region.value, doc.metadata.region.from_sidecar) == (code, name, True)
    sidecar.write_text(json.dumps({"doc_type": "plan"}), encoding="utf-8")
    with pytest.raises(LoadError, match="unknown doc_type 'plan': one of fyp, special-plan"):
        parse_document(text)


def test_a_sidecar_overrides_what_the_text_says(tmp_path: Path) -> None:
    """002 states goals up to 2050 (line 13); a user who knows its period says so in the sidecar, and the graph
    records that the fact came from there."""
    text = tmp_path / "opinion.txt"
    shutil.copy(OPINION, text)
    sidecar = tmp_path / "opinion.meta.json"
    sidecar.write_text(json.dumps({"period": "2018-2022", "doc_type": "opinion"}), encoding="utf-8")
    got = facts(text)
    assert (got["period"], got["doc_type"], got["plan"]) == (
        ("2018-2022", "sidecar", 0),
        ("opinion", "sidecar", 0),
        "CN/opinion/2018-2022/12f2175d",
    )
    assert got["date"] == ("2018-01-02", "2018年1月2日", 2)  # the rest still from the text
    sidecar.write_text(json.dumps({"period": "2018至2022年"}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LoadError, match="sidecar period '2018至2022年' is not of the form 2021-2025, 2021 or to-2025"):
        parse_document(text)


def test_the_nation_tops_the_region_hierarchy() -> None:
    assert [r.code for r in chain("110105")] == ["110105", "110000"]  # 朝阳区 → 北京市 (no 市辖区 in between)
    assert regions_named("北京市") == [chain("110000")[0]]
    assert chain("110000")[0].parent_code == "000000"
    quads = {(q.subject.value, q.predicate.value, q.object.value) for q in region_quads(NATION)}
    china = str(ID["region/CN"])
    assert (china, str(PK.adminCode), "000000") in quads
    assert (china, str(PK.adminLevel), str(PK.Country)) in quads
    assert not any(s == china and p == str(PK.partOf) for s, p, _ in quads)
    province = {(q.subject.value, q.predicate.value, q.object.value) for q in region_quads(chain("440000")[0])}
    assert (str(ID["region/440000"]), str(PK.partOf), china) in province


@pytest.mark.parametrize(
    ("name", "canonical", "code"),
    [
        ("中共中央", "中共中央", "000000"),
        ("国务院办公厅", "国务院办公厅", "000000"),
        ("国家发展和改革委员会", "国家发展改革委", "000000"),
        ("国家发改委", "国家发展改革委", "000000"),
        ("中共中央办公厅", "中共中央办公厅", "000000"),
        ("民政部", "民政部", "000000"),
        ("财政部", "财政部", "000000"),
        ("中国共产党第十九届中央委员会第五次全体会议", "中国共产党第十九届中央委员会第五次全体会议", "000000"),
        ("成都市人民政府办公厅", "成都市人民政府办公厅", "510100"),
        ("广东省民政厅", "广东省民政厅", "440000"),
        ("兴业县人民政府", "兴业县人民政府", "450924"),
        ("中共韶关市委", "中共韶关市委", "440200"),
    ],
)
def test_issuing_bodies_and_the_region_they_govern(name: str, canonical: str, code: str) -> None:
    body = recognise(name)
    assert (body.name, body.region.code, body.central) == (canonical, code, code == "000000")


@pytest.mark.parametrize(
    ("written", "iso_date"),
    [
        ("2018年1月2日", "2018-01-02"),
        ("二〇二〇年十月二十九日", "2020-10-29"),
        ("2022年05月20日", "2022-05-20"),
        ("2021年2月30日", None),  # not a calendar date: no date rather than a wrong one
    ],
)
def test_dates_as_written(written: str, iso_date: str | None) -> None:
    assert iso(DATE.fullmatch(written)) == iso_date


def test_a_sentence_is_not_a_body() -> None:
    assert recognise("各市民政局、发展改革委:") is None
    assert recognise("会议要求各地做好冬季救助工作") is None


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("辽宁省民政事业发展第十四个五年规划", "fyp"),
        ("懷化市“十四五”民政事業發展規劃", "fyp"),
        ("成都市国土空间总体规划（2021—2035年）", "special-plan"),
        ("韶关市2021年民政工作要点", "annual"),
        ("广东省民政厅2022年工作计划", "annual"),
        ("上海市养老服务发展三年行动计划（2023—2025年）", "action-plan"),
        ("关于推进养老服务发展的实施意见", "opinion"),
        ("国务院关于加快发展养老服务业的若干意见", "opinion"),
        ("关于促进养老托育服务健康发展的若干措施（试行）", "measures"),
        ("成都市养老机构管理办法", "rules"),
        ("城乡最低生活保障实施细则", "rules"),
        ("关于做好2022年春节期间困难群众帮扶工作的通知", "notice"),
        ("民政部关于加强养老服务工作的指导意见（征求意见稿）", "opinion"),
        ("某县养老服务体系建设实施方案", "implementation-plan"),
        # genres of the nation's documents (their titles as issued)
        ("中共中央关于全面深化改革若干重大问题的决定", "decision"),
        ("国家自然灾害救助应急预案", "contingency-plan"),
        ("深化医药卫生体制改革2016年重点工作任务", "annual"),
        ("2013年食品安全重点工作安排", "annual"),
        ("城市居民最低生活保障条例", "rules"),
        ("中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议", "proposal"),
        # a government's report to its people's congress
        ("政府工作报告", "work-report"),
        ("平潭综合实验区管委会工作报告", "work-report"),
        ("政府工作报告（2024）", "work-report"),
    ],
)
def test_genre_words_of_titles(title: str, genre: str) -> None:
    assert genre_of_title(Fact(title)).value == genre


def test_the_notice_that_issues_a_plan_is_its_issuing_act() -> None:
    doc, region = parse_document(GENRES / "notice_issuing_action_plan.txt")
    notice = doc.metadata.notice
    text = doc.source.text
    title = "广东省民政厅关于印发《广东省养老服务三年行动计划（2023—2025年）》的通知"
    assert stated(doc, notice.title) == (title, title, 1)
    assert stated(doc, notice.doc_number) == ("粤民发〔2023〕12号", "粤民发〔2023〕12号", 2)
    assert stated(doc, notice.date) == ("2023-03-01", "2023年3月1日", 8)
    assert [stated(doc, f) for f in notice.issuers] == [("广东省民政厅", "广东省民政厅", 7)]
    assert (line_at(text, notice.span.start), line_at(text, notice.span.end)) == (1, 8)
    graph = _graph(document_quads(doc, region) + list(region_quads(region)))
    plan = URIRef(ID["plan/440000/action-plan/2023-2025/6e291f4a"])
    (node,) = graph.objects(plan, PK.issuingNotice)
    assert (node, RDF.type, PK.IssuingNotice) in graph


def test_the_notice_of_seed_001_is_recorded_too() -> None:
    """001 lines 5-19: 辽民发〔2021〕33号, 省民政厅 省发展改革委 / 关于印发《辽宁省民政事业发展 / 第十四个五年规划》的通知, …
    signatures (lines 15-16), 2021年9月6日 (line 17), (此件公开发布) (line 19); the plan's own title is line 21."""
    doc, _ = parse_document(CORPUS / "001_e6d1326eb6e5ef17.txt")
    notice = doc.metadata.notice
    text = doc.source.text
    assert notice.title.value == "省民政厅 省发展改革委关于印发《辽宁省民政事业发展第十四个五年规划》的通知"
    assert (line_at(text, notice.span.start), line_at(text, notice.span.end)) == (5, 19)
    assert [f.value for f in notice.issuers] == ["辽宁省民政厅", "辽宁省发展和改革委员会"]
    assert (notice.doc_number.value, notice.date.value) == ("辽民发〔2021〕33号", "2021-09-06")


def _graph(quads) -> Graph:
    text = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode("utf-8")
    return Graph().parse(data=text, format="nt")


def test_the_ontology_declares_what_these_documents_write() -> None:
    text = (resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8")
    ontology = Graph().parse(data=text, format="turtle")
    quads = []
    for path in LOADABLE:
        doc, region = parse_document(path)
        quads += document_quads(doc, region) + list(region_quads(region))
    data = _graph(quads)
    declared = {s for c in DECLARATIONS for s in ontology.subjects(RDF.type, c) if s in pk_terms(ontology)}
    assert pk_terms(data) <= declared, pk_terms(data) - declared
    genres = set(data.objects(None, PK.documentType))
    assert genres == {
        PK.Proposal,
        PK.Opinion,
        PK.ImplementationPlan,
        PK.PolicyMeasures,
        PK.ActionPlan,
        PK.AnnualWorkPlan,
        PK.Outline,
        PK.FiveYearPlan,  # 020: one field's 十五五 规划
        PK.Notice,
        PK.SpecialPlan,
        PK.Rules,
        PK.WorkReport,
        PK.Decision,  # 027: a 决定
    }
    assert violations(ontology, data) == []


@pytest.mark.parametrize("path", LOADABLE, ids=lambda p: p.name)
def test_each_loads_and_validates_without_violation(tmp_path: Path, path: Path) -> None:
    store = open_store(tmp_path / "store")
    assert load_document(store, path).ok
    (report,) = validate_store(store, "pyrudof", [path.name])
    assert [f for f in report.findings if f.severity == "Violation"] == []
