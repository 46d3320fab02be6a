"""The facts a reader sees first (title, date, issuers, region) in real documents of forms the fixtures lack.

Each test reads a short excerpt of a real government document in tests/fixtures/sweep, byte for byte as its public
source has it save for the parts left out (whole lines, paragraphs or items); its README names each source.
"""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.pipeline import parse_document

SWEEP = Path(__file__).parent / "fixtures" / "sweep"  # sources in its README.md


def test_a_public_notice_is_titled_by_its_kind_and_its_bodies_are_the_title_s() -> None:
    """关于…的通告 is an official document's title as 关于…的通知 is; the bodies it opens with place it in 上海市,
    where its signature names them by their short names (市交通委). No genre of plan is claimed for it."""
    doc, region = parse_document(SWEEP / "bus_lane_notice_2023.md")
    meta = doc.metadata
    assert meta.title is not None and meta.title.span is not None
    assert meta.title.value == "上海市交通委员会、上海市公安局关于71路中运量西延伸公交线路实行专用车道管理的通告"
    assert meta.title.span.quote == meta.title.value
    assert [f.value for f in meta.issuers] == ["市交通委", "市公安局"]
    assert meta.doc_type is None
    assert region is not None and region.code == "310000"
    assert (meta.date.value, meta.date.span.quote) == ("2023-05-10", "2023年5月10日")


def test_a_letter_is_titled_by_its_kind() -> None:
    """关于…的函 is the title of a 函 (a bureau's letter arranging the year's work), with no genre of plan. The page
    names the bureau among its facts and the letter again above its title: one issuer."""
    doc, _ = parse_document(SWEEP / "sponge_city_letter_2024.md")
    meta = doc.metadata
    assert meta.title is not None and meta.title.span is not None
    assert (meta.title.value, meta.title.span.quote) == ("关于开展2024年本市海绵城市建设工作的函",) * 2
    assert meta.doc_type is None
    assert meta.doc_number is not None and meta.doc_number.value == "沪建综规〔2024〕61号"
    assert [f.value for f in meta.issuers] == ["上海市住房和城乡建设管理委员会"]  # the page's fact, then above the title


def test_a_ministry_page_s_menu_and_source_field_are_not_the_document_s() -> None:
    """The menu's 政策 and 通知 name no document. The page lists the notice by its title with its 文号, no part of the
    title; the document's own title, wrapped over two lines below, opens with its issuers. 来源： with 运行局 on the
    next line is the page's field (the office that posted it), not a body issuing the notice: central bodies issue
    it, and place it in the nation. The page's link to 《关于做好…的通知》 names the notice itself, no citation."""
    doc, region = parse_document(SWEEP / "power_contracts_notice_2020.txt")
    meta = doc.metadata
    assert meta.title is not None and meta.title.span is not None
    assert meta.title.value == "国家发展改革委 国家能源局关于做好2021年电力中长期合同签订工作的通知"
    assert meta.title.span.quote == "国家发展改革委 国家能源局关于做好\n2021年电力中长期合同签订工作的通知"
    assert doc.citations == []
    assert meta.doc_number is not None and meta.doc_number.value == "发改运行〔2020〕1784号"
    assert [f.value for f in meta.issuers] == ["国家发展改革委", "国家能源局"]
    assert ("page metadata", "运行局") in {(d.reason, d.span.quote) for d in doc.dropped}
    assert region is not None and region.code == "000000"
    assert (meta.date.value, meta.date.span.quote) == ("2020-11-25", "2020年11月25日")


def test_a_signature_broken_inside_a_name_is_the_whole_name() -> None:
    """国家发 / 展改革委 is one signature, 国家发展改革委, not a body called 展改革委 (the page's listing of the title,
    the only title in this excerpt, names no body)."""
    doc, _ = parse_document(SWEEP / "grid_planning_notice_2020_signature.txt")
    assert [f.value for f in doc.metadata.issuers] == ["国家发展改革委", "国家能源局"]
    assert doc.metadata.issuers[0].span is not None and doc.metadata.issuers[0].span.quote == "国家发\n展改革委"


def test_a_signature_run_into_its_date_dates_the_notice() -> None:
    """平潭综合实验区综合执法与应急管理局2022年8月4日, the notice's signature and date with no break between them, is
    the document's date, not the day the page was published (2022-08-05)."""
    doc, _ = parse_document(SWEEP / "safety_inspection_plan_2022.txt")
    meta = doc.metadata
    assert (meta.date.value, meta.date.span.quote) == ("2022-08-04", "2022年8月4日")
    assert meta.notice is not None and meta.notice.date is not None and meta.notice.date.value == "2022-08-04"
    assert [f.value for f in meta.notice.issuers] == ["平潭综合实验区综合执法与应急管理局"]
    assert meta.title is not None and meta.title.value == "平潭综合实验区综合执法与应急管理局2022年度监督检查工作计划"
    assert (meta.doc_type.value, meta.period.value) == ("annual", "2022")


def test_a_signature_run_into_a_paragraph_dates_the_document() -> None:
    """The crawler ran the notice into one paragraph, its signature and date after the attachment it lists:
    …（闽政办〔2012〕99号）平潭综合实验区管委会办公室2012年7月18日. That date is the document's, not the day the page
    was published (2012-09-04)."""
    doc, _ = parse_document(SWEEP / "open_gov_arrangement_notice_2012.txt")
    meta = doc.metadata
    assert (meta.date.value, meta.date.span.quote) == ("2012-07-18", "2012年7月18日")
    assert [f.value for f in meta.issuers] == ["平潭综合实验区管委会办公室"]


def test_a_district_named_by_a_common_word_is_not_read_inside_words() -> None:
    """The report speaks of its own district (全区), and 其中区城发集团 (of which the zone's 城发集团) does not name 中区
    (a district of 台中市): 中区, 城区, 东区 … are words too, and count only where the text names the region they lie
    in. The report is 平潭综合实验区's, a zone GB/T 2260 does not list, of 福建省 by the zone table: its title's."""
    doc, region = parse_document(SWEEP / "state_assets_report_2022.txt")
    assert region is not None and (region.name, region.level, region.key) == ("平潭综合实验区", "zone", "zone-2238cae3f270f2a3")
    assert region.parent is not None and region.parent.code == "350000"
    fact = doc.metadata.region
    assert fact is not None and fact.span is not None and (fact.value, fact.span.start) == ("平潭综合实验区", 4)


def test_a_notice_issuing_a_body_s_work_ideas_for_the_year() -> None:
    """工作思路 (a body's ideas of work for the year) is an annual work plan; the notice issuing it names it without
    《》 (关于印发2016年工作思路的通知), so the plan's own title line is the title, and its year the period."""
    doc, _ = parse_document(SWEEP / "market_regulation_work_ideas_2016.txt")
    meta = doc.metadata
    assert meta.notice is not None and meta.notice.title.value == "平潭综合实验区市场监督管理局关于印发2016年工作思路的通知"
    assert meta.title is not None and meta.title.value == "平潭综合实验区市场监督管理局2016年工作思路"
    assert (meta.doc_type.value, meta.period.value, meta.date.value) == ("annual", "2016", "2016-01-19")


def test_a_year_written_without_nian_before_the_work_plan_is_its_period() -> None:
    """海坛片区管理局2022工作计划: the year before 工作计划 with no 年 is the plan's year all the same."""
    doc, region = parse_document(SWEEP / "haitan_work_plan_2022.txt")
    meta = doc.metadata
    assert meta.title is not None and meta.title.value == "海坛片区管理局2022工作计划"
    assert (meta.doc_type.value, meta.period.value) == ("annual", "2022")
    # the title names the 片区 alone; its issuer, 平潭综合实验区海坛片区管理局, names it inside its zone
    assert region is not None and (region.name, region.level, region.key) == (
        "平潭综合实验区海坛片区",
        "zone-area",
        "zone-7edc3da7a4c82836",
    )
    assert region.parent is not None and (region.parent.name, region.parent.level) == ("平潭综合实验区", "zone")


def test_a_text_naming_its_zone_and_speaking_of_itself_as_a_district_is_the_zone_s() -> None:
    """The announcement's title and page name no place and its issuer is not read, but it speaks of 平潭综合实验区内
    市场主体 and of companies 在我区注册登记: the zone of the table that it names, as it names no division."""
    doc, region = parse_document(SWEEP / "license_exchange_announcement_2015.txt")
    assert region is not None and (region.name, region.key) == ("平潭综合实验区", "zone-2238cae3f270f2a3")
    fact = doc.metadata.region
    assert fact is not None and fact.span is not None and (fact.value, fact.span.start) == ("平潭综合实验区", 469)
    assert doc.source.text[469:476] == "平潭综合实验区"


def test_a_site_named_as_the_page_s_publisher_is_no_issuer() -> None:
    """The page's 发布机构 is 中国平潭, the portal's name, not a body's; the announcement's signature (平潭综合实验区市场
    监督管理局 2015年11月11) has a date without its day's 日 and is not read: no issuer is stated, and none is invented."""
    doc, _ = parse_document(SWEEP / "license_exchange_announcement_2015.txt")
    meta = doc.metadata
    assert meta.title is not None and meta.title.value == "关于开展市场主体换照工作的通告"
    assert meta.issuers == []
    assert meta.date is not None and meta.date.value == "2015-11-12"  # the page's 发布时间, the text's date being cut


def test_an_administrative_committee_is_a_body() -> None:
    """管委会 (管理委员会) is an organ as 委员会 is: the work report's issuer is the body it is delivered for, 我代表平潭
    综合实验区管委会，向大会报告工作, as well as the page's 发布机构."""
    doc, _ = parse_document(SWEEP.parent / "real" / "017_pingtan_government_work_report_2024.txt")
    (issuer,) = doc.metadata.issuers
    assert issuer.value == "平潭综合实验区管委会" and issuer.span is not None
    assert doc.source.text[issuer.span.start - 3 : issuer.span.end + 1] == "我代表平潭综合实验区管委会，"


def test_a_year_a_report_looks_back_on_is_no_horizon() -> None:
    """至2022年底，各区属国企累计已减免… (by the end of 2022, … had been waived) states what a report of 2023 looks back
    on, not a year it sets targets for: no period is claimed for it."""
    doc, _ = parse_document(SWEEP / "state_assets_report_2022.txt")
    assert doc.metadata.date is not None and doc.metadata.date.value == "2023-12-15"  # the page's: the text has none
    assert doc.metadata.period is None


def test_a_doc_number_a_page_spaced_out_is_the_number() -> None:
    """The index's front matter writes the 通告's 文号 with a space before its bracket (沪交道运 〔2023〕328号): it is
    the number all the same, written without the space, its span the number as written."""
    doc, _ = parse_document(SWEEP / "bus_lane_notice_2023.md")
    number = doc.metadata.doc_number
    assert number is not None and number.span is not None
    assert (number.value, number.span.quote) == ("沪交道运〔2023〕328号", "沪交道运 〔2023〕328号")
