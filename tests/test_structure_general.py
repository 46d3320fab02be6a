"""Structure beyond 章/节 on real documents of other genres and levels: items and dash bullets, lead paragraphs,
statements of background, principles and goals (not measures), closing clauses and responsible bodies.

Counts and line numbers are read off the documents (tests/fixtures/real/FACTS.md has them all) and the small
fixtures of tests/fixtures/structure/.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store, serialize
from rdflib import RDF, Graph

from plankg.graph.vocab import ORG, PK, org_iri
from plankg.loaders.clean import clean
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Heading, Measure, Passage, line_at
from plankg.loaders.roles import heading_role, is_closing_clause, title_role
from plankg.loaders.segment import segment
from plankg.loaders.triples import document_quads, plan_identity, region_quads
from plankg.query.library import run
from plankg.validation.shacl import document_triples, validate_triples
from tests.test_ontology import DECLARATIONS, pk_terms, violations

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
OWN = FIXTURES / "structure"
PROV = "http://www.w3.org/ns/prov#"


class Read:
    """A document as the loader reads it: its headings, measures and passages, by line of the file."""

    def __init__(self, path: Path) -> None:
        doc, _ = parse_document(path)
        self.text = doc.source.text
        self.headings: list[Heading] = doc.headings
        self.measures: list[Measure] = doc.measures
        self.passages: list[Passage] = doc.passages

    def line(self, node: Heading | Measure | Passage) -> int:
        return line_at(self.text, node.span.start)

    def lines(self, kind: str, role: str | None = None) -> list[int]:
        return [self.line(p) for p in self.passages if p.kind == kind and (role is None or p.role == role)]

    def at(self, line: int) -> Measure | Passage:
        return next(n for n in [*self.measures, *self.passages] if self.line(n) == line)

    def bodies_per_line(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for node in [*self.measures, *self.passages]:
            for body in node.bodies:
                found.setdefault(line_at(self.text, body.span.start), []).append(body.name)
        return found


@pytest.fixture(scope="module")
def proposal() -> Read:
    return Read(REAL / "001_zhongyang_14th_fyp_proposal.txt")


@pytest.fixture(scope="module")
def opinion() -> Read:
    return Read(REAL / "002_xiangcun_zhenxing_opinion_2018.txt")


def test_proposal_parts_items_and_measures(proposal: Read) -> None:
    parts = [h for h in proposal.headings if h.kind == "chapter"]
    assert [proposal.line(h) for h in parts] == [7, 15, 45, 57, 71, 83, 97, 109, 119, 129, 141, 151, 169, 181, 189]
    # Items 1.-60. are numbered across the parts; 7.-60. (lines 49-203) are the measures.
    assert [m.number for m in proposal.measures] == [f"{n}." for n in range(7, 61)]
    assert (proposal.line(proposal.measures[0]), proposal.line(proposal.measures[-1])) == (49, 203)
    assert proposal.measures[-1].heading == "健全规划制定和落实机制。"


def test_proposal_principles_and_goals_are_statements_not_measures(proposal: Read) -> None:
    statements = {proposal.line(p): p.role for p in proposal.passages if p.kind == "statement"}
    assert statements == {
        9: "background",
        11: "background",
        13: "goals",  # 1. …取得决定性成就。 2. 我国发展环境… 3. 到二〇三五年…远景目标。
        17: "guiding",
        19: "principles",
        31: "goals",  # 4. …指导思想。 5. …必须遵循的原则。 6. …主要目标。
        **dict.fromkeys((21, 23, 25, 27, 29), "principles"),  # ——坚持党的全面领导。 … ——坚持系统观念。
        **dict.fromkeys((33, 35, 37, 39, 41, 43), "goals"),  # ——经济发展取得新成效。 … ——国家治理效能得到新提升。
    }
    item_5, bullet = proposal.at(19), proposal.at(21)
    assert (bullet.number, bullet.heading, bullet.item) == ("——", "坚持党的全面领导。", item_5)
    assert bullet.eid == "chp_2__stmt_2__point_1"
    assert [h.role for h in proposal.headings[:3]] == ["background", "requirements", ""]


def test_proposal_lead_paragraphs_preamble_and_conclusion(proposal: Read) -> None:
    assert proposal.lines("lead") == [47, 59, 73, 85, 99, 111, 121, 131, 143, 153, 171, 183, 191]
    assert proposal.at(47).text.startswith("坚持创新在我国现代化建设全局中的核心地位")
    assert proposal.at(47).eid == "chp_3__intro_1"
    assert (proposal.lines("preamble"), proposal.lines("conclusion")) == ([5], [205])
    assert proposal.lines("closing") == [] and proposal.bodies_per_line() == {}
    # Every paragraph of the body is kept: 54 measures and 32 passages, the title and date lines are metadata.
    paragraphs = [n for n in range(5, 206, 2) if n not in (7, 15, 45, 57, 71, 83, 97, 109, 119, 129, 141, 151, 169, 181, 189)]
    assert sorted(proposal.line(n) for n in [*proposal.measures, *proposal.passages]) == paragraphs


def test_opinion_items_under_parts_and_their_roles(opinion: Read) -> None:
    chapters = [h for h in opinion.headings if h.kind == "chapter"]
    assert [opinion.line(h) for h in chapters] == [4, 8, 22, 29, 35, 41, 48, 56, 62, 68, 75, 80]
    assert [(h.role, h.title) for h in chapters[:2]] == [
        ("significance", "新时代实施乡村振兴战略的重大意义"),
        ("requirements", "实施乡村振兴战略的总体要求"),
    ]
    principles = next(h for h in opinion.headings if h.kind == "part")  # （三）基本原则, line 14
    assert (opinion.line(principles), principles.role) == (14, "principles")
    # The （一）… items of parts 三-十二: 5+4+4+5+6+4+4+5+3+6.
    assert Counter(opinion.line(m.parent) for m in opinion.measures) == {
        22: 5,
        29: 4,
        35: 4,
        41: 5,
        48: 6,
        56: 4,
        62: 4,
        68: 5,
        75: 3,
        80: 6,
    }
    assert [(m.number, m.heading) for m in (opinion.measures[0], opinion.measures[-1])] == [
        ("（一）", "夯实农业生产能力基础。"),
        ("（六）", "营造乡村振兴良好氛围。"),
    ]  # lines 24, 87


def test_opinion_statements_leads_and_goal_paragraphs(opinion: Read) -> None:
    statements = {opinion.line(p): p.role for p in opinion.passages if p.kind == "statement"}
    assert statements == {
        5: "significance",
        6: "significance",
        7: "significance",  # part 一 has no items
        9: "guiding",
        10: "goals",  # （一）指导思想。 （二）目标任务。
        **dict.fromkeys(range(15, 22), "principles"),
    }  # ——坚持党管农村工作。 …
    goals_item = opinion.at(10)
    assert [(opinion.line(p), p.role, p.item) for p in opinion.passages if p.kind == "continuation"] == [
        (11, "goals", goals_item),
        (12, "goals", goals_item),
        (13, "goals", goals_item),
    ]  # 到2020年 / 2035年 / 2050年
    assert opinion.lines("lead") == [23, 30, 36, 42, 49, 57, 63, 69, 76, 81]
    assert (opinion.lines("preamble"), opinion.lines("conclusion")) == ([3], [88])


def test_rules_generalise_to_other_real_documents() -> None:
    """The facts of tests/fixtures/real/FACTS.md for documents these rules were not written on."""
    yangpu = Read(REAL / "004_shanghai_yangpu_industrial_heritage_measures_2023.md")
    assert len(yangpu.measures) == 20 and yangpu.lines("lead") == [52, 70, 84, 96]
    assert {yangpu.line(p): p.role for p in yangpu.passages if p.kind == "statement"} == {
        32: "guiding",
        36: "principles",
        38: "principles",
        40: "principles",
        42: "principles",
        46: "goals",
    }
    zhelin = Read(REAL / "006_shanghai_zhelin_town_heritage_plan_2023.md")
    assert len(zhelin.measures) == 15  # 12 tasks of 二 and the 3 safeguards of 三 (lines 86, 90, 94)
    assert sum(m.safeguard for m in zhelin.measures) == 3
    assert zhelin.lines("statement", "principles") == [36, 38, 40, 42] and zhelin.lines("statement", "goals") == [46]
    media = Read(REAL / "008_guobanfa_2018_123_gov_new_media_opinion.html")
    assert len(media.measures) == 10  # 三 3, 四 4 and 五's 3 safeguards; 一 and 二 state requirements and duties
    assert [h.role for h in media.headings if h.kind == "chapter"] == ["requirements", "responsibilities", "", "", ""]
    assert [p.heading for p in media.passages if p.role == "principles"] == [
        "坚持正确导向。",
        "坚持需求引领。",
        "坚持互联融合。",
        "坚持创新发展。",
    ]
    sponge = Read(REAL / "009_shanghai_sponge_city_opinion_2024.md")
    assert len(sponge.measures) == 29 and sponge.lines("statement", "goals") == [32, 34]  # 一、工作目标, no items


def test_an_unnumbered_paragraph_before_numbered_items_is_their_lead() -> None:
    """003 四（三）零星更新 (line 78): line 80 零星更新的操作流程分为项目咨询、项目更新方案编制和项目实施三部分。
    opens with a short sentence, yet it leads into the unit's numbered items 1.-3. (lines 82, 84, 88); it is
    no measure, as line 66 under 四（二） is none."""
    jiading = Read(REAL / "003_shanghai_jiading_urban_renewal_opinion_2023.md")
    lead = jiading.at(80)
    assert isinstance(lead, Passage) and lead.kind == "lead"
    assert lead.parent is not None and lead.parent.number == "（三）" and lead.parent.title == "零星更新"
    under = [m for m in jiading.measures if m.parent is lead.parent]
    assert [(jiading.line(m), m.number) for m in under] == [(82, "1."), (84, "2."), (88, "3.")]
    regional = [m for m in jiading.measures if m.parent is not None and m.parent.title == "区域更新"]
    assert [jiading.line(m) for m in regional] == [68, 70, 72, 76]


def test_responsible_bodies_of_real_documents() -> None:
    sponge = Read(REAL / "009_shanghai_sponge_city_opinion_2024.md").bodies_per_line()
    assert sorted(sponge) == [
        40,
        42,
        44,
        48,
        50,
        52,
        54,
        58,
        60,
        62,
        66,
        68,
        70,
        72,
        76,
        78,
        80,
        82,
        84,
        88,
        90,
        92,
        94,
        96,
        98,
        100,
        104,
        106,
        108,
    ]
    assert sponge[40] == [
        "市规划资源局",
        "市住房城乡建设管理委",
        "市交通委",
        "市水务局",
        "市绿化市容局",
        "市房屋管理局",
        "各区政府",
    ]
    assert (sponge[42], sponge[70]) == (["市住房城乡建设管理委", "各区政府"], ["市水务局", "各区政府"])
    assert (len(sponge[76]), len(sponge[104]), sponge[104][-1]) == (9, 13, "各区政府")
    # Line 104 names two bodies in its prose before its 11 bracketed ones: 市住房城乡建设管理委牵头负责…；
    # 各相关行业管理部门按照职责分工…; line 92 one: 各相关行业管理部门依职责…
    assert sponge[104][:3] == ["市住房城乡建设管理委", "各相关行业管理部门", "市住房城乡建设管理委"]
    assert sponge[92][0] == "各相关行业管理部门" and len(sponge[92]) == 7
    assert sponge[52][-1] == "各区政府"  # after an ASCII comma
    huangpu = Read(REAL / "010_shanghai_huangpu_renewable_energy_action_plan_2025.md")
    bodies = huangpu.bodies_per_line()
    assert {line: len(names) for line, names in bodies.items()} == {
        50: 12,
        56: 2,
        62: 6,
        68: 6,
        74: 5,
        80: 4,
        86: 2,
        92: 1,
        98: 5,
        104: 4,
        110: 3,
    }
    assert bodies[110] == ["区发展改革委", "各相关部门", "各街道管理办"]
    # （责任单位：…） on a line of its own names the bodies of the item before it (line 48, 54 …), which keeps them.
    first = huangpu.measures[0]
    assert (huangpu.line(first), len(first.bodies), first.bodies[-1].name) == (48, 12, "半淞园路街道管理办")
    assert huangpu.at(50).kind == "continuation" and huangpu.at(50).item is first


def test_bodies_that_open_a_paragraph_as_its_subject() -> None:
    """003 五、主要职责 (lines 90-120) and 六 (line 124): 区规划资源局负责…, 区更新办牵头…; FACTS.md lists them."""
    renewal = Read(REAL / "003_shanghai_jiading_urban_renewal_opinion_2023.md")
    bodies = {line: names for line, names in renewal.bodies_per_line().items()}
    assert bodies == {
        94: ["区城市更新领导小组"],
        100: ["“两旧一村”改造工作专班"],
        104: ["区规划资源局"],
        106: ["区建设管理委"],
        108: ["区住房保障房屋管理局"],
        110: ["区经委"],
        112: ["区商务委"],
        124: ["区更新办"],
        # written in the prose, not as the subject of 负责: X由A、B、C…协同开展工作 (A, B, C support X),
        # a collective of fields (…等有关部门), X根据…要求, X按照职责分工
        98: ["区更新办", "区建设管理委", "区住房保障房屋管理局", "区规划资源局"],
        114: [
            "区交通、生态环境、绿化市容、水务、文化旅游、应急管理、国防、科技、民政、农业农村等市政交通设施、公共服务设施相关部门"
        ],
        116: ["区发展改革、财政、税务、国资等有关部门"],
        118: ["区属国有企业"],
        120: ["街道办事处", "镇人民政府"],
    }
    assert [b.role for b in renewal.at(124).bodies] == ["lead"]
    assert [b.role for b in renewal.at(98).bodies] == ["responsible", "supporting", "supporting", "supporting"]
    # 由…负责解释 names who interprets the text, not who carries a task out.
    assert Read(OWN / "county_rural_measures.txt").at(23).bodies == []


@pytest.fixture(scope="module")
def action_plan() -> Read:
    return Read(OWN / "chengdu_eldercare_action_plan.txt")


def test_bodies_in_brackets_become_organisations_with_roles(action_plan: Read) -> None:
    text = action_plan.text
    bodies = {action_plan.line(m): [(b.name, b.role) for b in m.bodies] for m in action_plan.measures}
    assert bodies == {
        21: [("市民政局", "responsible"), ("市卫生健康委", "responsible"), ("市医保局", "responsible")],  # ［…按职责分工负责］
        23: [("市民政局", "lead"), ("市住房城乡建设局", "responsible"), ("市规划和自然资源局", "responsible")],
        25: [("市民政局", "lead"), ("市财政局", "supporting"), ("市市场监管局", "supporting")],  # （…牵头，…配合）
        27: [("各区（市）县人民政府", "responsible")],  # the attribution line 28, nested brackets kept in the name
        32: [],
        34: [("市财政局", "responsible")],  # 【责任单位：市财政局】
    }
    for measure in action_plan.measures:
        for body in measure.bodies:
            assert text[body.span.start : body.span.end] == body.span.quote == body.name
    # Kept out of the title, kept in the text as written.
    facilities = action_plan.at(23)
    assert facilities.heading == "加强社区养老服务设施建设"
    assert facilities.heading_span.quote == "加强社区养老服务设施建设"
    assert "（牵头单位：市民政局；责任单位：市住房城乡建设局、市规划和自然资源局）" in facilities.text
    assert action_plan.at(21).heading == "完善居家养老服务。"


def test_closing_clauses_leads_and_requirements_of_an_action_plan(action_plan: Read) -> None:
    assert [(action_plan.line(p), p.role) for p in action_plan.passages if p.kind == "closing"] == [
        (36, "closing"),
        (38, "closing"),
    ]  # 本方案自印发之日起施行，有效期至… / 本方案由市民政局负责解释。
    assert action_plan.lines("lead") == [19] and action_plan.lines("preamble") == [3]
    assert {action_plan.line(p): p.role for p in action_plan.passages if p.kind == "statement"} == {
        7: "guiding",
        9: "goals",
        13: "principles",
        15: "principles",
    }
    assert [m.safeguard for m in action_plan.measures] == [False] * 4 + [True] * 2


def test_background_part_dash_tasks_and_a_closing_part() -> None:
    measures = Read(OWN / "county_rural_measures.txt")
    assert [h.role for h in measures.headings] == ["background", "", "closing"]  # 发展形势 / 具体措施 / 附则
    assert measures.lines("statement", "background") == [7, 9]
    # Dash bullets under a task are tasks too; bodies split at 和.
    assert [(measures.line(m), m.heading) for m in measures.measures] == [
        (13, "完善农村养老服务网络。"),
        (15, "提升乡镇敬老院照护能力。"),
        (17, "发展互助养老。"),
        (19, "加强人才队伍建设。"),
    ]
    assert [b.name for b in measures.at(19).bodies] == ["县人力资源社会保障局", "县民政局"]
    assert measures.lines("closing") == [23]


def test_an_attachment_holds_no_measures() -> None:
    """007: the body's 23 items and its safeguard paragraph are the measures; the task list of 附件 (line 90 on,
    flattened table cells, （1）…（35）) is annex text, its table read as any other."""
    transport = Read(REAL / "007_shanghai_transport_refined_management_action_plan_2024.md")
    attachment = next(h for h in transport.headings if h.kind == "attachment")
    assert (transport.line(attachment), attachment.number, attachment.eid, attachment.title) == (
        90,
        "附件",
        "att_1",
        "交通领域精细化管理工作三年行动计划任务清单（2024-2026年）",
    )
    numbers = [m.number for m in transport.measures[:23]]
    assert (numbers[0], numbers[9], numbers[-1], len(set(numbers))) == ("（一）", "（十）", "（二十三）", 23)
    assert (transport.line(transport.measures[-1]), transport.measures[-1].safeguard) == (88, True)
    annex = [p for p in transport.passages if p.kind == "annex"]
    assert annex and all(transport.line(p) > 90 for p in annex)
    assert all(transport.line(m) < 90 for m in transport.measures)


def test_articles_scope_and_a_closing_article_of_rules() -> None:
    rules = Read(OWN / "dayi_subsidy_rules.txt")
    assert [(h.title, h.role) for h in rules.headings] == [("总则", "requirements"), ("补贴对象和标准", ""), ("附则", "closing")]
    assert {rules.line(p): (p.kind, p.number, p.role) for p in rules.passages} == {
        5: ("statement", "第一条", "requirements"),  # 为规范…，制定本办法。
        7: ("statement", "第二条", "scope"),  # 本办法适用于…
        15: ("continuation", "（1）", ""),  # the cases of 第四条 补贴标准按照以下情形确定：, points of that article
        17: ("continuation", "（2）", ""),
        23: ("statement", "第六条", "closing"),  # 各乡镇可参照本办法制定具体操作规程。
        25: ("closing", "第七条", "closing"),
    }  # 本办法由县民政局负责解释，自2024年3月1日起施行。
    assert [(rules.line(m), m.number) for m in rules.measures] == [(11, "第三条"), (13, "第四条"), (19, "第五条")]
    assert {p.item.number for p in rules.passages if p.kind == "continuation" and p.item is not None} == {"第四条"}
    # 县民政局负责补贴的审核…（县民政局牵头，县财政局配合）: the subject of the sentence, then the bracket.
    assert [(b.name, b.role) for b in rules.at(19).bodies] == [
        ("县民政局", "responsible"),
        ("县财政局", "responsible"),  # its second clause: 县财政局负责资金保障
        ("县民政局", "lead"),
        ("县财政局", "supporting"),
    ]


def test_bullets_other_than_dashes() -> None:
    text = "一、基本原则\n●坚持政府主导。强化兜底。\n■坚持社会参与。调动社会力量。\n"
    seg = segment(text, clean(text).content)
    assert [(p.bullet, p.text[p.body_offset :]) for p in seg.paragraphs] == [
        ("●", "坚持政府主导。强化兜底。"),
        ("■", "坚持社会参与。调动社会力量。"),
    ]


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("新时代实施乡村振兴战略的重大意义", "significance"),
        ("“十四五”时期经济社会发展指导方针和主要目标", "requirements"),
        ("基本原则", "principles"),
        ("發展基礎", "background"),
        ("发展机遇", "background"),
        ("工作目标。", "goals"),
        ("主要职责", "responsibilities"),
        ("适用范围", "scope"),
        ("附则", "closing"),
        ("附 则", "closing"),  # spaced out letter by letter, as a printed page sets it
        ("总　则", "requirements"),
        # a report of the work done: a work report's or a summary's review of the past year
        ("2023年工作回顾", "background"),
        ("工作开展情况", "background"),
        ("2024年工作总结", "background"),
        ("重点任务完成情况", "background"),
        # … and of its shortcomings, before the next year's plan
        ("存在问题", "background"),
        ("存在的主要问题", "background"),
        ("问题和不足", "background"),
        ("着力解决群众反映强烈的突出问题", ""),  # a task about problems
        # A task names such a noun after its verb, a slogan has two clauses: neither is a role.
        ("夯实社会组织高质量发展基础。", ""),
        ("优化慈善事业发展环境。", ""),
        ("确保实现脱贫攻坚目标。", ""),
        ("全面构建养老服务体系,推动积极应对人口老龄化战略取得新成效", ""),
        ("全党全国各族人民团结起来，为实现“十四五”规划和二〇三五年远景目标而奋斗", ""),
    ],
)
def test_roles_are_read_from_what_a_heading_names(title: str, role: str) -> None:
    assert heading_role(title) == role


def test_item_titles_and_closing_clauses() -> None:
    assert title_role("到二〇三五年基本实现社会主义现代化远景目标。") == "goals"
    assert title_role("决胜全面建成小康社会取得决定性成就。") == "background"
    assert is_closing_clause("本办法自2022年6月20日起施行，有效期5年。")
    assert is_closing_clause("本意见由市民政局负责解释。")
    assert not is_closing_clause("自2022年起施行新标准，提高城乡低保标准。推进救助。")  # a task that names a date


def test_a_numbered_closing_clause_is_not_a_part_heading() -> None:
    text = "一、主要任务\n（一）加强救助。做好兜底保障工作。\n二、本方案自印发之日起施行。\n"
    seg = segment(text, clean(text).content)
    assert [h.title for h in seg.headings] == ["主要任务"]
    assert [p.text for p in seg.paragraphs] == ["（一）加强救助。做好兜底保障工作。", "二、本方案自印发之日起施行。"]


@pytest.fixture(scope="module")
def own_store() -> Store:
    """The action plan and the measures of tests/fixtures/structure in a store."""
    store = Store()
    for path in (OWN / "chengdu_eldercare_action_plan.txt", OWN / "county_rural_measures.txt"):
        doc, region = parse_document(path)
        store.extend(document_quads(doc, region))
        store.extend(region_quads(region))
    return store


@pytest.fixture(scope="module")
def action_plan_graph(own_store: Store) -> tuple[list, str]:
    doc, region = parse_document(OWN / "chengdu_eldercare_action_plan.txt")
    _, expression, graph = plan_identity(doc, region)
    return document_triples(own_store, graph), expression


def test_bodies_and_passages_in_the_graph(action_plan_graph) -> None:
    triples, expression = action_plan_graph
    by = {(t.subject.value, t.predicate.value, t.object.value) for t in triples}
    measure = f"{expression}/chp_2__para_2"
    civil_affairs = org_iri("市民政局")
    assert (measure, str(PK.responsibleBody), civil_affairs) in by
    assert (civil_affairs, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", str(ORG.Organization)) in by
    body = f"{measure}/body_1"
    assert {(p, o) for s, p, o in by if s == body} >= {(PROV + "agent", civil_affairs), (PROV + "hadRole", str(PK.LeadRole))}
    titles = {o for s, p, o in by if s == measure and p == "http://purl.org/dc/terms/title"}
    assert titles == {"加强社区养老服务设施建设"}
    kinds = {str(PK[c]) for c in ("Preamble", "LeadParagraph", "Statement", "Continuation", "Conclusion", "ClosingClause")}
    assert {s.removeprefix(expression + "/"): o.removeprefix(str(PK)) for s, p, o in by if o in kinds} == {
        "preamble_1": "Preamble",
        "chp_1__stmt_1": "Statement",
        "chp_1__stmt_2": "Statement",
        "chp_1__part_3__point_1": "Statement",
        "chp_1__part_3__point_2": "Statement",
        "chp_2__intro_1": "LeadParagraph",
        "chp_2__para_4__cont_1": "Continuation",
        "chp_3__closing_1": "ClosingClause",
        "chp_3__closing_2": "ClosingClause",
    }
    roles = {s.removeprefix(expression + "/"): o for s, p, o in by if p == str(PK.role)}
    assert roles["chp_1"] == str(PK.GeneralRequirements) and roles["chp_1__stmt_2"] == str(PK.Goals)


def test_the_graph_conforms_to_the_shapes_and_the_ontology(action_plan_graph) -> None:
    triples, _ = action_plan_graph
    report = validate_triples("chengdu", "", triples, "pyrudof")
    assert [(f.shape, f.focus) for f in report.findings if f.severity == "Violation"] == []
    data = Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    ontology = Graph().parse(
        data=(resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8"), format="turtle"
    )
    declared = {s for c in DECLARATIONS for s in ontology.subjects(RDF.type, c)}
    assert pk_terms(data) <= declared
    assert violations(ontology, data) == []


def test_measures_by_body_query(own_store: Store) -> None:
    header, found = run(own_store, "measures-by-body", {"body": "民政局"})
    assert header == ["organisation", "role", "region", "measure", "title", "line"]
    county, city = (
        plan_identity(*parse_document(OWN / name))[1]
        for name in ("county_rural_measures.txt", "chengdu_eldercare_action_plan.txt")
    )
    assert found == [
        ["县民政局", "responsible", "大邑县", county + "/chp_2__para_1", "完善农村养老服务网络。", "13"],
        ["县民政局", "responsible", "大邑县", county + "/chp_2__para_4", "加强人才队伍建设。", "19"],
        ["市民政局", "responsible", "成都市", city + "/chp_2__para_1", "完善居家养老服务。", "21"],
        ["市民政局", "lead", "成都市", city + "/chp_2__para_2", "加强社区养老服务设施建设", "23"],
        ["市民政局", "lead", "成都市", city + "/chp_2__para_3", "提升养老机构服务质量。", "25"],
    ]


def test_the_plan_view_shows_roles_leads_and_bodies(own_store: Store) -> None:
    from plankg.viz import data

    doc, region = parse_document(OWN / "chengdu_eldercare_action_plan.txt")
    tree = {n.label: n for n in data.plan_tree(own_store, plan_identity(doc, region)[2])}
    assert (tree["总体要求"].role, tree["基本原则"].role) == ("general requirements", "principles")
    assert tree["重点任务"].leads == ["围绕居家社区机构相协调、医养康养相结合，着力补齐养老服务短板。"]
    assert tree["提升养老机构服务质量。"].bodies == ["市民政局 (lead)", "市财政局 (supporting)", "市市场监管局 (supporting)"]


def test_a_table_of_contents_is_set_aside_and_its_chapters_are_read_once(tmp_path: Path) -> None:
    """A whole 规划纲要 opens with its 目录: entries with a dotted leader and a page number (also run together, as a
    scrape gives them). They repeat the headings and are set aside; the chapters and sections are read once."""
    path = tmp_path / "outline.txt"
    path.write_text(
        "某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n目  录\n\n"
        "第一章  发展基础 ………………………………………… 1\n第一节  “十三五”成效 …………………………………… 1\n"
        "第二章  主要任务........................ 3第一节  发展现代农业.................... 3\n\n"
        "第一章  发展基础\n\n第一节  “十三五”成效\n\n“十三五”期间，全县经济持续增长。\n\n"
        "第二章  主要任务\n\n第一节  发展现代农业\n\n（一）推进高标准农田建设。到2025年，建成高标准农田10万亩。\n",
        encoding="utf-8",
    )
    doc, _ = parse_document(path)
    assert [(h.number, h.title) for h in doc.headings] == [
        ("第一章", "发展基础"),
        ("第一节", "“十三五”成效"),
        ("第二章", "主要任务"),
        ("第一节", "发展现代农业"),
    ]
    assert [(d.reason, line_at(doc.source.text, d.span.start)) for d in doc.dropped] == [
        ("table of contents", 3),
        ("table of contents", 5),
        ("table of contents", 6),
        ("table of contents", 7),
    ]


def test_books_of_an_outline_group_chapters_numbered_on_through_them() -> None:
    """A 规划纲要 divides its text into books (第一篇 …), whose chapters are numbered on through them (第二篇 opens with
    第三章): each book is a heading above its chapters, and the chapters' numbering is no gap (layout fixture
    tests/fixtures/structure/provincial_outline_books.txt, in the form of the national and provincial 纲要)."""
    outline = Read(OWN / "provincial_outline_books.txt")
    assert [(h.kind, h.number, outline.line(h), h.parent.number if h.parent else None, h.eid) for h in outline.headings] == [
        ("book", "第一篇", 3, None, "book_1"),
        ("chapter", "第一章", 5, "第一篇", "book_1__chp_1"),
        ("chapter", "第二章", 9, "第一篇", "book_1__chp_2"),
        ("book", "第二篇", 13, None, "book_2"),
        ("chapter", "第三章", 15, "第二篇", "book_2__chp_3"),
        ("section", "第一节", 17, "第三章", "book_2__chp_3__sec_1"),
        ("section", "第二节", 21, "第三章", "book_2__chp_3__sec_2"),
        ("chapter", "第四章", 25, "第二篇", "book_2__chp_4"),
    ]
    assert [(outline.line(m), m.parent.number if m.parent else None) for m in outline.measures] == [
        (19, "第一节"),
        (23, "第二节"),
        (27, "第四章"),
    ]
    assert [(outline.line(p), p.role) for p in outline.passages] == [(7, "background"), (11, "guiding")]
    doc, region = parse_document(OWN / "provincial_outline_books.txt")
    store = Store()
    store.extend(document_quads(doc, region))
    store.extend(region_quads(region))
    _, expression, graph = plan_identity(doc, region)
    triples = document_triples(store, graph)
    by = {(t.subject.value, t.predicate.value, t.object.value) for t in triples}
    assert (f"{expression}/book_2", str(RDF.type), str(PK.Book)) in by
    assert (f"{expression}/book_2__chp_3", str(PK.partOf), f"{expression}/book_2") in by
    assert (f"{expression}/book_2", str(PK.partOf), expression) in by
    report = validate_triples("outline", "", triples, "pyrudof")
    assert [(f.shape, f.focus) for f in report.findings if f.severity == "Violation"] == []


_TASKS = (
    "某市质量发展规划\n\n一、总体要求\n\n到2025年，质量水平明显提升。\n\n二、主要任务\n\n"
    "（一）完善制度。建立健全质量制度体系。\n\n（二）加强监管。强化日常监管。\n\n"
)
_LISTED = (
    "（一）监管平台建设工程。建设全市监管平台。\n\n（二）人才培养计划。培养一批专业人才。\n\n"
    "（三）检测能力提升工程。建设检测中心。\n\n（四）标准化示范行动。创建示范区。\n\n"
)


@pytest.mark.parametrize(
    ("after", "boxed"),
    [
        ("（三）强化保障。加强经费保障。\n", True),  # the text's （三） after the box's （四）: the run was a box
        ("", False),  # the numbering starts again and the text's does not go on: no box
    ],
)
def test_items_numbered_again_inside_a_unit_s_items_are_a_box_whose_label_was_lost(
    tmp_path: Path, after: str, boxed: bool
) -> None:
    """A unit's items never number back: a run numbered from （一） again between its （二） and its （三） is a box set into
    the text whose label (专栏N：…) was lost; its items are the box's projects, not measures, and the box states no
    number or title, which the text does not give it."""
    path = tmp_path / "plan.txt"
    path.write_text(_TASKS + _LISTED + after, encoding="utf-8")
    doc = parse_document(path)[0]
    listed = ["监管平台建设工程", "人才培养计划", "检测能力提升工程", "标准化示范行动"]
    if boxed:
        box = next(h for h in doc.headings if h.kind == "box")
        assert (box.number, box.title, box.eid, box.parent.title) == ("", "", "box_1", "主要任务")
        assert box.span.quote == _LISTED.strip()
        assert [(p.title, p.eid) for p in doc.projects] == [(t, f"box_1__item_{n}") for n, t in enumerate(listed, 1)]
        assert [m.heading for m in doc.measures] == ["完善制度。", "加强监管。", "强化保障。"]
    else:
        assert not any(h.kind == "box" for h in doc.headings) and doc.projects == []
        assert [m.heading for m in doc.measures] == ["完善制度。", "加强监管。", *(f"{t}。" for t in listed)]
