"""Document structure, measures, projects and citations of each corpus document, against the text."""

from __future__ import annotations

import pytest

from plankg.loaders.records import line_at

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
    got = (
        len(doc.of_kind("chapter")),
        len(doc.of_kind("section")),
        len(doc.of_kind("box")),
        len(doc.indicators),
        len(box_items),
        len(doc.measures),
    )
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
        "第一節",
        "發展基礎",
        "懷化民政事業發展邁入新階段",
    )  # lines 9, 11
    last = doc.of_kind("chapter")[-1]
    assert (last.number, last.title, last.eid) == ("第十一章", "全力保障規劃順利實施", "chp_11")  # line 725
    box = doc.of_kind("box")[0]
    assert (box.number, box.title, box.parent.eid) == ("專欄1", "社會救助服務能力提升工程", "chp_2")  # line 475


def test_measures_have_title_sentences_and_parents(parsed) -> None:
    m1 = parsed["001_e6d1326eb6e5ef17.txt"].measures
    assert (m1[0].heading, m1[0].parent.title, m1[0].eid) == (  # line 283
        "健全防止返贫动态监测和帮扶机制。",
        "推动巩固拓展脱贫攻坚兜底保障成果同乡村振兴有效衔接",
        "chp_2__sec_1__para_1",
    )
    assert m1[4].heading == "完善基本生活救助制度。"  # line 290
    m2 = parsed["002_1d4cc66293008ec4.txt"].measures
    assert (m2[0].heading, m2[0].parent.title) == ("", "鞏固拓展脫貧攻堅兜底保障成果")  # untitled, lines 451-453
    assert m2[0].text.startswith("充分發揮社會救助政策的兜底保障作用")
    m4 = parsed["004_816c855b418fc27c.txt"].measures
    assert [(m.number, m.heading) for m in (m4[0], m4[-1])] == [
        ("(一)", "持续推动学习贯彻习近平新时代中国特色社会主义思想。"),  # line 3
        ("(四十)", "加强全市民政系统干部队伍建设。"),
    ]  # line 49
    m0 = parsed["000_7c45746ca5003da4.txt"].measures
    assert m0[0].heading == "搭建城乡大养老服务体系。" and m0[0].parent is None  # line 267: headings were lost


def test_safeguard_chapters_type_their_measures(parsed) -> None:
    safeguards = {name: sum(m.safeguard for m in doc.measures) for name, doc in parsed.items()}
    # 001 第六章 强化实施保障 (17 titled paragraphs, lines 506-540); 002 第十一章 全力保障規劃順利實施 (7 節);
    # 003 第五章 保障举措 (4 items); 000 lost its headings and 004 has no such part
    assert safeguards == {
        "000_7c45746ca5003da4.txt": 0,
        "001_e6d1326eb6e5ef17.txt": 17,
        "002_1d4cc66293008ec4.txt": 7,
        "003_1530986ba0a39128.txt": 4,
        "004_816c855b418fc27c.txt": 0,
    }


def test_box_items_are_projects_not_measures(parsed) -> None:
    doc = parsed["001_e6d1326eb6e5ef17.txt"]
    items = [p for p in doc.projects if p.box is not None and p.box.number == "专栏5"]
    # lines 495-500: 6 items; 6.提升应急救援能力 is a project, while line 471 is the measure of the same name
    assert [p.number for p in items] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert items[5].title == "提升应急救援能力"
    assert any(m.heading == "提升应急救援能力。" for m in doc.measures)
    box0 = [p for p in parsed["000_7c45746ca5003da4.txt"].projects if p.box is not None]
    assert [p.title for p in box0[:2]] == ["提升基层社会救助经办服务能力", "流浪乞讨人员救助管理设施建设工程"]  # 265-266


def test_text_after_a_box_goes_on_with_the_section_the_box_interrupts(parsed) -> None:
    """001: 专栏6 (line 541, items 543-544) stands inside 第六节 完善规划实施、监测、评估机制 (line 535); the three
    paragraphs after it (546-548: 各级民政部门要强化主体责任…开展监测评估…) are that section's text, going on
    from its last measure 加强规划实施督导 (line 539), not a conclusion of the whole chapter."""
    doc = parsed["001_e6d1326eb6e5ef17.txt"]
    text = doc.source.text
    after = [p for p in doc.passages if line_at(text, p.span.start) in (546, 547, 548)]
    assert [p.text[:10] for p in after] == ["各级民政部门要强化主", "各级发展改革部门要立", "确需对本规划的重大目"]
    assert {p.kind for p in after} == {"continuation"}
    section = next(h for h in doc.of_kind("section") if h.title == "完善规划实施、监测、评估机制")
    assert line_at(text, section.span.start) == 535
    assert all(p.parent is section for p in after)
    assert {p.item.heading for p in after if p.item is not None} == {"加强规划实施督导。"}
    assert [p.eid for p in after] == [f"chp_6__sec_6__para_3__cont_{n}" for n in (1, 2, 3)]


def undertakings(doc) -> list[tuple[int, str, float, str, str]]:
    """(line, title, count, unit, qualifier) of the quantified undertakings inside a document's measures."""
    return [
        (line_at(doc.source.text, p.span.start), p.title, p.quantities[0].value, p.quantities[0].unit, p.quantities[0].qualifier)
        for p in doc.projects
        if p.box is None
    ]


def test_quantified_undertakings_inside_measures(parsed) -> None:
    doc = parsed["004_816c855b418fc27c.txt"]
    assert undertakings(doc) == [
        (14, "开展2期市级养老护理员培训", 2.0, "期", ""),  # item (十): …计划安排市级资金开展2期市级养老护理员培训
        (16, "新建风采长者饭堂6间", 6.0, "间", ""),  # item (十二)
        (16, "新建农村居家养老服务“幸福计划”项目试点5个", 5.0, "个", ""),
    ]
    assert [p.measure.number for p in doc.projects if p.box is None] == ["(十)", "(十二)", "(十二)"]
    assert undertakings(parsed["000_7c45746ca5003da4.txt"]) == [
        (268, "打造2个自治区级智慧养老机构试点", 2.0, "个", ""),  # 到2025年,至少打造2个…试点
        (268, "新增等级养老机构10家以上", 10.0, "家", "以上"),
        (273, "创建至少5个广西级老年人宜居社区", 5.0, "个", ""),  # the object follows the number
        (279, "开展养老人员培训6000人次以上", 6000.0, "人次", "以上"),  # 通过线上、线下多种渠道开展养老人员培训…
        (297, "培育市级社会组织不少于10个", 10.0, "个", ""),
        (308, "建成 1个资源充足、功能完备、布局合理、设施齐全、服务专业、管理规范的未成年人保护中心", 1.0, "个", ""),
        (325, "建成1家公益性公墓", 1.0, "家", ""),  # 每个设区市和每个县(市)至少建成1家公益性公墓
    ]
    # 000:276 "…等设立的旅居养老服务达5000张" is a target, not an undertaking; 000:283 "每年开展2次以上集中演练"
    # is a frequency; 000:297 "支持引导100个社会组织参与…" names no undertaking of building or training
    assert undertakings(parsed["001_e6d1326eb6e5ef17.txt"]) == [
        (308, "培育2家以上儿童福利机构高质量发展示范单位", 2.0, "家", "以上"),  # 推动培育2家以上…
        (484, "培育培训8万名养老护理员", 8.0, "万名", ""),  # 到2022年底,培育培训8万名养老护理员 (object kept)
    ]
    assert undertakings(parsed["002_1d4cc66293008ec4.txt"]) == [
        (493, "新建及改擴建惠民養老工程21個", 21.0, "個", ""),
        (493, "新增床位6200張以上", 6200.0, "張", "以上"),
        # one verb, a list of four counts: 每年培訓100名以上職業經理人、500名以上…,350名以上…和220名以上…
        (497, "支持10個老舊小區建設養老服務設施", 10.0, "個", ""),  # 每年支持10個老舊小區建設養老服務設施
        (513, "培訓100名以上職業經理人", 100.0, "名", "以上"),
        (513, "培訓500名以上專業養老護理員", 500.0, "名", "以上"),
        (513, "培訓350名以上專(兼)職老年社會工作者", 350.0, "名", "以上"),
        (513, "培訓220名以上養老機構營養師或營養指導員", 220.0, "名", "以上"),
        (601, "重點支持28個基本殯葬服務項目建設", 28.0, "個", ""),
        (651, "新建慈善超市28個", 28.0, "個", ""),
        # 在全市建設5個社工工作優良縣市區、30個五星級鄉鎮(街道)社工站、100個五星級村(社區)社工室
        (655, "建設5個社工工作優良縣市區", 5.0, "個", ""),
        (655, "建設30個五星級鄉鎮(街道)社工站", 30.0, "個", ""),
        (655, "建設100個五星級村(社區)社工室", 100.0, "個", ""),
    ]
    listed = [p for p in parsed["002_1d4cc66293008ec4.txt"].projects if p.box is None and p.span.quote[0].isdigit()]
    # a listed item spans its own count and object; its title names the verb that governs the list
    assert [p.span.quote for p in listed] == [
        "500名以上專業養老護理員",
        "350名以上專(兼)職老年社會工作者",
        "220名以上養老機構營養師或營養指導員",
        "30個五星級鄉鎮(街道)社工站",
        "100個五星級村(社區)社工室",
    ]
    assert undertakings(parsed["003_1530986ba0a39128.txt"]) == [
        (552, "建成600张以上", 600.0, "张", "以上"),  # …全面推广家庭养老照护床位,…到2025年底建成600张以上
        (554, "新增取得职业技能等级证书的养老护理员不少于2000名", 2000.0, "名", ""),
        (554, "培训养老护理员不少于2万人次", 2.0, "万人次", ""),
    ]  # 003:552 按每百户… is a standard, 已建成的住宅区 is done
    assert not [t for _, t, *_ in undertakings(parsed["000_7c45746ca5003da4.txt"]) if "旅居养老服务达5000张" in t]
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
