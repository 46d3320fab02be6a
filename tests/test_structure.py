"""Document structure, measures, projects and citations of each corpus document, against the text."""

from __future__ import annotations

import pytest

COUNTS = {
    # file: (chapters, sections, boxes, indicator rows, box items, measures); see the line references below
    "000_7c45746ca5003da4.txt": (0, 0, 8, 31, 14, 83),
    "001_e6d1326eb6e5ef17.txt": (6, 35, 5, 20, 32, 107),
    "002_1d4cc66293008ec4.txt": (11, 56, 8, 26, 23, 52),
    "003_1530986ba0a39128.txt": (5, 14, 0, 16, 0, 19),
    "004_816c855b418fc27c.txt": (8, 0, 0, 0, 0, 40),
}
# 000: headings lost; 专栏1-8 at lines 264, 284, 298, 310, 333, 339, 348, 355 hold 2+2+2+3+1+1+2+1 items;
#      measures are lines 265-368 less the 8 box headings and 14 items; 表1 9 rows + 表2 22 rows.
# 001: 第一章-第六章 (lines 25-502), 35 节; 专栏1 (line 61) is the indicator table, 专栏2-6 hold
#      9+7+8+6+2 numbered items (lines 331-339, 391-397, 443-450, 495-500, 543-544).
# 002: 第一章-第十一章, 56 節, 專欄1-8 with 3+4+3+2+4+1+1+5 items (lines 477-723); one measure in each
#      task 節 of 第二-十一章 (52); tables of 8 and 18 rows.
# 003: 第一章-第五章, 14 节, no box; numbered items of 第四章 (15) and 第五章 (4).
# 004: parts 一、-八、 (lines 2-45) with items (一)-(四十).


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts(parsed, name: str) -> None:
    doc = parsed[name]
    box_items = [p for p in doc.projects if p.box is not None]
    got = (len(doc.of_kind("chapter")), len(doc.of_kind("section")), len(doc.of_kind("box")),
           len(doc.indicators), len(box_items), len(doc.measures))
    assert got == COUNTS[name]


def test_wrapped_chapter_headings_are_one_heading(parsed) -> None:
    chapters = parsed["001_e6d1326eb6e5ef17.txt"].of_kind("chapter")
    # lines 276-277 and 341-342: the title continues on the next line
    assert chapters[1].title == "全面提高基本民生保障水平,推动困难群众和特殊群体实现共同富裕跃上新台阶"
    assert chapters[1].span.quote == "第二章 全面提高基本民生保障水平,推动困难群众和\n特殊群体实现共同富裕跃上新台阶"
    assert chapters[2].title == "全面推进基层社会治理改革创新,推动民政领域治理体系和治理能力现代化水平达到新高度"
    assert [c.number for c in chapters] == ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章"]


def test_traditional_headings_nest_and_keep_their_script(parsed) -> None:
    doc = parsed["002_1d4cc66293008ec4.txt"]
    sections = doc.of_kind("section")
    assert (sections[0].number, sections[0].title, sections[0].parent.title) == (
        "第一節", "發展基礎", "懷化民政事業發展邁入新階段")  # lines 9, 11
    last = doc.of_kind("chapter")[-1]
    assert (last.number, last.title, last.eid) == ("第十一章", "全力保障規劃順利實施", "chp_11")  # line 725
    box = doc.of_kind("box")[0]
    assert (box.number, box.title, box.parent.eid) == ("專欄1", "社會救助服務能力提升工程", "chp_2")  # line 475


def test_measures_have_title_sentences_and_parents(parsed) -> None:
    m1 = parsed["001_e6d1326eb6e5ef17.txt"].measures
    assert (m1[0].heading, m1[0].parent.title, m1[0].eid) == (  # line 283
        "健全防止返贫动态监测和帮扶机制。", "推动巩固拓展脱贫攻坚兜底保障成果同乡村振兴有效衔接", "chp_2__sec_1__para_1")
    assert m1[4].heading == "完善基本生活救助制度。"  # line 290
    m2 = parsed["002_1d4cc66293008ec4.txt"].measures
    assert (m2[0].heading, m2[0].parent.title) == ("", "鞏固拓展脫貧攻堅兜底保障成果")  # untitled, lines 451-453
    assert m2[0].text.startswith("充分發揮社會救助政策的兜底保障作用")
    m4 = parsed["004_816c855b418fc27c.txt"].measures
    assert [(m.number, m.heading) for m in (m4[0], m4[-1])] == [
        ("(一)", "持续推动学习贯彻习近平新时代中国特色社会主义思想。"),  # line 3
        ("(四十)", "加强全市民政系统干部队伍建设。")]  # line 49
    m0 = parsed["000_7c45746ca5003da4.txt"].measures
    assert m0[0].heading == "搭建城乡大养老服务体系。" and m0[0].parent is None  # line 267: headings were lost


def test_safeguard_chapters_type_their_measures(parsed) -> None:
    safeguards = {name: sum(m.safeguard for m in doc.measures) for name, doc in parsed.items()}
    # 001 第六章 强化实施保障 (17 titled paragraphs, lines 506-540); 002 第十一章 全力保障規劃順利實施 (7 節);
    # 003 第五章 保障举措 (4 items); 000 lost its headings and 004 has no such part
    assert safeguards == {"000_7c45746ca5003da4.txt": 0, "001_e6d1326eb6e5ef17.txt": 17, "002_1d4cc66293008ec4.txt": 7,
                          "003_1530986ba0a39128.txt": 4, "004_816c855b418fc27c.txt": 0}


def test_box_items_are_projects_not_measures(parsed) -> None:
    doc = parsed["001_e6d1326eb6e5ef17.txt"]
    items = [p for p in doc.projects if p.box is not None and p.box.number == "专栏5"]
    # lines 495-500: 6 items; 6.提升应急救援能力 is a project, while line 471 is the measure of the same name
    assert [p.number for p in items] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert items[5].title == "提升应急救援能力"
    assert any(m.heading == "提升应急救援能力。" for m in doc.measures)
    box0 = [p for p in parsed["000_7c45746ca5003da4.txt"].projects if p.box is not None]
    assert [p.title for p in box0[:2]] == ["提升基层社会救助经办服务能力", "流浪乞讨人员救助管理设施建设工程"]  # 265-266


def test_quantified_undertakings_inside_measures(parsed) -> None:
    projects = [p for p in parsed["004_816c855b418fc27c.txt"].projects if p.box is None]
    # line 16, item (十二)
    assert [(p.title, p.quantities[0].value, p.quantities[0].unit) for p in projects] == [
        ("新建风采长者饭堂6间", 6.0, "间"), ("新建农村居家养老服务“幸福计划”项目试点5个", 5.0, "个")]
    assert projects[0].measure.number == "(十二)"
    in_000 = [p.title for p in parsed["000_7c45746ca5003da4.txt"].projects if p.box is None]
    assert "创建至少5个广西级老年人宜居社区" in in_000  # 000:273, the object follows the number
    assert "建成 1个资源充足、功能完备、布局合理、设施齐全、服务专业、管理规范的未成年人保护中心" in in_000  # 000:308
    assert not [t for t in in_000 if "旅居养老服务达5000张" in t]  # 000:276 "…等设立的…": a target, not an undertaking
    in_003 = [p.title for p in parsed["003_1530986ba0a39128.txt"].projects if p.box is None]
    assert in_003 == ["新增取得职业技能等级证书的养老护理员不少于2000名"]  # 003:552; 按每百户… is a standard, 已建成 is done
    station = next(p for p in parsed["002_1d4cc66293008ec4.txt"].projects if p.title == "救助管理站建設工程")
    assert [(q.value, q.unit, q.qualifier) for q in station.quantities] == [(10.0, "個", ""), (390.0, "張", "以上")]


def test_citations_and_declared_parents(parsed) -> None:
    cites = parsed["001_e6d1326eb6e5ef17.txt"].citations
    basis = [c.title for c in cites if c.basis]
    # line 23: 依据《辽宁省…纲要》和国家《“十四五”民政事业发展规划》,编制《辽宁省民政事业发展第十四个五年规划》
    assert basis == ["辽宁省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要", "“十四五”民政事业发展规划"]
    assert "辽宁省民政事业发展第十四个五年规划" not in {c.title for c in cites}  # the plan naming itself
    basis2 = [c.title for c in parsed["002_1d4cc66293008ec4.txt"].citations if c.basis]
    assert basis2 == ["湖南省十四五民政事業發展規劃", "懷化市國民經濟和社會發展第十四個五年規劃和二O三五年遠景目標綱要"]  # line 7
    assert len(parsed["004_816c855b418fc27c.txt"].citations) == 9  # 9 《》 marks in 004
