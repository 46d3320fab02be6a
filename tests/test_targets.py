"""Targets stated in prose (loaders/targets.py): the clause, the quantity's name, the comparator, number, unit and
year, counted by hand on the corpus and on sentences written in the forms Chinese policy text uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Triple

from plankg.graph.vocab import PK
from plankg.lineage.graph import indicator_name, indicators_match
from plankg.loaders.clean import clean
from plankg.loaders.extract import extract_measures_and_projects
from plankg.loaders.pipeline import parse_document
from plankg.loaders.read import read_source
from plankg.loaders.records import Passage, Span, line_at
from plankg.loaders.script import to_simplified
from plankg.loaders.segment import segment
from plankg.loaders.targets import TargetScope, prose_targets, target_scopes
from plankg.loaders.triples import document_quads, plan_identity
from plankg.validation.shacl import validate_triples

FIXTURES = Path(__file__).parent / "fixtures" / "targets"


def _lines(name: str) -> tuple[str, list[TargetScope]]:
    """A fixture file and one scope per line (ids line_N)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    scopes, at = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line:
            scopes.append(TargetScope(Span.of(text, at, at + len(line)), None, None, f"line_{n}"))
        at += len(line) + 1
    return text, scopes


def _facts(targets) -> list[tuple]:
    return [
        (t.eid, t.name, t.values[0].as_written, t.values[0].comparator, t.values[0].number, t.values[0].unit, t.values[0].year)
        for t in targets
    ]


def test_targets_in_the_forms_policy_text_uses() -> None:
    text, scopes = _lines("sentences.snippet")
    targets = prose_targets(text, scopes, not_before=2021)
    assert _facts(targets) == [
        ("line_1__ind_1", "养老机构护理型床位占比", "超过60%", ">", 60.0, "%", 2025),
        ("line_1__ind_2", "兜底保障老年人周探访率", "达到100%", "", 100.0, "%", 2025),
        ("line_2__ind_1", "常住人口城镇化率", "提高到65%", "", 65.0, "%", None),  # no year stated
        ("line_2__ind_2", "粮食综合生产能力", "稳定在1.2万亿斤以上", "≥", 1.2, "万亿斤", None),
        ("line_3__ind_1", "人均预期寿命", "达到八十岁以上", "≥", 80.0, "岁", 2035),  # 到二〇三五年
        ("line_4__ind_1", "城镇调查失业率", "控制在百分之五点五以内", "≤", 5.5, "%", 2025),  # “十四五”期间
        ("line_5__ind_1", "单位国内生产总值能耗", "下降13.5%", "-", 13.5, "%", None),  # a change by 13.5%
        ("line_6__ind_1", "每千名老年人拥有养老床位数", "达到35张", "", 35.0, "张", None),
        ("line_6__ind_2", "每万名常住人口拥有社区工作者", "18人", "", 18.0, "人", None),
        ("line_7__ind_1", "公办养老机构护理型床位占比", "不低于50%", "≥", 50.0, "%", 2022),  # 2022年底前, 全市 left out
        ("line_16__ind_1", "養老機構護理型床位佔比", "超過60%", ">", 60.0, "%", 2025),  # Traditional, as written
        # a share that reaches a state: the name is the clause without the value inside it
        ("line_19__ind_1", "建成区的面积达到海绵城市建设目标要求", "40%以上", "≥", 40.0, "%", 2025),
        ("line_20__ind_1", "道路交通事故死亡人数", "下降10%", "-", 10.0, "%", None),  # compared with 十三五, to come
    ]
    # Lines 8-15, 17 and 18 state none: 十三五 results, 五年来, 已达到, 按每百户20平方米, dates and 有效期5年,
    # undertakings with a count (projects), qualitative goals, an article number and a visiting frequency, 截至2020年底,
    # and 到2020年 in a plan whose period starts in 2021.
    grain = next(t for t in targets if t.eid == "line_2__ind_2")
    assert grain.values[0].number * grain.values[0].scale == 1.2e12  # normalised: 斤
    for t in targets:
        value = t.values[0]
        assert text[t.span.start : t.span.end] == t.span.quote and t.source == "prose" and value.kind == "target"
        assert t.span.start <= t.name_span.start and t.name_span.end <= t.span.end
        assert t.span.start < value.span.start < value.span.end <= t.span.end
        share = t.name_span.start < value.span.start < t.name_span.end
        assert share or (t.name_span.end <= value.span.start and value.span.end == t.span.end)


def test_a_year_before_the_plan_is_a_result_not_a_target() -> None:
    text, scopes = _lines("sentences.snippet")
    line_18 = [s for s in scopes if s.eid == "line_18"]
    assert _facts(prose_targets(text, line_18, not_before=2021)) == []
    # Without a known period (a plan that states none) nothing says 2020 is past: the target is read.
    assert _facts(prose_targets(text, line_18)) == [("line_18__ind_1", "养老床位", "达到3万张", "", 3.0, "万张", 2020)]


def test_this_year_is_the_year_of_the_documents_date_and_dates_the_list_it_heads() -> None:
    """今年 names the year of the document's date (a work report delivered on 2024年1月18日); the year stated before
    a list's colon dates its items up to the full stop (…目标是：A；B。), and no further."""
    text = "今年的主要预期目标是：地区生产总值增长6%左右；固定资产投资增长8%。城镇化率达到62%。"
    scope = [TargetScope(Span.of(text, 0, len(text)), None, None, "p")]
    assert [(t.name, t.values[0].year) for t in prose_targets(text, scope, this_year=2024)] == [
        ("地区生产总值", 2024),
        ("固定资产投资", 2024),
        ("城镇化率", None),
    ]
    # a document that states no date: 今年 names no year, and none is made up
    assert [t.values[0].year for t in prose_targets(text, scope)] == [None, None, None]


def test_results_of_the_previous_period_are_not_targets() -> None:
    # 中共中央 建议 (2020) line 9: 粮食年产量连续五年稳定在一万三千亿斤以上, 城镇新增就业超过六千万人, 基本医疗保险覆盖
    # 超过十三亿人, 预计二〇二〇年国内生产总值突破一百万亿元: the 十三五 results, in a paragraph about them.
    text = (FIXTURES / "proposal_2020_results.snippet").read_text(encoding="utf-8").rstrip("\n")
    item = Passage("statement", "", "1.", "决胜全面建成小康社会取得决定性成就。", text, Span.of(text, 0, len(text)), None, None)
    for not_before in (2021, None):
        assert target_scopes([], [], [item], not_before) == []
        assert prose_targets(text, target_scopes([], [], [item], not_before), not_before) == []


# Hand-counted on the corpus: (line, name as written, value as written, year) of every target stated in prose.
CORPUS_TARGETS = {
    "000_7c45746ca5003da4.txt": [
        (267, "护理型床位占比", "不低于80%", None),
        (267, "乡镇综合养老服务中心覆盖率", "达到60%", 2025),
        (267, "街道综合养老服务中心覆盖率", "达到100%", 2022),
        (268, "养老机构国家强制性标准《养老机构服务安全基本规范》达标率", "100%", 2025),
        (269, "养老机构护理型床位占比", "达到55%以上", 2025),
        (270, "有集中供养意愿的特困人员集中供养率", "100%", 2025),
        (272, "乡镇综合养老服务中心覆盖率", "达到60%", 2025),
        (272, "街道综合养老服务中心覆盖率", "达到100%", 2025),
        (273, "现状和新建居住(小)区养老设施达标配建率", "达100%", 2025),
        (274, "养老机构护理型床位占比", "不低于55%", 2025),
        (274, "包括特困人员供养服务机构(敬老院)在内的公办养老机构入住率", "达到60%左右", 2025),
        (276, "依托现有的特色民俗、酒店公寓、养老院、养生疗养设施等设立的旅居养老服务", "达5000张", 2025),
        (279, "养老服务机构护理员培训率", "达到100%", 2025),
        (279, "每千名老人配备社会工作者", "至少1名以上", 2025),
        (280, "养老护理员上岗培训率", "100%", None),
        (288, "村(社区)实现“一窗式”办理和“一站式”服务", "100%", None),
        (291, "每万名城镇常住人口拥有社区工作者", "达到18人", 2025),
        (306, "保障率", "达到100%", 2025),
        (337, "乡镇(街道)未保站覆盖率", "达到100%", 2025),
        (349, "镇(街道)建立社工站", "60%以上", 2022),  # 专栏7 item 1
        (350, "社会工作专业人才", "达到0.7万人", 2025),  # 专栏7 item 2
        (353, "志愿服务站点在社区综合服务设施中的覆盖率", "达到60%", 2025),
    ],
    "001_e6d1326eb6e5ef17.txt": [
        (356, "每万名城镇常住人口拥有社区工作者", "18人", None),
        (393, "每个城市社区拥有社会组织", "达到10个", None),
        (393, "每个农村社区拥有社会组织", "达到3个", None),
        (406, "婚姻家庭辅导室(婚姻家庭纠纷调解室)在县级以上婚姻登记机关覆盖率", "达到80%", None),
        (419, "签订率", "达到100%", 2025),
        (439, "新增骨灰节地生态绿色安葬率", "达到60%以上", None),
        (444, "覆盖率", "达到75%", None),
        (446, "参训率", "达到100%", None),
        (466, "配建设施达标率", "达到100%", None),
        (466, "社区养老服务设施人均用地面积", "不少于0.1平方米", None),
        (469, "护理型床位占比", "不低于55%", None),
        (497, "区域养老服务中心在乡镇、街道的覆盖率", "达到60%", 2025),
    ],
    "002_1d4cc66293008ec4.txt": [
        (489, "公辦養老機構的護理床位占比", "達到50%以上", 2022),
        (489, "特殊困難老年人探訪率", "100%", None),
        (497, "配建設施達標率", "達到60%", 2022),
        (505, "養老機構與醫療機構簽約率", "達到100%", 2021),
        (523, "養老機構護理型床位占比", "超過55%", None),
        (543, "縣級覆蓋率", "達到75%", None),
        (547, "培訓覆蓋率", "實現100%", 2025),
        (561, "縣級未成年人救助保護機構覆蓋率", "達到75%", 2025),
        (563, "參訓率", "達到100%", None),
        (651, "慈善超市", "達到48個", 2025),
        (663, "各類銷售網點總量", "達490家", 2025),
    ],
    "003_1530986ba0a39128.txt": [
        (552, "机构护理型床位占比", "达到90%以上", 2023),
        (554, "每百张养老机构床位配备社会工作者", "2名以上", None),
        (560, "城乡社区民主协商机制完善率", "达到100%", None),
        (560, "城乡社区综合服务设施面积达标率", "达到95%以上", 2025),
        (562, "美好和谐社区建设覆盖率", "达到95%", 2025),
        (564, "每万名常住人口拥有社区工作者", "18人", None),
        (564, "每万人拥有持证社会工作专业人才数", "达到16人", 2025),
        (576, "平均等级社会组织覆盖率", "达到50%", 2025),
    ],
    # 004 (韶关市 2021年民政工作要点) states no target with a comparator: its numbers are undertakings (新建风采长者饭堂6间,
    # line 16), counts of what exists (现有18个…, 现有34个…) and a rate of aid (按照每户4000元资助标准).
    "004_816c855b418fc27c.txt": [],
}


@pytest.mark.parametrize("name", sorted(CORPUS_TARGETS))
def test_corpus_targets(parsed, name: str) -> None:
    doc = parsed[name]
    text = doc.source.text
    got = sorted((line_at(text, t.span.start), t.name, t.values[0].as_written, t.values[0].year) for t in doc.targets)
    assert got == sorted(CORPUS_TARGETS[name])
    assert len(doc.indicators) == {"000": 31, "001": 20, "002": 26, "003": 16, "004": 0}[name[:3]]  # table rows unchanged


def test_corpus_targets_belong_to_their_measure_or_box_item(parsed) -> None:
    doc = parsed["001_e6d1326eb6e5ef17.txt"]
    by_eid = {t.eid: t for t in doc.targets}
    in_measure = by_eid["chp_5__sec_2__para_2__ind_2"]  # line 466, the measure 优化社区养老服务设施布局。
    assert in_measure.measure.heading == "优化社区养老服务设施布局。" and in_measure.stated_in is None
    in_box = by_eid["box_5__item_3__ind_1"]  # line 497: 专栏5 item 3
    assert (in_box.measure, in_box.container.number, in_box.stated_in.number) == (None, "专栏5", "3.")
    goal = next(t for t in parsed["000_7c45746ca5003da4.txt"].targets if t.eid == "box_7__item_2__ind_1")
    assert goal.container.number == "专栏7"


def test_prose_indicators_in_the_graph(corpus_store) -> None:
    e = "https://w3id.org/plankg/id/plan/431200/fyp/2021-2025/c1126cbe/zh-Hant"  # 002
    node = NamedNode(f"{e}/chp_3__sec_1__para_1__ind_1")  # line 489
    assert _objects(corpus_store, node, PK.partOf) == {f"{e}/chp_3__sec_1__para_1"}
    assert _objects(corpus_store, node, PK.statedIn) == {f"{e}/chp_3__sec_1__para_1"}
    assert {str(PK.Indicator), str(PK.ProseIndicator)} <= _objects(corpus_store, node, NamedNode(RDF_TYPE))
    assert _objects(corpus_store, node, PK.name) == {"公辦養老機構的護理床位占比", "公办养老机构的护理床位占比"}
    value = NamedNode(f"{node.value}/value_1")
    assert _objects(corpus_store, value, PK.valueKind) == {str(PK.Target)}
    assert (
        _objects(corpus_store, value, PK.year),
        _objects(corpus_store, value, PK.comparator),
        _objects(corpus_store, value, PK.numericValue),
        _objects(corpus_store, value, PK.unit),
    ) == ({"2022"}, {"≥"}, {"50"}, {"%"})
    box_item = NamedNode(f"{e}/box_2__item_2__ind_1")  # line 523, inside 專欄2 item 2
    assert _objects(corpus_store, box_item, PK.partOf) == {f"{e}/box_2"}
    assert _objects(corpus_store, box_item, PK.statedIn) == {f"{e}/box_2__item_2"}
    assert _objects(corpus_store, NamedNode(f"{e}/tbl_2__row_1"), NamedNode(RDF_TYPE)) >= {str(PK.TableIndicator)}


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _objects(store, subject: NamedNode, predicate) -> set[str]:
    predicate = predicate if isinstance(predicate, NamedNode) else NamedNode(str(predicate))
    return {q.object.value for q in store.quads_for_pattern(subject, predicate, None)}


def test_lineage_keeps_different_quantities_apart() -> None:
    # 000:350 社会工作专业人才 (0.7万人) is the table rows' 社会工作专业人才数量 (000:252), not 003:564's per-head rate;
    # 002:489's rate of public homes is not the rate of all homes.
    assert indicators_match(indicator_name("社会工作专业人才"), indicator_name("社会工作专业人才数量"))
    assert not indicators_match("社会工作专业人才", "每万人拥有持证社会工作专业人才数")
    assert not indicators_match(to_simplified("公辦養老機構的護理床位占比"), "养老机构护理型床位占比")
    assert indicators_match("乡镇(街道)未保站覆盖率", "乡镇(街道)未成年人保护工作站覆盖率")  # 000:337 and 000:241


REAL = Path(__file__).parent / "fixtures" / "real"
# Hand-counted (tests/fixtures/real/FACTS.md): (line, name, value as written). 007's task table (its 附件, lines
# 120-560) restates targets of the body per year (284-290, 480, 498-504) and states its own (196, 538); line 286
# (完成…改造，完成比例88.6%) reports a 2024 result, not a target.
REAL_TARGETS = {
    "007_shanghai_transport_refined_management_action_plan_2024.md": [
        (38, "人行道整治面积", "不低于300万平方米"),
        (50, "轨道交通站点50米范围内地面公交配套服务占比", "达到90%"),
        (54, "金山铁路全天开行列车", "38对"),  # a level of service by a year: 至2026年…全天开行列车38对
        (68, "道路技术状况指标优良率", "达到80%以上"),
        (72, "新增或更新货运城配车辆新能源化", "100%"),
        (184, "人行道整治面积", "不低于300万平方米"),
        (196, "在中心城区和其他地区建设智慧道路停车场的比例", "达到80%"),  # 分别达到80%和50%: two targets
        (196, "在中心城区和其他地区建设智慧道路停车场的比例", "50%"),
        (284, "轨道交通站点50米范围内地面公交配套服务占比", "达到90%"),
        (288, "轨道交通站点50米范围内地面公交配套服务占比", "达到89%"),
        (290, "轨道交通站点50米范围内地面公交配套服务占比", "达到90%"),
        (480, "道路技术状况指标优良率", "达到80%以上"),
        (498, "新增或更新货运城配车辆新能源化", "100%"),
        (500, "新增或更新货运城配车辆新能源化", "100%"),
        (502, "新增或更新货运城配车辆新能源化", "100%"),
        (504, "新增或更新货运城配车辆新能源化", "100%"),
        (538, "本市交通行业生产安全事故数量和死亡人数", "下降10%"),  # 相比“十三五”期: a comparison, to come
    ],
    "009_shanghai_sponge_city_opinion_2024.md": [
        (34, "本市建成区的面积达到海绵城市建设目标要求", "40%以上"),
        (34, "松江、青浦、嘉定、奉贤等新城建设用地面积达到海绵城市建设目标要求", "50%以上"),  # the list, not its count
        (34, "南汇新城建设用地面积达到海绵城市建设目标要求", "60%以上"),
        (34, "本市建成区的面积达到海绵城市建设目标要求", "80%以上"),
        (66, "城镇面积达到3—5年一遇雨水排水能力", "25%"),
        (70, "分流制强排地区雨水主管满管率", "低于50%"),
    ],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [
        (54, "新建机关办公建筑和教育建筑屋顶安装太阳能光伏面积比例", "不低于50%"),
        (54, "其他类型公共建筑屋顶安装太阳能光伏的面积比例", "不低于30%"),
        (54, "新建居住建筑屋顶安装太阳能光伏面积比例", "不低于30%"),
    ],
}
# Documents that state no numeric target: the 建议 (its numbers are 十三五 results, line 9), the 意见 of 2018, and
# four Shanghai documents and a 国务院办公厅 web page whose numbers count indicators, aspects or projects.
NO_TARGETS = [
    "001_zhongyang_14th_fyp_proposal.txt",
    "002_xiangcun_zhenxing_opinion_2018.txt",
    "003_shanghai_jiading_urban_renewal_opinion_2023.md",
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md",
    "005_shanghai_chongming_city_checkup_workplan_2021.md",
    "006_shanghai_zhelin_town_heritage_plan_2023.md",
    "008_guobanfa_2018_123_gov_new_media_opinion.html",
]


def _real_targets(name: str) -> list[tuple[int, str, str]]:
    """The targets of a real document, through the stages up to extraction (its metadata aside)."""
    source = read_source(REAL / name)
    cleaned = clean(source.text)
    seg = segment(source.text, cleaned.content)
    measures, projects, passages = extract_measures_and_projects(source.text, seg.paragraphs, seg.headings, 0)
    targets = prose_targets(source.text, target_scopes(measures, projects, passages))
    return [(line_at(source.text, t.span.start), t.name, t.values[0].as_written) for t in targets]


@pytest.mark.parametrize("name", sorted(REAL_TARGETS) + NO_TARGETS)
def test_real_documents(name: str) -> None:
    assert sorted(_real_targets(name)) == sorted(REAL_TARGETS.get(name, []))


def test_a_target_stated_as_a_range_keeps_both_ends_and_no_single_number() -> None:
    """016 第二章第三节: 地区生产总值增速在6.5～7.5%. A range is read as its two ends (pk:lowerBound, pk:upperBound) in the
    unit as written, with no pk:numericValue: neither end, nor any number between, is the target. Its year is that
    of the title sentence before it, “十四五”时期经济社会发展的主要目标。"""
    doc = parse_document(REAL / "016_pingtan_14th_fyp_outline_2021.txt")[0]
    ranges = [(t, v) for t in doc.targets for v in t.values if v.bounds is not None]
    assert [(t.eid, t.name, v.as_written, v.bounds, v.number, v.unit, v.comparator, v.year, v.span) for t, v in ranges] == [
        (
            "chp_2__sec_3__stmt_1__ind_1",
            "地区生产总值增速",
            "在6.5～7.5%",
            (6.5, 7.5),
            None,
            "%",
            "",
            2025,
            Span(6905, 6914, "在6.5～7.5%"),
        )
    ]
    value = NamedNode(f"{plan_identity(doc, None)[1]}/chp_2__sec_3__stmt_1__ind_1/value_1")
    quads = document_quads(doc, None)
    assert {(q.predicate.value.removeprefix(str(PK)), q.object.value) for q in quads if q.subject == value} >= {
        ("lowerBound", "6.5"),
        ("upperBound", "7.5"),
        ("unit", "%"),
        ("asWritten", "在6.5～7.5%"),
    }
    assert not [q for q in quads if q.subject == value and q.predicate.value in (str(PK.numericValue), str(PK.normalizedValue))]


@pytest.mark.parametrize(
    ("sentence", "as_written", "bounds"),
    [
        ("到2025年，地区生产总值增速在6.5%-7.5%。", "在6.5%-7.5%", (6.5, 7.5)),
        ("到2025年，地区生产总值增速在6.5%至7.5%。", "在6.5%至7.5%", (6.5, 7.5)),
        ("到2025年，森林覆盖率达到60～65%。", "达到60～65%", (60.0, 65.0)),
    ],
)
def test_ranges_in_the_forms_policy_text_uses(sentence: str, as_written: str, bounds: tuple[float, float]) -> None:
    scope = TargetScope(Span.of(sentence, 0, len(sentence)), None, None, "line_1")
    [target] = prose_targets(sentence, [scope], not_before=2021)
    assert (target.values[0].as_written, target.values[0].bounds, target.values[0].number, target.values[0].year) == (
        as_written,
        bounds,
        None,
        2025,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "到2025年，地区生产总值增速在7.5～6.5%。",  # ends out of order: no range
        "到2025年，地区生产总值增速在2021-2025年间保持稳定。",  # years, no unit of a quantity
    ],
)
def test_what_is_no_range_is_no_target(sentence: str) -> None:
    scope = TargetScope(Span.of(sentence, 0, len(sentence)), None, None, "line_1")
    assert prose_targets(sentence, [scope], not_before=2021) == []


@pytest.mark.parametrize("engine", ["pyrudof", "pyshacl"])
def test_a_range_is_a_target_with_its_value_and_none_without_its_bounds(engine: str) -> None:
    """pks:ProseIndicator-target takes a range's two ends for its number; without them the target has no value."""
    doc, region = parse_document(REAL / "016_pingtan_14th_fyp_outline_2021.txt")
    triples = [Triple(q.subject, q.predicate, q.object) for q in document_quads(doc, region)]
    target = f"{plan_identity(doc, region)[1]}/chp_2__sec_3__stmt_1__ind_1"
    bounds = {str(PK.lowerBound), str(PK.upperBound)}

    def findings(graph: list[Triple]) -> set[tuple[str, str]]:
        return {(f.key[1], f.key[2]) for f in validate_triples("016", "", graph, engine).findings if f.key[0] == target}

    assert findings(triples) == set()  # its year is the title sentence's (“十四五”时期…主要目标。): no warning either
    assert findings([t for t in triples if t.predicate.value not in bounds]) == {
        ("https://w3id.org/plankg/shapes#ProseIndicator-target", "Violation"),
    }


def test_a_bare_count_is_a_target_by_its_bound_or_its_year() -> None:
    """016: a count after its name with no comparator is a target when it has a bound of its own (落地台资企业2000家以上,
    年运送旅客25万人次以上) or a year before it (到2025年，…在岚就业创业台胞6000名), read with its unit and scale."""
    doc = parse_document(REAL / "016_pingtan_14th_fyp_outline_2021.txt")[0]
    bare = [(t.eid, t.name, v.as_written, v.comparator, v.number, v.unit, v.scale, v.year) for t in doc.targets for v in t.values]
    assert [b for b in bare if b[1] in ("岚台客运航线年运送旅客", "落地台资企业", "在岚就业创业台胞")] == [
        ("chp_2__sec_3__stmt_2__ind_4", "岚台客运航线年运送旅客", "25万人次以上", "≥", 25.0, "万人次", 1e4, 2025),
        ("chp_2__sec_3__stmt_2__ind_5", "落地台资企业", "2000家以上", "≥", 2000.0, "家", 1.0, 2025),
        ("chp_4__sec_3__para_3__ind_1", "在岚就业创业台胞", "6000名", "", 6000.0, "名", 1.0, 2025),
    ]
    assert len(doc.targets) == 20  # FACTS.md's hand count


@pytest.mark.parametrize(
    "sentence",
    [
        "全市住房困难家庭3000户。",  # neither bound nor year: a count stated, not a target
        # corpus 002 line 493: the part of new beds that are nursing beds is counted with the undertaking (新增), not a target
        "到2025年，全市新建及改扩建惠民养老工程21个，预计新增床位6200张以上，其中护理型床位3620张。",
    ],
)
def test_a_bare_count_without_bound_or_year_or_inside_an_undertaking_is_no_target(sentence: str) -> None:
    scope = TargetScope(Span.of(sentence, 0, len(sentence)), None, None, "line_1")
    assert prose_targets(sentence, [scope], not_before=2021) == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # 016 第二章第三节: the title sentence names the period of the goals after it, up to the next title
        (
            "“十四五”时期经济社会发展的主要目标。地区生产总值增速在6.5～7.5%，科技进步贡献率明显提升。"
            "奋力打造知名的国际旅游岛。旅游相关产业增加值占GDP比重达14%。",
            [2025, None],
        ),
        ("到2035年基本实现现代化的远景目标。人均预期寿命达到80岁以上。", [2035]),
        # a day in a definition (011 part 四（七）) is no period: 2025年6月1日
        ("增量新能源项目是指2025年6月1日及以后投产的新能源项目。项目利用率达到95%以上。", [None]),
        # a sentence with a target of its own heads nothing; a sentence's own year comes first
        ("到2025年城镇化率达到70%。到2030年森林覆盖率达到60%。农村自来水普及率达到99%。", [2025, 2030, None]),
    ],
)
def test_a_title_sentence_dates_the_targets_after_it(text: str, years: list[int | None]) -> None:
    scope = TargetScope(Span.of(text, 0, len(text)), None, None, "line_1")
    assert [t.values[0].year for t in prose_targets(text, [scope], not_before=2021)] == years


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (  # an amount, then its growth in a clause that does not repeat the name
            "2017年主要预期目标是：固定资产投资计划完成467亿元，增长18%；城镇居民人均可支配收入36038元，增长8.5 %。",
            [
                ("固定资产投资", "计划完成467亿元", "", 467.0, "亿元"),
                ("固定资产投资", "增长18%", "+", 18.0, "%"),
                ("城镇居民人均可支配收入", "36038元", "", 36038.0, "元"),
                ("城镇居民人均可支配收入", "增长8.5 %", "+", 8.5, "%"),
            ],
        ),
        (  # 年均 and 左右 around the change
            "到2025年，地区生产总值达到500亿元，年均增长7%左右。",
            [("地区生产总值", "达到500亿元", "", 500.0, "亿元"), ("地区生产总值", "年均增长7%左右", "+", 7.0, "%")],
        ),
        ("到2025年，新建养老床位500张，增长10%。", []),  # the count of an undertaking: no target whose rate it would be
        ("到2025年，力争实现新突破，增长10%。", []),  # a change after no target names no quantity
    ],
)
def test_a_rate_of_change_after_a_target_is_the_rate_of_its_quantity(text: str, facts: list[tuple]) -> None:
    scopes = [TargetScope(Span.of(text, 0, len(text)), None, None, "p")]
    found = prose_targets(text, scopes, not_before=2017, this_year=2017)
    assert [
        (t.name, t.values[0].as_written, t.values[0].comparator, t.values[0].number, t.values[0].unit) for t in found
    ] == facts
    assert all(text[t.name_span.start : t.name_span.end] == t.name for t in found)
