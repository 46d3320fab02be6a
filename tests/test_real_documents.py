"""Real documents plankg was not built on, and every fixture under tests/fixtures, load and are read as written.

The expected values are the hand counts of tests/fixtures/real/FACTS.md (file, line, exact text); line numbers
are lines of the decoded text, as `line_at` counts them. The command is run as a user runs it, one document
per build, and the five bundled seeds are built once more without their sidecars.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from plankg.loaders.extract import extract_citations
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Heading, ParsedDocument, Span, line_at
from plankg.loaders.regions import ancestry
from plankg.loading.documents import bundled_corpus

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
REAL = FIXTURES / "real"
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
NOT_DOCUMENTS = {"MANIFEST.md", "FACTS.md", "README.md"}


def documents_under(root: Path) -> list[Path]:
    """Every document file below root: the fixtures' notes and sidecars are not documents."""
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and p.name not in NOT_DOCUMENTS
    )


# Refused by design: a news item (tests/fixtures/genres/README.md); a notice published without the plan it issues
# (tests/fixtures/notices/README.md).
REFUSED = {"news_item.txt", "transport_safety_plan_2024_notice_only.md"}
FIXTURE_DOCUMENTS = [p for p in documents_under(FIXTURES) if "parent_chain" not in p.parts and p.name not in REFUSED]


def plankg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("path", FIXTURE_DOCUMENTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_real_document_and_fixture_builds(path: Path, tmp_path: Path) -> None:
    result = plankg("build", str(path), "--store", str(tmp_path / "store"), "--no-views", "--no-lineage")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "loaded 1 of 1 document\n" in result.stdout
    assert "conforms, 0 violations" in result.stdout, result.stdout[-2000:]


def test_the_five_seeds_load_without_their_sidecars(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(bundled_corpus().glob("*.txt")):
        shutil.copyfile(path, seeds / path.name)
    assert not list(seeds.glob("*.meta.json"))
    result = plankg("build", str(seeds), "--store", str(tmp_path / "store"), "--no-views", "--no-lineage")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "loaded 5 of 5 documents" in result.stdout


# ---- facts of the real documents (FACTS.md), read from the parsed records ----------------------------------

TITLES = {  # the plan's own title (for a notice that issues a document, the issued document's), and its line
    "001_zhongyang_14th_fyp_proposal.txt": ("中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议", 1),
    "002_xiangcun_zhenxing_opinion_2018.txt": ("中共中央 国务院关于实施乡村振兴战略的意见", 1),
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": ("关于推进嘉定区城市更新工作的实施意见", 26),
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": (
        "关于推进上海杨浦生活秀带国家文物保护利用示范区长效建设加强工业遗产保护传承活化利用的若干举措",
        26,
    ),
    "005_shanghai_chongming_city_checkup_workplan_2021.md": ("2021年崇明区城市体检工作方案", 26),
    "006_shanghai_zhelin_town_heritage_plan_2023.md": ("柘林镇文物保护规划", 24),
    "007_shanghai_transport_refined_management_action_plan_2024.md": ("上海市交通领域精细化管理工作方案（2024-2026年）", 28),
    "008_guobanfa_2018_123_gov_new_media_opinion.html": ("国务院办公厅关于推进政务新媒体健康有序发展的意见", None),
    "009_shanghai_sponge_city_opinion_2024.md": ("本市系统化全域推进海绵城市建设的实施意见", 26),
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": ("黄浦区可再生能源发展行动方案", 40),
    "011_sichuan_new_energy_price_reform_plan_2025.html": ("四川省深化新能源上网电价市场化改革实施方案", None),
    "012_pingtan_yacht_tourism_measures_2023.txt": ("平潭综合实验区加快游艇旅游业发展的若干措施", 10),
    "013_pingtan_suping_work_plan_2022.txt": ("平潭综合实验区苏平片区管理局2022年度工作计划", 10),
    # the page's 标题: the body repeats none
    "016_pingtan_14th_fyp_outline_2021.txt": ("平潭综合实验区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", 1),
    # the body's own title, run into its subtitle (—2024年1月18日在…会议上); the page's 标题 is 政府工作报告（2024）
    "017_pingtan_government_work_report_2024.txt": ("平潭综合实验区管委会工作报告", 10),
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": (
        "平潭综合实验区君山片区管理局2024年工作总结及2025年工作计划",
        1,
    ),  # the page's 标题
    "019_shanghai_changning_15th_fyp_outline_2026.md": (
        "上海市长宁区国民经济和社会发展第十五个五年规划纲要",
        16,
    ),  # in 《》 on the page
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": ("闵行区城市更新“十五五”规划", 25),
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": (
        "黄浦区城市更新“十五五”规划",
        28,
    ),  # the notice names it 印发 《…》, a space before the 《
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": (
        "平潭综合实验区社会事业局关于2022年法治工作情况暨2023年工作要点的报告",
        None,
    ),  # a 关于…的报告 of a bureau
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": ("福州市地方税务局关于加强2013年国际税收管理工作的通知", 10),
    "025_chongqing_ncv_industry_policy_measures_2025.html": (
        "重庆市支持智能网联新能源商用车产业发展政策措施（2025—2027年）",
        None,
    ),
    # after the notice's signature run into it (市场监管总局2022年7月29日（此件公开发布）“十四五”…)
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": ("“十四五”认证认可检验检测发展规划", 10),
    # three centred lines: …先行区 / 暂时调整实施《…管理法 / 实施条例》有关规定的决定
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": (
        "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
        None,
    ),
    # the title the forwarded notice names, after its signature run into it (…2022年7月19日“十四五”矿山安全生产规划为…)
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": ("“十四五”矿山安全生产规划", 10),
    # as the page's breadcrumb gives it (line 10) before the title set on two lines (…计划执行 情况及…)
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": (
        "关于平潭县2016年国民经济和社会发展计划执行情况及2017年国民经济和社会发展计划(草案)的报告",
        10,
    ),
    # the body's title (line 10: its breadcrumb, then the title set on lines of its own, run together), as the page's 标题
    "031_pingtan_14th_fyp_proposal_2021.txt": (
        "中共福建省委平潭综合实验区工作委员会关于制定平潭综合实验区国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
        10,
    ),
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": (
        "上海市城市更新和住房发展“十五五”规划",
        26,
    ),  # the plan's own title line after the notice
}

DATES = {  # ISO date and the line it is written on
    "001_zhongyang_14th_fyp_proposal.txt": ("2020-10-29", 3),
    "002_xiangcun_zhenxing_opinion_2018.txt": ("2018-01-02", 2),
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": ("2023-07-17", 24),
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": ("2023-10-23", 24),
    "005_shanghai_chongming_city_checkup_workplan_2021.md": ("2021-09-09", 22),
    "006_shanghai_zhelin_town_heritage_plan_2023.md": ("2023-10-13", 98),
    "007_shanghai_transport_refined_management_action_plan_2024.md": ("2024-12-31", 26),
    "008_guobanfa_2018_123_gov_new_media_opinion.html": ("2018-12-07", None),
    "009_shanghai_sponge_city_opinion_2024.md": ("2024-02-04", 24),
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": ("2025-02-24", 38),
    "011_sichuan_new_energy_price_reform_plan_2025.html": ("2025-09-29", None),
    "012_pingtan_yacht_tourism_measures_2023.txt": ("2023-11-03", 10),
    "013_pingtan_suping_work_plan_2022.txt": ("2021-12-31", 2),  # the page's 发布时间: the text has no date
    "016_pingtan_14th_fyp_outline_2021.txt": ("2021-12-02", 2),  # the same
    "017_pingtan_government_work_report_2024.txt": (
        "2024-01-18",
        10,
    ),  # the day it was delivered (its subtitle), not the page's 发布时间 2024-01-22
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": ("2025-09-18", 2),  # the page's 发布时间: the text has no date
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": ("2026-07-28", 23),
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": ("2026-07-02", 26),
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": ("2023-03-31", None),  # the page's PubDate
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": ("2013-02-25", 10),  # the signature's
    "025_chongqing_ncv_industry_policy_measures_2025.html": ("2025-12-30", None),  # the signature's, the page's PubDate too
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": (
        "2022-07-29",
        None,
    ),  # the signature's 2022年7月29日 (line 10), the page's 发布时间 too
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": (
        "2018-12-21",
        None,
    ),  # 成文日期 and the signature; published 2018-12-29
    # the forwarded notice's signature; not the relay's (2022年11月4日), nor the page's 发布时间
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": ("2022-07-19", 10),
    # the day it was delivered (-2017年1月10日在平潭县第十七届人民代表大会第一次会议上), not the page's 发布时间 2017-05-24
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": ("2017-01-10", 10),
    # adopted (〔二〇二一年一月十五日…会议通过〕 under the title, the year in words), not the page's 发布时间 2021-01-25
    "031_pingtan_14th_fyp_proposal_2021.txt": ("2021-01-15", 10),
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": (
        "2026-07-24",
        24,
    ),  # under the signature; the front matter's 发布日期 is 2026-07-28
}

DOC_NUMBERS = {
    "001_zhongyang_14th_fyp_proposal.txt": None,
    "002_xiangcun_zhenxing_opinion_2018.txt": None,
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": "嘉府发〔2023〕20号",
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": "杨府发〔2023〕10号",
    "005_shanghai_chongming_city_checkup_workplan_2021.md": "沪崇府办发〔2021〕20号",
    "006_shanghai_zhelin_town_heritage_plan_2023.md": "奉柘府〔2023〕21号",
    "007_shanghai_transport_refined_management_action_plan_2024.md": "沪交设养〔2024〕1025号",
    "008_guobanfa_2018_123_gov_new_media_opinion.html": "国办发〔2018〕123号",
    "009_shanghai_sponge_city_opinion_2024.md": "沪府办发〔2024〕3号",
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": "黄发改委办〔2025〕5号",
    "011_sichuan_new_energy_price_reform_plan_2025.html": "川发改价格〔2025〕480号",
    "012_pingtan_yacht_tourism_measures_2023.txt": None,
    "013_pingtan_suping_work_plan_2022.txt": None,
    "016_pingtan_14th_fyp_outline_2021.txt": None,
    "017_pingtan_government_work_report_2024.txt": None,
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": None,
    "019_shanghai_changning_15th_fyp_outline_2026.md": None,
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": "闵府发〔2026〕26号",
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": "黄府办发〔2026〕12号",  # the page's 文号: the notice states none
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": None,
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": "榕地税〔2013〕42号",
    "025_chongqing_ncv_industry_policy_measures_2025.html": "渝经信规范〔2025〕13号",
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": None,  # the page's 文号 is empty
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": "国发〔2018〕43号",
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": "应急〔2022〕64号",  # the forwarded notice's; the relay has none
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": None,  # a report to a congress has none
    "031_pingtan_14th_fyp_proposal_2021.txt": None,  # a party committee's proposal adopted by its meeting has none
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": "沪府办发〔2026〕15号",  # the front matter's: the notice states none
}

ISSUERS = {
    "001_zhongyang_14th_fyp_proposal.txt": {"中共中央", "中国共产党第十九届中央委员会第五次全体会议"},
    "002_xiangcun_zhenxing_opinion_2018.txt": {"中共中央", "国务院"},
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": {"上海市嘉定区人民政府"},
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": {"上海市杨浦区人民政府"},
    "005_shanghai_chongming_city_checkup_workplan_2021.md": {"上海市崇明区人民政府办公室"},
    "006_shanghai_zhelin_town_heritage_plan_2023.md": {"上海市奉贤区柘林镇人民政府"},
    "007_shanghai_transport_refined_management_action_plan_2024.md": {"上海市交通委员会"},
    "008_guobanfa_2018_123_gov_new_media_opinion.html": {"国务院办公厅"},
    "009_shanghai_sponge_city_opinion_2024.md": {"上海市人民政府办公厅"},
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": {
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
    },
    "011_sichuan_new_energy_price_reform_plan_2025.html": {"四川省发展和改革委员会", "四川省能源局"},
    "012_pingtan_yacht_tourism_measures_2023.txt": {"平潭综合实验区管委会办公室"},
    "013_pingtan_suping_work_plan_2022.txt": {"平潭综合实验区苏平片区管理局"},
    "016_pingtan_14th_fyp_outline_2021.txt": {"平潭综合实验区经济发展局"},  # the page's 发布机构: the text is not signed
    "017_pingtan_government_work_report_2024.txt": {
        "平潭综合实验区管委会"
    },  # 我代表平潭综合实验区管委会，向大会报告工作; the page's 发布机构
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": {"平潭综合实验区君山片区管理局"},  # the page's 发布机构
    "019_shanghai_changning_15th_fyp_outline_2026.md": set(),  # not signed; the front matter's 发布单位 is the repository's index
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": {"闵行区人民政府"},
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": {"上海市黄浦区人民政府办公室"},
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": {"平潭综合实验区社会事业局"},  # title, ContentSource
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": {"福州市地方税务局"},  # not the site
    # five bodies, a party office and a central agency's local branch among them
    "025_chongqing_ncv_industry_policy_measures_2025.html": {
        "重庆市经济和信息化委员会",
        "重庆市财政局",
        "中共重庆市委金融委员会办公室",
        "国家金融监督管理总局重庆监管局",
        "重庆市商务委员会",
    },
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": {
        "市场监管总局"
    },  # the page's 标题 and the signature; not the 发布机构 that republished it
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": {"国务院"},
    # the forwarded notice's two bodies (title and signature), not the zone's office that relayed it
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": {"应急管理部", "国家矿山安全监察局"},
    # 受平潭县人民政府的委托，我向大会作…: the county government's report, delivered by its bureau's head; not the 发布机构
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": {"平潭县人民政府"},
    "031_pingtan_14th_fyp_proposal_2021.txt": {"中共福建省委平潭综合实验区工作委员会"},
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": {"上海市人民政府办公厅"},
}

DOC_TYPES = {
    "001_zhongyang_14th_fyp_proposal.txt": "proposal",
    "002_xiangcun_zhenxing_opinion_2018.txt": "opinion",
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": "opinion",
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": "measures",
    "006_shanghai_zhelin_town_heritage_plan_2023.md": "special-plan",
    "008_guobanfa_2018_123_gov_new_media_opinion.html": "opinion",
    "009_shanghai_sponge_city_opinion_2024.md": "opinion",
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": "action-plan",
    "011_sichuan_new_energy_price_reform_plan_2025.html": "implementation-plan",
    "012_pingtan_yacht_tourism_measures_2023.txt": "measures",
    "013_pingtan_suping_work_plan_2022.txt": "annual",
    "016_pingtan_14th_fyp_outline_2021.txt": "outline",
    "017_pingtan_government_work_report_2024.txt": "work-report",
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": "annual",  # …2025年工作计划
    "019_shanghai_changning_15th_fyp_outline_2026.md": "outline",
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": "fyp",  # one field's 十五五 规划, as the corpus's are
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": "fyp",
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": "annual",  # a report whose forward part is the year's 工作要点
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": "notice",
    "025_chongqing_ncv_industry_policy_measures_2025.html": "measures",  # 政策措施
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": "fyp",  # one field's 十四五 规划
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": "decision",  # 决定
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": "fyp",  # one field's 十四五 规划
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": "annual",  # the year's 计划 (草案)
    "031_pingtan_14th_fyp_proposal_2021.txt": "proposal",
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": "fyp",  # one field's 十五五 规划, as 020 and 021
}

PINGTAN_ZONE = "zone-2238cae3f270f2a3"  # 平潭综合实验区: sha256 of its name, a zone GB/T 2260 does not list
REGIONS = {  # the key of the plan's region: its admin code (000000 is the nation), or a zone's or town's name hash
    "001_zhongyang_14th_fyp_proposal.txt": "000000",
    "002_xiangcun_zhenxing_opinion_2018.txt": "000000",
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": "310114",
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": "310110",
    "005_shanghai_chongming_city_checkup_workplan_2021.md": "310151",
    "006_shanghai_zhelin_town_heritage_plan_2023.md": "town-c8adb7204278f86c",  # 上海市奉贤区柘林镇, its issuer
    "007_shanghai_transport_refined_management_action_plan_2024.md": "310000",
    "008_guobanfa_2018_123_gov_new_media_opinion.html": "000000",
    "009_shanghai_sponge_city_opinion_2024.md": "310000",
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": "310101",
    "011_sichuan_new_energy_price_reform_plan_2025.html": "510000",
    "012_pingtan_yacht_tourism_measures_2023.txt": PINGTAN_ZONE,  # the title's 平潭综合实验区
    "013_pingtan_suping_work_plan_2022.txt": "zone-0850bbd7452602b0",  # 平潭综合实验区苏平片区
    "016_pingtan_14th_fyp_outline_2021.txt": PINGTAN_ZONE,
    "017_pingtan_government_work_report_2024.txt": PINGTAN_ZONE,
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": "zone-8f5aee46f6ab5141",  # 平潭综合实验区君山片区
    "019_shanghai_changning_15th_fyp_outline_2026.md": "310105",
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": "310112",
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": "310101",
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": PINGTAN_ZONE,  # its bureau's title
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": "350100",  # 福州市, a prefecture-level city
    "025_chongqing_ncv_industry_policy_measures_2025.html": "500000",  # 重庆市, a municipality of provincial rank
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": "000000",  # a body of the State Council: the nation
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": "000000",  # the State Council's (for a zone of 海南省)
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": "000000",  # two ministries': the nation
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": "350128",  # 平潭县, the county
    "031_pingtan_14th_fyp_proposal_2021.txt": PINGTAN_ZONE,  # the title's zone, inside the committee's 福建省
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": "310000",
}

PERIODS = {  # None: the text states no period, and none may be invented; "to-2030": a horizon (到2030年) only
    "001_zhongyang_14th_fyp_proposal.txt": "2021-2025",
    "002_xiangcun_zhenxing_opinion_2018.txt": "to-2050",
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": None,
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": None,
    "005_shanghai_chongming_city_checkup_workplan_2021.md": "2021",
    "006_shanghai_zhelin_town_heritage_plan_2023.md": "2021-2025",
    "007_shanghai_transport_refined_management_action_plan_2024.md": "2024-2026",
    "008_guobanfa_2018_123_gov_new_media_opinion.html": "to-2022",
    "009_shanghai_sponge_city_opinion_2024.md": "to-2030",
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": "to-2030",
    "011_sichuan_new_energy_price_reform_plan_2025.html": None,  # 确保2025年底前实现… is a goal's deadline
    "012_pingtan_yacht_tourism_measures_2023.txt": None,  # 2024年3月前 … are deadlines of single tasks
    "013_pingtan_suping_work_plan_2022.txt": "2022",
    "016_pingtan_14th_fyp_outline_2021.txt": "2021-2025",  # the title's 第十四个五年, not the preamble's “十三五”期间
    "017_pingtan_government_work_report_2024.txt": "2024",  # 二、2024年工作安排, not the year it reviews (一、2023年工作回顾)
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": "2025",  # 2024年工作总结及2025年工作计划: the genre word's year
    "019_shanghai_changning_15th_fyp_outline_2026.md": "2026-2030",  # 第十五个五年, not the vision 到2035年
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": "2026-2030",
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": "2026-2030",
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": "2023",  # …暨2023年工作要点的报告, not the year it reviews
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt": None,  # a notice of the work of 2013
    "025_chongqing_ncv_industry_policy_measures_2025.html": "2025-2027",  # the title's （2025—2027年）
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt": "2021-2025",
    "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html": None,  # 暂时调整: no period stated
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": "2021-2025",  # “十四五”
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": "2017",  # the year it plans
    "031_pingtan_14th_fyp_proposal_2021.txt": "2021-2025",  # the title's 第十四个五年
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": "2026-2030",
}

PART_LINES = {  # the line of every top-level part 一、…
    "001_zhongyang_14th_fyp_proposal.txt": [7, 15, 45, 57, 71, 83, 97, 109, 119, 129, 141, 151, 169, 181, 189],
    "002_xiangcun_zhenxing_opinion_2018.txt": [4, 8, 22, 29, 35, 41, 48, 56, 62, 68, 75, 80],
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": [30, 34, 38, 52, 90, 122],
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": [30, 34, 44, 48],
    "005_shanghai_chongming_city_checkup_workplan_2021.md": [30, 54, 78, 100],
    "006_shanghai_zhelin_town_heritage_plan_2023.md": [28, 48, 82],
    "007_shanghai_transport_refined_management_action_plan_2024.md": [32, 46, 60, 70, 86],
    "009_shanghai_sponge_city_opinion_2024.md": [30, 36, 102],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [44, 106],
    "013_pingtan_suping_work_plan_2022.txt": [10, 10, 10, 10, 10],  # the whole page is line 10
    # 一、 and 二、 run into their text, their items after them; 三、 (line 10 too) has no items: a paragraph
    "017_pingtan_government_work_report_2024.txt": [10, 10],
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": [
        10,
        10,
    ],  # 一、工作开展情况（一）…: the title ends where its first item begins
    "019_shanghai_changning_15th_fyp_outline_2026.md": [22, 54, 317, 341, 379, 413, 451, 489, 527, 579, 629, 661],
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": [28, 131, 170, 195],
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": [32, 184, 248, 282],
    "031_pingtan_14th_fyp_proposal_2021.txt": [10] * 9,  # 一、–九、, the body on one line
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": [30, 161, 175, 187, 199, 207, 215, 227, 239],
}

LEAD_LINES = {  # paragraphs under a part heading before its first item
    "001_zhongyang_14th_fyp_proposal.txt": [47, 59, 73, 85, 99, 111, 121, 131, 143, 153, 171, 183, 191],
    "002_xiangcun_zhenxing_opinion_2018.txt": [23, 30, 36, 42, 49, 57, 63, 69, 76, 81],
    # under 三 (40), 四 (54), 四（二） (66), 四（三） (80: 零星更新的操作流程分为…三部分。, before its 1.) and 六 (124)
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": [40, 54, 66, 80, 124],
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": [52, 70, 84, 96],
    "005_shanghai_chongming_city_checkup_workplan_2021.md": [32],
    "006_shanghai_zhelin_town_heritage_plan_2023.md": [],
    "007_shanghai_transport_refined_management_action_plan_2024.md": [],
    "009_shanghai_sponge_city_opinion_2024.md": [],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [],
    "017_pingtan_government_work_report_2024.txt": [
        10,
        10,
    ],  # 2023年是…主要工作和成效是： and 2024年是…必须扎实抓好六个方面工作。
    "031_pingtan_14th_fyp_proposal_2021.txt": [10] * 7,  # parts 三–九 open with a paragraph before their first item
}

PROSE_TARGETS = {  # (line, words of the quantity's name, value, comparator, year) of targets stated in sentences
    # 028, task 15.: 煤矿二级及以上安全生产标准化达标率超80% (no year: the plan's end is not written with it)
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt": [(10, "煤矿二级及以上安全生产标准化达标率", 80, ">", None)],
    # 029: the year's 17 targets listed after 2017年…主要预期目标是： (the first value of each: FACTS.md)
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": [
        (10, "地区生产总值", 9.5, "+", 2017),
        (10, "工业增加值", 11.5, "-", 2017),
        (10, "固定资产投资", 467, "", 2017),
        (10, "社会消费品零售总额", 63.5, "", 2017),
        (10, "两岸往来人数", 10, "", 2017),
        (10, "新增台资企业数", 240, "", 2017),
        (10, "接待游客", 350, "", 2017),
        (10, "旅游总收入", 17.0, "", 2017),  # an amount after its name, no verb between
        (10, "出口总值", 6.96, "", 2017),
        (10, "外商直接投资", 1.3, "", 2017),  # 亿美元
        (10, "一般公共预算总收入", 43.5, "", 2017),
        (10, "地方一般公共预算收入", 27.21, "", 2017),
        (10, "城镇居民人均可支配收入", 36038, "", 2017),
        (10, "农村居民人均可支配收入", 14700, "", 2017),
        (10, "居民消费价格指数", 102, "≤", 2017),
        (10, "城镇登记失业率", 3.5, "≤", 2017),
        (10, "人口自然增长率", 15.0, "≤", 2017),
        # the growth rate after an amount (固定资产投资计划完成467亿元，增长18%): the rate of the quantity it follows
        (10, "固定资产投资", 18, "+", 2017),
        (10, "社会消费品零售总额", 8.5, "+", 2017),
        (10, "两岸往来人数", 15.0, "+", 2017),
        (10, "新增台资企业数", 6.0, "+", 2017),
        (10, "接待游客", 21.0, "+", 2017),
        (10, "旅游总收入", 55.0, "+", 2017),
        (10, "出口总值", 16.0, "+", 2017),
        (10, "外商直接投资", 24.0, "+", 2017),
        (10, "一般公共预算总收入", 32.9, "+", 2017),
        (10, "地方一般公共预算收入", 18, "+", 2017),
        (10, "城镇居民人均可支配收入", 8.5, "+", 2017),
        (10, "农村居民人均可支配收入", 8.0, "+", 2017),
    ],
    # 019: every target its sentences state, 到2030年 or none (专精特新企业累计达到300家以上 gives no year)
    "019_shanghai_changning_15th_fyp_outline_2026.md": [
        (311, "数字化示范应用场景", 100, ">", 2030),
        (311, "公共数据归集率", 100, "", 2030),
        (323, "税收亿元楼", 45, "≥", 2030),  # 幢
        (327, "私募基金及投资类企业", 1000, ">", 2030),
        (339, "高新技术企业", 450, "≥", 2030),
        (339, "研发经费支出相当于地区生产总值比例", 3.5, ">", 2030),
        (375, "专精特新企业", 300, "≥", None),
        (421, "东虹桥片区税收", 40, "≥", None),
        (421, "东虹桥片区税收", 35, "≥", None),
        (463, "人均公共文化设施面积", 0.25, "≥", 2030),
        (473, "经常参加体育锻炼的人数比例", 53, "≥", 2030),
        (473, "人均体育场地面积", 1.6, "≥", 2030),
        (485, "入境过夜旅游者", 65, ">", 2030),
        (507, "青年驿站数量", 50, "≥", 2030),
        (519, "区属幼儿园开设托班比例", 100, "", 2030),
        (549, "学生每天综合体育活动", 2, "≥", None),
        (555, "本科及以上学历专任教师比例", 98, "≥", 2030),
        (607, "各类公园数量", 40, "≥", None),
        (609, "河道沿河公共空间贯通率", 70, "≥", 2030),
        (609, "美丽幸福河湖建成率", 70, "≥", 2030),
        (637, "人均避难面积", 1.5, "≥", 2030),
        (639, "生产安全事故死亡人数", 0.006, "≤", None),  # 人/亿元
        (639, "公众安全感满意度", 92, "≥", 2030),  # 分
        (641, "食品安全总体监测合格率", 99.6, "≥", 2030),
        (647, "社区工作者持证率", 45, "≥", 2030),
    ],
    # 017: 7 of the 10 FACTS.md counts, all of 2024 (今年); 旅游人均消费1100元以上 (实现, no comparator), 粮食播种面积5.5万亩
    # and 总产量1.9万吨 are not read. The three of 今年…主要预期目标是：…；…；… take the year of 今年, the report's date
    # (2024年1月18日); the others' sentences name no year
    "017_pingtan_government_work_report_2024.txt": [
        (10, "地区生产总值", 3.5, "+", 2024),  # 今年经济社会发展的主要预期目标是：地区生产总值增长3.5%
        (10, "固定资产投资", 5, "+", 2024),  # the list's next item, after ；
        (10, "社会消费品零售总额", 5, "+", 2024),
        (10, "旅游业增加值占GDP比重", 10, "", None),
        (10, "开工率", 60, "≥", None),
        (10, "常住人口城镇化率", 62, "≥", None),
        (10, "优良空气天数比例", 99.2, "≥", None),
    ],
    "007_shanghai_transport_refined_management_action_plan_2024.md": [
        (50, "地面公交配套服务占比", 90, "", 2026),  # 2026年底实现…占比达到90%
        (68, "道路技术状况指标优良率", 80, "≥", None),  # …优良率达到80%以上
    ],
    "009_shanghai_sponge_city_opinion_2024.md": [
        (34, "本市建成区", 40, "≥", 2025),  # 到2025年底，本市建成区40%以上的面积达到…
        (34, "新城建设用地面积", 50, "≥", 2025),
        (34, "南汇新城建设用地面积", 60, "≥", 2025),
        (34, "本市建成区", 80, "≥", 2030),  # 到2030年底，本市建成区80%以上的面积达到…
        (70, "雨水主管满管率", 50, "<", None),  # 实现分流制强排地区雨水主管满管率低于50%
    ],
    # 016: the 20 FACTS.md counts; a bare count is one by its bound (2000家以上) or the year before it (到2025年，…6000名)
    "016_pingtan_14th_fyp_outline_2021.txt": [
        (10, "地区生产总值增速", None, "", 2025),  # 在6.5～7.5%: a range, no single number; “十四五”时期 in the title before
        (10, "年接待游客规模", 1000, ">", 2025),  # 超1000万人次
        (10, "旅游相关产业增加值占GDP比重", 14, "", 2025),
        (10, "对台贸易额", 120, ">", 2025),
        (10, "岚台客运航线年运送旅客", 25, "≥", 2025),  # 25万人次以上
        (10, "落地台资企业", 2000, "≥", 2025),  # 2000家以上
        (10, "在岚就业创业台胞", 6000, "", 2025),  # 到2025年，累计培训台湾青年5000人，在岚就业创业台胞6000名
        (10, "进出口总值", 230, "", 2025),
        (10, "服务进出口占对外贸易比重", 15, "", 2025),
        (10, "三产增加值比重", 65, "", 2025),
        (10, "高新技术企业", 120, "≥", 2025),
        (10, "公办三级达标以上高中比率", 100, "", 2025),
        (10, "航运业船舶总吨位", 450, "", 2025),  # 达到450万载重吨
        (10, "一级达标高中", 2, "", 2025),
        (10, "村（社区）综合文化服务中心建设达标率", 100, "", None),
        (10, "城市污水处理率", 95, "≥", 2025),  # 确保“十四五”期间…保持在95%以上
        (10, "城市再生水利用率", 25, "", 2025),
        (10, "生活垃圾无害化处理率", 100, "", None),  # 保持100%
        (10, "垃圾回收利用率", 50, "", None),
        (10, "实验区保障性住房配租率", 99, "≥", 2025),
    ],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [
        (54, "新建机关办公建筑和教育建筑屋顶安装太阳能光伏面积比例", 50, "≥", None),
        (54, "其他类型公共建筑屋顶安装太阳能光伏的面积比例", 30, "≥", None),
        (54, "新建居住建筑屋顶安装太阳能光伏面积比例", 30, "≥", None),
    ],
    # 031: the goals of item 5, all 到2025年 (FACTS.md lists them all)
    "031_pingtan_14th_fyp_proposal_2021.txt": [
        (10, "年接待游客规模", 1000, ">", 2025),  # 超1000万人次
        (10, "旅游相关产业增加值占GDP比重", 14, "", 2025),
        (10, "对台贸易额", 120, ">", 2025),  # 突破120亿元
        (10, "岚台客运航线年运送旅客", 25, "≥", 2025),  # 25万人次以上
        (10, "累计落地台资企业", 2000, "≥", 2025),  # 2000家以上
        (10, "进出口总值", 230, "", 2025),
        (10, "服务进出口占对外贸易比重", 15, "", 2025),
        (10, "三产增加值比重", 65, "", 2025),
        (10, "高新技术企业", 120, "≥", 2025),  # 120家以上
        (10, "城乡居民基本养老、医疗保险参保率", 98.5, "", 2025),  # 分别达98.5%、98%
        (10, "城乡居民基本养老、医疗保险参保率", 98, "", 2025),
        (10, "每千人养老床位数、执业医师数、医疗机构床位数", 40, "", 2025),  # 分别达40张、2人、3.5张
        (10, "每千人养老床位数、执业医师数、医疗机构床位数", 2, "", 2025),
        (10, "每千人养老床位数、执业医师数、医疗机构床位数", 3.5, "", 2025),
    ],
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": [
        (191, "主城区和五个新城完整社区覆盖率", 60, "", 2027),  # 到2027年底，…达到60%
        (193, "成熟大型居住社区占比", 80, "≥", None),  # 提升至80%以上: no year stated
        (197, "住宅小区物业治理覆盖率", 100, "", None),
        (211, "公园数量", 1600, "≥", None),  # 累计达到1600座以上
    ],
}

# (line, count, unit, title) of every quantified undertaking in the body, exactly; the titles are quotes
# of the text, a listed item's title is the governing verb and its quote (培养培训 + 500名养老院院长).
NO_UNDERTAKINGS: list[tuple[int, float, str, str]] = []
PROJECTS = {
    "real/001_zhongyang_14th_fyp_proposal.txt": NO_UNDERTAKINGS,
    "real/002_xiangcun_zhenxing_opinion_2018.txt": NO_UNDERTAKINGS,
    "real/003_shanghai_jiading_urban_renewal_opinion_2023.md": NO_UNDERTAKINGS,
    "real/004_shanghai_yangpu_industrial_heritage_measures_2023.md": NO_UNDERTAKINGS,
    # 005 line 58 住房城乡建设部65个基础性指标和市级新增34个指标的同时: a ministry's name and a subordinate clause
    "real/005_shanghai_chongming_city_checkup_workplan_2021.md": NO_UNDERTAKINGS,
    "real/006_shanghai_zhelin_town_heritage_plan_2023.md": NO_UNDERTAKINGS,
    "real/007_shanghai_transport_refined_management_action_plan_2024.md": [
        (34, 300, "条", "完成300条精品路建设"),
        (36, 600, "公里", "完成农村公路提档升级改造600公里"),
        (38, 300, "项", "完成慢行交通专项提升项目300项"),
        (38, 50, "个", "建设功能匹配、各具特色的慢行交通精品区域50个"),
        # line 38 人行道整治面积不低于300万平方米 is a target (an indicator), line 44 15天完成1次… a frequency
        (40, 60, "个", "创建60个停车资源优化项目"),
        (40, 9000, "个", "开工建设9000个公共停车位"),
        (40, 3000, "个", "新增3000个错峰共享停车位"),
        (40, 40, "个", "建成40个示范性智慧公共停车场（库）"),
        (44, 1918, "个", "完成机动车道井盖井框处置1918个"),
        (44, 133, "处", "完成桥头跳车整治133处"),
        (44, 334, "座", "完成桥梁栏杆涂装改色334座"),
        (44, 240, "千米", "完成防撞栏修复240千米"),
        (44, 1648, "处", "完成绿化种植搭配改造1648处"),
        (48, 19, "台", "新增19台"),  # 既有运营车站出入口增加电扶梯，三年累计新增19台
        (48, 71, "座", "改造新增71座"),
        (50, 200, "辆", "投运中小车型公交车200辆"),
        (50, 300, "个", "对300个公交站台进行适老化改造"),
        (50, 1200, "辆", "更新投运无障碍低地板公交车1200辆"),
        (58, 25400, "㎡", "完成人行道断头贯通25400㎡"),
        (58, 21, "个", "完成缓拥堵提升21个点位"),
        (84, 1990, "个", "完成1990个积水点改造"),  # 三年累计完成1990个积水点改造及28个空洞点位修复工作
        (84, 28, "个", "完成28个空洞点位修复工作"),
    ],
    "real/008_guobanfa_2018_123_gov_new_media_opinion.html": NO_UNDERTAKINGS,
    "real/009_shanghai_sponge_city_opinion_2024.md": [
        (54, 34, "条", "推进34条滨水沿路生态廊道建设"),
        (66, 23, "个", "推进大名、月浦等23个城镇雨水排水系统建设"),
        (68, 6, "座", "建成中心城区6座污水处理厂初期雨水调蓄工程"),
    ],
    "real/010_shanghai_huangpu_renewable_energy_action_plan_2025.md": NO_UNDERTAKINGS,
    "real/011_sichuan_new_energy_price_reform_plan_2025.html": NO_UNDERTAKINGS,
    "real/012_pingtan_yacht_tourism_measures_2023.txt": NO_UNDERTAKINGS,
    # 013 推动建成4个高级版、42个初级版绿盈村庄: the first member's object is left to the second, as written
    "real/013_pingtan_suping_work_plan_2022.txt": [(10, 4, "个", "建成4个高级版"), (10, 42, "个", "建成42个初级版绿盈村庄")],
    # 016: the undertakings of its tasks; a listed one takes its verb (完成 + 10所教改示范性学校培育)
    "real/016_pingtan_14th_fyp_outline_2021.txt": [
        (10, 1, "家", "创建4A级旅游景区、国家级、省级旅游度假区各1家"),
        (10, 5000, "人", "培训台湾青年5000人"),
        (10, 10, "个", "举办10个有区域特色的会展项目"),
        (10, 5, "家", "引进5家以上的会展管理公司"),
        (10, 42, "所", "完成42所学校管理标准化达标创建"),
        (10, 10, "所", "完成10所教改示范性学校培育"),
        (10, 15, "个", "完成新建、提升改造渔港和避风锚地15个"),
        (10, 80, "公里", "新建改造供水干线管网80公里以上"),
        (10, 60, "公里", "新改扩建燃气管网60公里以上"),
        (10, 80, "公里", "新建改造污水管网80公里以上"),
        (10, 60, "个", "实施旧城区60个老旧小区改造"),
    ],
    # 017: the undertakings of 2024 (二、), none of the review of 2023 (新增酒店住宿床位4500余个 was done, not undertaken)
    "real/017_pingtan_government_work_report_2024.txt": [
        (10, 5300, "间", "新增住宿房间5300间"),
        (10, 37, "个", "推进37个"),  # 推进37个、总投资64.93亿元的数字经济项目: the count's object after its investment
        (10, 400, "个", "实施区重点项目400个"),
        (10, 30, "个", "引进亿元以上项目30个"),
        (10, 1, "万亩", "新建、改造高标准农田1万亩"),
        (10, 0.6, "万亩", "完成营造林0.6万亩"),
        (10, 1, "所", "创建省级示范性幼儿园1所"),
        (10, 2, "所", "创建区级示范性幼儿园2所"),  # 创建省级示范性幼儿园1所、区级示范性幼儿园2所
    ],
    "genres/city_measures_validity.txt": [
        (6, 1, "个", "建成运营1个社区养老服务综合体"),  # 每个区（市）县至少建成运营1个社区养老服务综合体
        (7, 2000, "张", "设立家庭养老床位2000张"),
        (8, 60, "名", "培养培训60名养老师资"),  # 培养培训60名养老师资、500名养老院院长
        (8, 500, "名", "培养培训500名养老院院长"),
    ],
    "genres/state_council_office_opinion.txt": [
        (15, 1, "万名", "培养培训1万名养老院院长"),  # 培养培训1万名养老院院长、200万名养老护理员
        (15, 200, "万名", "培养培训200万名养老护理员"),
    ],
    "genres/county_implementation_plan.txt": [
        (9, 8, "所", "改造提升敬老院8所"),
        (10, 20, "个", "建成运营农村幸福院20个"),
        (11, 200, "名", "培训养老护理员200名以上"),  # 每年培训养老护理员200名以上: a yearly undertaking
    ],
    # 018: the plan for 2025 counts nothing; the 2024 summary's counts (引进500万以上民宿投资项目8个 …) were done
    "real/018_pingtan_junshan_work_summary_and_plan_2025.txt": NO_UNDERTAKINGS,
    # 023: the counts of 2022 (一、) were done; the plan for 2023 (三、) counts nothing
    "real/023_pingtan_social_affairs_rule_of_law_key_points_2023.html": NO_UNDERTAKINGS,
    "real/024_fuzhou_local_tax_international_tax_work_notice_2013.txt": NO_UNDERTAKINGS,
    "real/025_chongqing_ncv_industry_policy_measures_2025.html": NO_UNDERTAKINGS,  # 500万元, 1000辆: awards and thresholds
    # 032: the counted undertakings of its items (FACTS.md); 推进…不少于300个更新项目实施 and the 75平方公里 are not among them
    "real/032_shanghai_urban_renewal_housing_15th_plan_2026.md": [
        (189, 1000, "家", "新增家门口养老服务站1000家"),
        (189, 300, "个", "完成公交站台无障碍改造不少于300个"),
        (191, 15, "个", "新增建成特色类完整社区15个以上"),
        (193, 300, "项", "新增公共服务配套300项"),
        (211, 100, "公顷", "新增黄浦江滨江绿地及公共空间面积100公顷"),
        (211, 52, "公里", "新增黄浦江滨水贯通岸线长度52公里（干流水系4公里、支流水系48公里）"),
        (213, 3000, "万平方米", "完成既有公共建筑节能改造3000万平方米"),
        (213, 2000, "万平方米", "完成既有居住建筑节能改造2000万平方米"),
        (223, 300, "公里", "完成架空线入地和杆箱整治道路长度300公里"),
    ],
}

BODIES = {  # line of an attribution (（责任单位：…）, X负责…, X牵头…) and the bodies it names, split at 、 and ，
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": [
        (94, ["区城市更新领导小组"]),
        (100, ["“两旧一村”改造工作专班"]),
        (104, ["区规划资源局"]),
        (106, ["区建设管理委"]),
        (108, ["区住房保障房屋管理局"]),
        (110, ["区经委"]),
        (112, ["区商务委"]),
        (124, ["区更新办"]),
    ],
    "009_shanghai_sponge_city_opinion_2024.md": [
        (40, ["市规划资源局", "市住房城乡建设管理委", "市交通委", "市水务局", "市绿化市容局", "市房屋管理局", "各区政府"]),
        (42, ["市住房城乡建设管理委", "各区政府"]),
        (70, ["市水务局", "各区政府"]),
    ],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [
        (56, ["区建管委", "区发展改革委"]),
        (86, ["区建管委", "区房管局"]),
        (92, ["区投促办"]),
    ],
}


NUMERALS = "一二三四五六七八九十"


def cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三: the numbering of parts and items."""
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def paren(n: int) -> list[str]:
    return [f"（{cn(i)}）" for i in range(1, n + 1)]


def arabic(first: int, last: int) -> list[str]:
    return [f"{i}." for i in range(first, last + 1)]


def consecutive(counts: list[int]) -> list[list[str]]:
    """Items numbered 1. … n. across parts, as a proposal numbers them."""
    out, start = [], 1
    for count in counts:
        out.append(arabic(start, start + count - 1))
        start += count
    return out


ITEMS = {  # the numbers of the items directly under each part, as written
    "001_zhongyang_14th_fyp_proposal.txt": consecutive([3, 3, 4, 5, 4, 5, 4, 3, 3, 4, 3, 7, 4, 2, 6]),
    "002_xiangcun_zhenxing_opinion_2018.txt": [paren(n) for n in (0, 3, 5, 4, 4, 5, 6, 4, 4, 5, 3, 6)],
    "003_shanghai_jiading_urban_renewal_opinion_2023.md": [paren(n) for n in (0, 0, 5, 3, 3, 5)],
    "004_shanghai_yangpu_industrial_heritage_measures_2023.md": [paren(n) for n in (0, 0, 0, 4)],
    # 三's sub-items 1.-4. (lines 90-96) are points of its item （四） (line 86), not items of the part
    "005_shanghai_chongming_city_checkup_workplan_2021.md": [paren(n) for n in (8, 5, 5, 0)],
    "006_shanghai_zhelin_town_heritage_plan_2023.md": [[f"({cn(i)})" for i in range(1, n + 1)] for n in (3, 4, 3)],
    "007_shanghai_transport_refined_management_action_plan_2024.md": [
        [f"（{cn(i)}）" for i in range(first, last + 1)] for first, last in ((1, 6), (7, 12), (13, 16), (17, 23), (1, 0))
    ],
    "008_guobanfa_2018_123_gov_new_media_opinion.html": [paren(n) for n in (3, 0, 3, 4, 3)],
    "009_shanghai_sponge_city_opinion_2024.md": [paren(n) for n in (0, 6, 3)],
    "010_shanghai_huangpu_renewable_energy_action_plan_2025.md": [paren(n) for n in (10, 0)],
    "013_pingtan_suping_work_plan_2022.txt": [paren(n) for n in (3, 3, 4, 3, 3)],
    "017_pingtan_government_work_report_2024.txt": [
        paren(6),
        paren(6),
    ],  # 一's items are the review's statements, 二's the year's tasks
    "011_sichuan_new_energy_price_reform_plan_2025.html": [
        [f"（{cn(i)}）" for i in range(first, last + 1)] for first, last in ((1, 0), (1, 0), (1, 4), (5, 7), (8, 12), (13, 17))
    ],
    # 018: 一's items as written, （三） twice (the second after a space: …基础更好。 （三）以全面振兴为导向)
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": [[*paren(3), "（三）", "（四）", "（五）"], paren(4)],
    "019_shanghai_changning_15th_fyp_outline_2026.md": [
        [f"({cn(i)})" for i in range(1, n + 1)] for n in (3, 3, 5, 4, 3, 4, 4, 5, 6, 5, 4, 3)
    ],
    "020_shanghai_minhang_urban_renewal_15th_plan_2026.md": [[], paren(3), paren(9), []],
    "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md": [[], paren(6), paren(5), []],
    "031_pingtan_14th_fyp_proposal_2021.txt": consecutive([3, 2, 4, 4, 5, 5, 4, 5, 3]),  # 1.–35., numbered on across the parts
    # 032: （一）–（二十八） numbered on across parts 二–八; 一 holds the goals and the table, 九 one paragraph
    "032_shanghai_urban_renewal_housing_15th_plan_2026.md": [
        [f"（{cn(i)}）" for i in range(first, last + 1)]
        for first, last in ((1, 0), (1, 4), (5, 7), (8, 12), (13, 15), (16, 18), (19, 23), (24, 28), (1, 0))
    ],
}

DASH_LINES = {  # paragraphs starting ——
    "001_zhongyang_14th_fyp_proposal.txt": [21, 23, 25, 27, 29, 33, 35, 37, 39, 41, 43],
    "002_xiangcun_zhenxing_opinion_2018.txt": [15, 16, 17, 18, 19, 20, 21],
    "006_shanghai_zhelin_town_heritage_plan_2023.md": [36, 38, 40, 42],
    "031_pingtan_14th_fyp_proposal_2021.txt": [10] * 6,  # the six goals of item 5 (——奋力打造… / ——奋力建设…)
}

PART_NUMBER = re.compile(f"[{NUMERALS}]+、")


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_document(REAL / name)[0]


def line(doc: ParsedDocument, span: Span) -> int:
    return line_at(doc.source.text, span.start)


def parts(doc: ParsedDocument) -> list[Heading]:
    return [h for h in doc.headings if PART_NUMBER.fullmatch(h.number)]


def units(doc: ParsedDocument) -> list:
    """Headings, measures and passages: every unit of the text, in reading order."""
    return sorted([*doc.headings, *doc.measures, *doc.passages], key=lambda u: u.span.start)


def items_under(doc: ParsedDocument, part: Heading) -> list[str]:
    """The numbers of the numbered units whose parent is the part (dash bullets and the points of an item,
    1. … under （四）…, are not items of the part)."""
    return [
        u.number for u in units(doc) if u.parent is part and u.number and u.number != "——" and getattr(u, "item", None) is None
    ]


def test_sub_items_are_points_of_the_item_before_them() -> None:
    """005 三、工作步骤: item （四）形成体检报告（2021年10月）。… (line 86) goes on with 体检报告主要内容包括： (88)
    and its sub-items 1.-4. (90, 92, 94, 96); they belong to （四）, and （五） (98) is the part's next item."""
    doc = parsed("005_shanghai_chongming_city_checkup_workplan_2021.md")
    item = next(m for m in doc.measures if line(doc, m.span) == 86)
    assert item.number == "（四）" and item.parent is not None and item.parent.number == "三、"
    points = [p for p in doc.passages if p.item is item]
    assert [(line(doc, p.span), p.number) for p in points] == [(88, ""), (90, "1."), (92, "2."), (94, "3."), (96, "4.")]
    assert {p.kind for p in points} == {"continuation"}
    assert [(line(doc, m.span), m.number) for m in doc.measures if m.parent is item.parent] == [
        (80, "（一）"),
        (82, "（二）"),
        (84, "（三）"),
        (86, "（四）"),
        (98, "（五）"),
    ]


@pytest.mark.parametrize("name", PART_LINES)
def test_parts_are_read_where_they_stand(name: str) -> None:
    doc = parsed(name)
    assert [line(doc, h.span) for h in parts(doc)] == PART_LINES[name]


@pytest.mark.parametrize("name", ITEMS)
def test_items_under_each_part(name: str) -> None:
    doc = parsed(name)
    assert [items_under(doc, part) for part in parts(doc)] == ITEMS[name]


@pytest.mark.parametrize("name", LEAD_LINES)
def test_lead_paragraphs_are_kept(name: str) -> None:
    doc = parsed(name)
    assert [line(doc, p.span) for p in doc.passages if p.kind == "lead"] == LEAD_LINES[name]


def test_the_web_page_keeps_its_lead_paragraph() -> None:
    """On the page, the only lead is under 三、加强功能建设, before its （一）."""
    doc = parsed("008_guobanfa_2018_123_gov_new_media_opinion.html")
    leads = [p for p in doc.passages if p.kind == "lead"]
    assert [p.text[:20] for p in leads] == ["各地区、各部门要遵循政务新媒体发展规律，"]
    assert leads[0].parent is not None and leads[0].parent.number == "三、"


# The preamble that ends by introducing the body with a colon, not a full stop (FACTS.md): …工作方案如下:,
# …提出实施意见如下：, …工作通知如下：
INTRODUCING_PREAMBLES = {
    "005_shanghai_chongming_city_checkup_workplan_2021.md": (28, "现制定2021年本区城市体检工作方案如下:"),
    "009_shanghai_sponge_city_opinion_2024.md": (28, "现就本市系统化全域推进海绵城市建设提出实施意见如下："),
    "014_shanghai_charging_facility_inspection_notice_2023.md": (21, "现将本市开展公共充电设施自查抽查工作通知如下："),
}


@pytest.mark.parametrize("name", INTRODUCING_PREAMBLES)
def test_a_preamble_introducing_the_body_with_a_colon(name: str) -> None:
    doc = parsed(name)
    number, ending = INTRODUCING_PREAMBLES[name]
    preamble = next(p for p in doc.passages if line(doc, p.span) == number)
    assert preamble.kind == "preamble" and preamble.parent is None and preamble.text.endswith(ending)


@pytest.mark.parametrize("name", DASH_LINES)
def test_dash_bullets(name: str) -> None:
    doc = parsed(name)
    assert [line(doc, u.span) for u in units(doc) if u.number == "——"] == DASH_LINES[name]


@pytest.mark.parametrize("name", BODIES)
def test_responsible_bodies_are_split_and_kept_out_of_the_title(name: str) -> None:
    doc = parsed(name)
    attributed = {line(doc, u.bodies[0].span): u for u in [*doc.measures, *doc.passages] if u.bodies}
    for number, bodies in BODIES[name]:
        unit = attributed[number]
        assert [b.name for b in unit.bodies] == bodies
        assert all(doc.source.text[b.span.start : b.span.end] == b.name for b in unit.bodies)
        assert "责任单位" not in unit.heading


def fact_line(doc: ParsedDocument, fact) -> int | None:
    return line(doc, fact.span) if fact is not None and fact.span is not None else None


@pytest.mark.parametrize("name", TITLES)
def test_title(name: str) -> None:
    doc = parsed(name)
    title, number = TITLES[name]
    assert doc.metadata.title is not None and doc.metadata.title.value == title
    if number is not None:
        assert fact_line(doc, doc.metadata.title) == number


@pytest.mark.parametrize("name", DATES)
def test_date(name: str) -> None:
    doc = parsed(name)
    date, number = DATES[name]
    assert doc.metadata.date is not None and doc.metadata.date.value == date
    if number is not None:
        assert fact_line(doc, doc.metadata.date) == number


@pytest.mark.parametrize("name", DOC_NUMBERS)
def test_document_number(name: str) -> None:
    fact = parsed(name).metadata.doc_number
    assert (fact.value if fact else None) == DOC_NUMBERS[name]


@pytest.mark.parametrize("name", ISSUERS)
def test_issuers(name: str) -> None:
    assert {issuer.value for issuer in parsed(name).metadata.issuers} == ISSUERS[name]


@pytest.mark.parametrize("name", DOC_TYPES)
def test_genre(name: str) -> None:
    fact = parsed(name).metadata.doc_type
    assert fact is not None and fact.value == DOC_TYPES[name]


@pytest.mark.parametrize("name", REGIONS)
def test_region(name: str) -> None:
    _, region = parse_document(REAL / name)
    assert region is not None and region.key == REGIONS[name]


# The region and the regions it lies in (name, level, code): 平潭综合实验区 is a zone of 福建省 by the zone table
# (kg/data/zones.tsv), its 片区 lie in it, and 柘林镇 is a town of 奉贤区, whose name its government's precedes.
ZONE = ("平潭综合实验区", "zone", "")
FUJIAN = ("福建省", "province", "350000")
CHAINS = {
    "006_shanghai_zhelin_town_heritage_plan_2023.md": [
        ("柘林镇", "township", ""),
        ("奉贤区", "district", "310120"),
        ("上海市", "province", "310000"),
    ],
    "012_pingtan_yacht_tourism_measures_2023.txt": [ZONE, FUJIAN],
    "013_pingtan_suping_work_plan_2022.txt": [("平潭综合实验区苏平片区", "zone-area", ""), ZONE, FUJIAN],
    "016_pingtan_14th_fyp_outline_2021.txt": [ZONE, FUJIAN],
    "017_pingtan_government_work_report_2024.txt": [ZONE, FUJIAN],
    "018_pingtan_junshan_work_summary_and_plan_2025.txt": [("平潭综合实验区君山片区", "zone-area", ""), ZONE, FUJIAN],
    "023_pingtan_social_affairs_rule_of_law_key_points_2023.html": [ZONE, FUJIAN],
    # the county, whose 2016 plan its government reported on (平潭县人民政府), is 福州市's
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt": [
        ("平潭县", "district", "350128"),
        ("福州市", "prefecture", "350100"),
        FUJIAN,
    ],
    "031_pingtan_14th_fyp_proposal_2021.txt": [ZONE, FUJIAN],
}


@pytest.mark.parametrize("name", CHAINS)
def test_a_zone_or_town_lies_in_its_region(name: str) -> None:
    _, region = parse_document(REAL / name)
    assert region is not None and [(r.name, r.level, r.code) for r in ancestry(region)] == CHAINS[name]


@pytest.mark.parametrize("name", PERIODS)
def test_period_as_the_text_states_it(name: str) -> None:
    fact = parsed(name).metadata.period
    assert (fact.value if fact else None) == PERIODS[name]


@pytest.mark.parametrize("name", PROSE_TARGETS)
def test_targets_stated_in_prose_are_indicators(name: str) -> None:
    doc = parsed(name)
    found = [
        (line(doc, target.span), target.name, value.number, value.comparator, value.year)
        for target in doc.targets
        for value in target.values
        if value.kind == "target"
    ]
    for number, words, amount, comparator, year in PROSE_TARGETS[name]:
        assert any(
            (n, a, c, y) == (number, amount, comparator, year) and words in target_name for n, target_name, a, c, y in found
        ), (number, words, found)


@pytest.mark.parametrize("name", PROJECTS)
def test_quantified_undertakings_keep_their_object(name: str) -> None:
    doc = parse_document(FIXTURES / name)[0]
    found = [
        (line(doc, project.span), quantity.value, quantity.unit, project.title)
        for project in doc.projects
        if project.box is None
        for quantity in project.quantities
    ]
    assert found == PROJECTS[name]
    for project in doc.projects:  # a listed item spans its own count and object (500名养老院院长, or the object
        # first: 区级示范性幼儿园2所); its title adds the verb
        if project.box is None and project.title != project.span.quote:
            quantity = project.quantities[0].span
            assert project.title.endswith(project.span.quote)
            assert quantity.start == project.span.start or quantity.end == project.span.end


SICHUAN = "011_sichuan_new_energy_price_reform_plan_2025.html"


def test_a_provincial_bureau_page_reads_as_its_plan() -> None:
    """011, the page of 四川省发展和改革委员会: the 信息公开 fact list is page metadata (公文种类：通知 is no title),
    the notice's title carries its 文号 in parentheses, and numbers written in spans of their own read as text."""
    doc = parsed(SICHUAN)
    assert doc.metadata.notice is not None
    assert (
        doc.metadata.notice.title.value == "关于印发《四川省深化新能源上网电价市场化改革实施方案》的通知(川发改价格〔2025〕480号)"
    )
    assert [h.title for h in parts(doc)] == [
        "总体目标",
        "基本原则",
        "推动新能源上网电价全面由市场形成",
        "建立健全支持新能源高质量发展的制度机制",
        "强化政策衔接协同",
        "保障措施",
    ]
    assert [(p.role, p.text[:7]) for p in doc.passages if p.kind == "statement"] == [
        ("goals", "坚持市场化改革"),
        ("principles", "坚持深化改革。"),
        ("principles", "坚持分类施策。"),
        ("principles", "坚持统筹协调。"),
    ]
    assert [m.safeguard for m in doc.measures].count(True) == 5  # the text of （十三）–（十七） under 六、保障措施
    # after the attachment list only page chrome follows: 点击下载此文件, the 相关链接 box, 回到 / 顶部
    assert [p.text for p in doc.passages if p.kind == "annex"] == ["2.四川省新能源项目机制电量结算细则"]


def test_points_titled_by_a_phrase_alone_and_their_leads() -> None:
    """011 （六） and （七）: a lead (存量/增量新能源项目是指…), then points 1.–3. each titled by a short phrase alone
    (1.机制电量) whose text follows in paragraphs of its own."""
    doc = parsed(SICHUAN)
    for item, lead, titles in (
        ("（六）", "存量新能源项目是指2025年6月1日前投产的新能源项目。", ["机制电量", "机制电价", "执行期限"]),
        (
            "（七）",
            "增量新能源项目是指2025年6月1日及以后投产的新能源项目。",
            ["机制电量竞价规模", "机制电价竞价上下限", "执行期限"],
        ),
    ):
        assert [p.text[: len(lead)] for p in doc.passages if p.kind == "lead" and p.parent.number == item] == [lead]
        points = [m for m in doc.measures if m.parent is not None and m.parent.number == item and m.number]
        assert [(m.number, m.heading) for m in points] == [("1.", titles[0]), ("2.", titles[1]), ("3.", titles[2])]


def test_only_the_plan_taking_effect_is_its_closing_clause() -> None:
    """011: 本方案自印发之日起执行，… is the closing clause; 机制电量和电价自本方案印发次月起执行 sets when a rule of the plan
    applies and stays the text of its point."""
    doc = parsed(SICHUAN)
    assert [p.text[:12] for p in doc.passages if p.kind == "closing"] == ["本方案自印发之日起执行，"]
    ruled = [p for p in doc.passages if "机制电量和电价自" in p.text]
    assert [(p.kind, p.text[:7]) for p in ruled] == [("continuation", "存量新能源项目"), ("continuation", "增量新能源项目")]


def test_citations_name_other_documents_and_the_basis_after_its_issuers() -> None:
    """011: 根据国家发展改革委、国家能源局《…》…制定本实施方案 makes the cited notice the plan's basis; the notice naming the
    plan itself and the page's link to its 政策解读 are no citations."""
    doc = parsed(SICHUAN)
    assert {c.title for c in doc.citations} == {
        "关于深化新能源上网电价市场化改革 促进新能源高质量发展的通知",
        "关于促进新型储能积极健康发展的通知",
        "2025年全省电力电量供需平衡方案及节能调度优先电量规模计划",
    }
    assert {c.title for c in doc.citations if c.basis} == {"关于深化新能源上网电价市场化改革 促进新能源高质量发展的通知"}


# 七宝镇人民政府《七宝镇限额以下小型建设工程管理的实施意见》(闵七府〔2020〕21号), lines 41 and 140, unchanged (repository
# zhiyao87/Shanghai-Gov-Docs-Index, commit 49f4bb7b24691276dec660a576f20a54a0c46b63,
# docs/工程建设管理/七宝镇限额以下小型建设工程管理的实施意见.md).
QIBAO_LINES = (
    "建设单位至镇规建办申报项目，填报《七宝镇限额以下小型建设工程项目申报流转表》、《七宝镇限额以下小型建设工程承诺书》，"
    "经相关部门会签后，提交相关资料至镇规建办审核，待领导小组组长签字后由镇规建办出具《七宝镇限额以下小型建设工程项目受理"
    "告知书》。\n"
    "6.本实施意见中限额以下工程的质量安全监管参照《中华人民共和国建筑法》、《中华人民共和国安全生产法》、《上海市建设工程质量"
    "安全监督工作手册》、《闵行区限额以下建设工程管理办法》等相关法律法规进行实施。\n"
)


def test_forms_a_plan_asks_for_are_no_citations() -> None:
    """A form to fill in (…流转表, …承诺书, …告知书) is named in 《》 as a document is, but cites nothing; the laws,
    rules and manual the same plan refers to are its citations."""
    assert [c.title for c in extract_citations(QIBAO_LINES, [(0, len(QIBAO_LINES))])] == [
        "中华人民共和国建筑法",
        "中华人民共和国安全生产法",
        "上海市建设工程质量安全监督工作手册",
        "闵行区限额以下建设工程管理办法",
    ]


PINGTAN = "012_pingtan_yacht_tourism_measures_2023.txt"


def test_a_body_scraped_onto_one_line_reads_as_its_measures() -> None:
    """012, a crawler's text of a page of 平潭综合实验区: nine lines of page facts, then the whole body on line 10, its
    paragraphs run together (a space between some, nothing between others). It reads as the notice, its signature
    and date, the title and the measures 一、–七、, each from its number to the next; 八、附则… is the closing clause.
    The measures' titles run into their text with no mark between (一、加快游艇码头设施建设2024年,发布…): no title
    is made up. Every span quotes the file."""
    doc, region = parse_document(REAL / PINGTAN)
    text = doc.source.text
    assert len(text) == 1340 and text.count("\n") == 9
    assert [m.number for m in doc.measures] == [f"{cn(i)}、" for i in range(1, 8)]
    assert [(m.span.quote[:8], m.span.quote[-6:]) for m in doc.measures] == [
        ("一、加快游艇码头", "通码头配建。"),
        ("二、实施游艇租赁", "速健康发展。"),
        ("三、合理划定游艇", "营活动范围。"),
        ("四、推进游艇夜航", "光试点线路。"),
        ("五、支持举办游艇", "及赛事活动。"),
        ("六、推动跨境游艇", "门共享共用。"),
        ("七、搭建游艇旅游", "无感式管理。"),
    ]
    assert all(m.heading == "" and m.parent is None and line(doc, m.span) == 10 for m in doc.measures)
    assert [(p.kind, p.span.quote[:10]) for p in doc.passages] == [
        ("preamble", "各片区管理局，区直各"),
        ("closing", "八、附则本若干措施中"),
    ]
    units = [*doc.measures, *doc.passages, *doc.citations, doc.metadata.title, doc.metadata.date, *doc.metadata.issuers]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in units)
    assert [c.title for c in doc.citations] == [
        "平潭综合实验区游艇旅游业发展规划",
        "平潭综合实验区游艇码头专项规划",
        "游艇夜航管理办法",
    ]
    assert region is not None and region.key == PINGTAN_ZONE  # a zone, no division of GB/T 2260: the title names it
    assert [line(doc, d.span) for d in doc.dropped if d.reason == "page metadata"] == [1, 2, 3, 4, 5, 6]


SUPING = "013_pingtan_suping_work_plan_2022.txt"


def test_a_whole_page_scraped_onto_one_line_reads_as_its_parts_and_items() -> None:
    """013, the same crawler's text of an annual work plan: the page on line 10, its chrome included (the
    breadcrumb, 时间, the share buttons, 来源, 附件下载), each set aside; the parts 一、–五、 are sentences of
    clauses with their items （一）… after them, so they are headings; the crawler's 本地目录 line (a path ending
    with the title) is no title."""
    doc, region = parse_document(REAL / SUPING)
    assert [(d.reason, d.span.quote) for d in doc.dropped if line(doc, d.span) == 10] == [
        ("breadcrumb navigation", "当前位置： 首页政务公开规划信息年度计划"),
        ("page metadata", "时间：2021-12-31 15:37"),
        ("page widget", "微信"),
        ("page widget", "微博"),
        ("page widget", "QQ空间"),
        ("page metadata", "来源：平潭综合实验区苏平片区管理局"),
        ("download links", "附件下载"),
    ]
    assert [h.title[:6] for h in parts(doc)] == ["践行建党精神", "立足三项工作", "深化四个合作", "持续三个探索", "贯彻三个坚持"]
    assert [m.heading for m in doc.measures if m.parent is parts(doc)[2]] == [
        "深化两岸旅游产业合作。",
        "深化两岸技术交流合作。",
        "深化两岸文化交流合作。",
        "深化两岸基层治理交流合作。",
    ]
    assert [(p.kind, p.span.quote[:10]) for p in doc.passages] == [("preamble", "2022年，苏平片区")]
    text = doc.source.text
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in [*doc.headings, *doc.measures, *doc.dropped])
    assert region is not None and region.key == REGIONS[SUPING]  # 平潭综合实验区苏平片区, a 片区 of the zone


@pytest.mark.parametrize(
    ("name", "cited"),
    [
        ("005_shanghai_chongming_city_checkup_workplan_2021.md", ["关于印发<2021年上海市城市体检工作方案>的函"]),
        ("006_shanghai_zhelin_town_heritage_plan_2023.md", []),
        (
            "010_shanghai_huangpu_renewable_energy_action_plan_2025.md",
            [
                "关于大力实施可再生能源替代行动的指导意见",
                "分布式光伏发电开发建设管理办法",
                "关于做好上海市分布式光伏项目管理有关事项的通知",
            ],
        ),
    ],
)
def test_the_converters_note_before_the_title_cites_nothing(name: str, cited: list[str]) -> None:
    """The Shanghai files open with their converter's quoted note (line 14: 依《中华人民共和国著作权法》第五条…), which is
    no part of the document: a plan cites what its own text cites (lines 28 of 005, 42 and 102 of 010; 006 cites
    nothing but the plan it issues)."""
    assert [c.title for c in parsed(name).citations] == cited


INSPECTION = "014_shanghai_charging_facility_inspection_notice_2023.md"


def test_a_notice_arranging_work_reads_as_its_parts_items_basis_and_signature_date() -> None:
    """014: a notice that arranges an inspection (通知 as the document itself, no plan issued): its three parts and
    seven items, the two documents it is issued on (根据《…》《…》要求，…现将…通知如下), the date under its signature
    (line 36), not the converter's 发布日期 (2023-04-27), though an attached form follows the signature; the form
    (附件 / 充电运营商自查表, lines 44-76) holds no measure. 附件：充电运营商自查表 (line 33), before the signature, lists
    what is attached: it closes the notice with the contact lines after the signature (38-42), and the attachment
    begins at its own 附件 label."""
    doc = parsed(INSPECTION)
    meta = doc.metadata
    title = "上海市交通委员会、上海市发展和改革委员会 关于开展公共充电设施自查抽查工作的通知"
    assert meta.title is not None and meta.title.value == title
    assert fact_line(doc, meta.title) == 16
    assert meta.date is not None and (meta.date.value, fact_line(doc, meta.date)) == ("2023-04-24", 36)
    assert meta.doc_number is not None and meta.doc_number.value == "沪交科〔2023〕301号"
    assert [i.value for i in meta.issuers] == ["上海市交通委员会", "上海市发展和改革委员会"]
    assert meta.doc_type is not None and meta.doc_type.value == "notice"
    assert meta.period is None
    _, region = parse_document(REAL / INSPECTION)
    assert region is not None and region.code == "310000"
    assert [(h.number, h.title, line(doc, h.span)) for h in parts(doc)] == [
        ("一、", "检查对象", 22),
        ("二、", "主要检查内容", 24),
        ("三、", "检查安排", 27),
    ]
    assert [(line(doc, m.span), m.text[:7]) for m in doc.measures] == [
        (23, "本市公共停车场"),
        (25, "（一）场库配建"),
        (26, "（二）设备状态"),
        (28, "（一）公共停车"),
        (29, "（二）充电运营"),
        (30, "（三）各区交通"),
        (31, "（四）市级管理"),
    ]
    assert [(h.kind, h.number, h.title, line(doc, h.span)) for h in doc.headings if h.kind == "attachment"] == [
        ("attachment", "附件", "充电运营商自查表", 44)
    ]
    assert [(p.kind, line(doc, p.span)) for p in doc.passages if 32 <= line(doc, p.span) <= 42] == [
        ("closing", 32),  # 特此通知。: the formula the notice closes with, no part of item （四）
        ("conclusion", 33),
        ("conclusion", 38),
        ("conclusion", 39),
        ("conclusion", 40),
        ("conclusion", 41),
        ("conclusion", 42),
    ]
    annexed = [line(doc, p.span) for p in doc.passages if p.kind == "annex"]
    assert (len(annexed), annexed[0], annexed[-1]) == (23, 46, 76)
    assert [(c.title, c.basis, line(doc, c.span)) for c in doc.citations] == [
        ("关于本市进一步推动充换电基础设施建设的实施意见", True, 21),
        ("上海市公共停车场（库）充电设施建设管理办法", True, 21),
        ("上海市公共停车场（库）充电设施建设管理办法", False, 25),
        ("上海市公共停车场（库）充电设施建设管理办法", False, 30),
    ]


CREDIT_RULES = "015_shanghai_transport_credit_information_rules_2021.md"


def test_rules_in_articles_read_as_titled_articles_with_their_roles() -> None:
    """015: 办法 in articles, each 第X条（title） on a line of its own with its text in the paragraphs after it. The notice
    is dated 二○二一年八月十日 (line 28, zero written as a circle); a list of an article's （一）…； entries is its
    text, not headings; the definitions, scope, duties and principles (第二–五条, 第十二条) are statements of their role,
    not measures; the other articles are measures titled without their brackets."""
    doc = parsed(CREDIT_RULES)
    meta = doc.metadata
    assert meta.title is not None and (meta.title.value, fact_line(doc, meta.title)) == ("上海市交通建设市场信用信息管理办法", 30)
    assert meta.date is not None and (meta.date.value, fact_line(doc, meta.date)) == ("2021-08-10", 28)
    assert meta.doc_number is not None and meta.doc_number.value == "沪交行规〔2021〕8号"
    assert [i.value for i in meta.issuers] == ["上海市交通委员会"]
    assert meta.doc_type is not None and meta.doc_type.value == "rules"
    assert meta.period is not None and (meta.period.value, fact_line(doc, meta.period)) == ("2021-2026", 22)
    assert not doc.headings
    assert [(m.number, m.heading, line(doc, m.span)) for m in doc.measures] == [
        ("第一条", "目的和依据", 32),
        ("第六条", "市场主体基本信息的内容及征集方式", 66),
        ("第七条", "良好行为信息的内容及征集方式", 72),
        ("第八条", "不良行为信息的内容及征集方式", 78),
        ("第九条", "信用评价信息", 92),
        ("第十条", "信息发布及发布期限", 100),
        ("第十一条", "信用修复", 110),
        ("第十三条", "信息共享", 118),
        ("第十四条", "信用信息应用", 122),
        ("第十五条", "法律责任", 148),
        ("第十六条", "施行日期", 152),
    ]
    assert all(doc.source.text[m.heading_span.start - 1] == "（" for m in doc.measures if m.heading_span)
    statements = [(line(doc, p.span), p.role) for p in doc.passages if p.kind == "statement"]
    assert statements == [(36, "scope"), (46, "scope"), (50, "responsibilities"), (62, "principles"), (114, "principles")]
    entries = [line(doc, p.span) for p in doc.passages if p.text.startswith("（")]
    assert entries == [82, 84, 86, 88, 104, 106, 128, 130, 132, 134, 136, 140, 142, 144, 146]
    assert [line(doc, p.span) for p in doc.passages if p.kind == "closing"] == [22, 24, 154]  # 24: 特此通知。
    assert [c.title for c in doc.citations if c.basis and line(doc, c.span) == 34] == [
        "国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见",
        "上海市社会信用条例",
        "公路建设市场信用信息管理办法（试行）",
        "水运工程建设市场信用信息管理办法（试行）",
        "建筑市场信用管理暂行办法",
        "上海市公共信用信息归集和使用管理办法",
    ]


def test_a_list_of_entries_ending_in_semicolons_is_no_run_of_headings() -> None:
    """003 三、适用范围 (line 38): 具体包括： then （一）…； to （四）…； and （五）…。 (lines 42-50) list what the opinion
    calls urban renewal; they are its text, not five sub-parts. The （一）“两旧一村” of 四、 (line 56) stays a heading."""
    doc = parsed("003_shanghai_jiading_urban_renewal_opinion_2023.md")
    assert [line(doc, h.span) for h in doc.headings if 38 <= line(doc, h.span) <= 56] == [38, 52, 56]
    assert [line(doc, p.span) for p in doc.passages if p.text.startswith("（") and 42 <= line(doc, p.span) <= 50] == [
        42,
        44,
        46,
        48,
        50,
    ]


OUTLINE = "016_pingtan_14th_fyp_outline_2021.txt"
OUTLINE_ROWS = [  # 专栏1, as FACTS.md reads it: (name, unit); the rows are numbered 1 … 42
    ("旅游业增加值占GDP比重", "%"),
    ("旅游总收入", "亿元"),
    ("游客接待总人数", "万人次"),
    ("入境游客接待人数", "万人次"),
    ("旅游床位数", "床"),
    ("对台贸易额", "亿元"),
    ("台资企业数", "户"),
    ("经平潭口岸往来两岸人数", "万人次"),
    ("台胞在岚人数", "人"),
    ("进出口总额", "亿元"),
    ("实际利用外资", "亿元"),
    ("服务外包执行额", "亿美元"),
    ("“规上限上”新兴产业企业数", "户"),
    ("“规上限上”新兴产业营业收入", "亿元"),
    ("高新技术企业数", "个"),
    ("服务业增加值比重", "%"),
    ("“规上限上”服务业企业数", "户"),
    ("营商环境指数（错年数）", ""),
    ("5G用户普及率", "%"),
    ("千兆宽带用户普及率", "%"),
    ("森林覆盖率", "%"),
    ("城市空气质量优良天数比率", "%"),
    ("近岸海域优良水质比例", "%"),
    ("垃圾无害化处理率", "%"),
    ("城市污水处理率", "%"),
    ("农村自来水普及率", "%"),
    ("城镇新增就业人数", "人"),
    ("基本医疗保险参保率", "%"),
    ("每千人老人养老床位数", "床"),
    ("每千人口拥有3岁以下婴幼儿托位数", "个"),
    ("幼儿入园率", "%"),
    ("义务教育管理标准化学校", "所"),
    ("高中达标校数量", "个"),
    ("中职毕业生初次就业率", "%"),
    ("每千人拥有执业（助理）医师数", "人"),
    ("千人卫生医疗机构床位数", "张"),
    ("家庭医生重点人群签约率", "%"),
    ("地区生产总值增长", "%"),
    ("自贸创新举措数量", "个"),
    ("研发经费投入增长", "%"),
    ("每万人口高价值发明专利拥有量", "%"),
    ("居民人均可支配收入", "%"),
]


# FACTS.md: the items of the 36 sections of 第三章–第十一章 by their titles, counted by reading (118)
OUTLINE_ITEMS = [
    ["优化全域全时旅游布局", "创新旅游发展体制机制", "加强旅游交流合作", "健全旅游市场治理体系"],
    ["提档升级旅游基础设施", "建设智慧旅游体系", "丰富旅游要素供给", "推进旅游融合发展", "培育特色旅游品牌"],
    ["海岛度假游", "乡村风情游", "文化考古游", "海洋体育游", "购物休闲游"],
    ["人员往来枢纽通道", "商品流通便捷通道", "资金融通绿色通道", "数据安全互联通道"],
    ["行业标准共通样板", "公共管理融合样板", "基层治理融合样板", "司法服务交流融合样板"],
    ["扩大对台开放领域", "推动两岸产业合作", "提质两岸青年创业平台", "共建“走出去”开放合作平台"],
    ["深化岚台民间基层交流", "建设文化融合家园", "搭建两岸交流平台"],
    ["放宽投资市场准入", "推动行政审批制度改革"],
    ["提升货物贸易便利化水平", "推进服务贸易自由化"],
    ["推进跨境资金流动便利化", "推进供应链金融创新"],
    ["推动国际船舶便利化监管", "加大航运服务便利自由"],
    ["安全有序推进数据业务合作与开放", "强化跨境数据流动安全管理"],
    ["深化互联互通", "拓展经贸合作", "密切人文交流"],
    ["培育数字经济", "做优做强海洋经济", "发展绿色经济"],
    ["加快发展大健康产业", "全力打造影视文化产业", "高起点发展会展产业"],
    ["加快发展现代物流业", "大力培育现代商贸业", "全方位拓宽贸易新业态"],
    ["突出发展平台经济", "大力发展平潭金融港"],
    ["促进传统产业转型升级做细精致农业", "做强建筑隧道业"],  # the section's title runs into its first item's
    ["提升科技服务水平", "健全金融服务体系", "增强法治服务能力", "加强社会信用体系建设"],
    ["深化公共服务改革", "创新审批服务体系", "深化商事登记制度改革"],
    ["加强事中事后监管", "创新行业监管方式"],
    ["完善行政治理结构", "深化综合执法改革", "转变政府职能", "激发市场主体活力"],
    ["强化生态环境保护", "推进海岛生态修复", "探索建设绿色宜居低碳岛"],
    ["持续推进教育高质量发展", "建立优质高效医疗卫生服务体系", "发展海岛特色文体事业"],
    [
        "实现基本社会保险全覆盖",
        "实施更加积极的就业政策",
        "打造多元的养老服务体系",
        "强化社会救助兜底功能",
        "保障妇女儿童合法权益",
    ],
    [
        "积极创建全国文明城市",
        "坚持总体国家安全观",
        "推进社会综合治理现代化",
        "确保人民生命财产安全",
        "提升应急处置和救援水平",
        "提升退役军人服务保障能力",
        "推进社会各项事业稳步发展",
    ],
    ["加强国土空间规划实施和管控", "优化片区功能", "优化调整产业空间布局"],
    ["优化城乡空间格局", "推动城乡一体化发展", "深化农业农村改革", "全面推进乡村振兴"],
    ["主动融入闽东北协同发展区", "深度融入福州都市圈"],
    ["开展重大基础设施项目研究", "完善全域道路网建设", "推进港口码头建设", "加快运输枢纽建设"],
    ["强化供电保障能力", "推动城乡供水一体化", "提升天然气供给能力", "提高污水垃圾处理能力"],
    ["推进信息基础设施建设", "构建智慧城市支撑体系"],
    ["加大老旧小区改造", "有效供给保障房", "稳定发展商品房"],
    ["加强党的领导", "大力推进法治政府建设"],
    ["做好规划衔接管理", "建立工作推进机制", "健全考评监测体系"],
    ["积极争取政策支持", "强化人力资源保障", "加强项目建设要素保障", "强化重大项目支撑", "有效开展精准招商"],
]
# FACTS.md: by form alone, eight sentences of an item's text read as titles (each after the title named here) and
# two titles do not; a reader tells them by meaning.
TEXT_READ_AS_TITLES = {
    "谋划设立旅游发展基金": "创新旅游发展体制机制",
    "推动设立船舶融资资金池": "做优做强海洋经济",
    "推进增量配电网建设": "发展绿色经济",
    "主动防范化解金融风险": "健全金融服务体系",
    "完善法律服务制度": "主动防范化解金融风险",
    "推进海漂垃圾整治": "推进海岛生态修复",
    "加强反家庭暴力经常性工作": "保障妇女儿童合法权益",
    "健全老年人关爱行动机制": "推进社会各项事业稳步发展",
}
TITLES_NOT_READ = {"增强法治服务能力", "建立优质高效医疗卫生服务体系"}


def outline_items_by_form() -> list[list[str]]:
    """OUTLINE_ITEMS as their form reads them: the titles not read left out, the sentences read as titles added."""
    out = []
    for section in OUTLINE_ITEMS:
        items = [t for t in section if t not in TITLES_NOT_READ]
        for text, after in TEXT_READ_AS_TITLES.items():
            if after in items:
                items.insert(items.index(after) + 1, text)
        out.append(items)
    return out


def test_the_outline_s_items_are_counted_by_reading() -> None:
    """FACTS.md's hand count of 016's items: 118, per chapter as it states; their form reads 124."""
    per_chapter = [3, 4, 6, 5, 4, 4, 3, 4, 3]  # sections of 第三章 … 第十一章
    counts = [len(s) for s in OUTLINE_ITEMS]
    at = [sum(per_chapter[:i]) for i in range(len(per_chapter) + 1)]
    by_chapter = [counts[a:b] for a, b in pairwise(at)]
    hand = [[4, 5, 5], [4, 4, 4, 3], [2, 2, 2, 2, 2, 3], [3, 3, 3, 2, 2], [4, 3, 2, 4], [3, 3, 5, 7], [3, 4, 2]]
    assert by_chapter == [*hand, [4, 4, 2, 3], [2, 3, 5]]
    assert (sum(counts), sum(len(s) for s in outline_items_by_form())) == (118, 124)


def test_a_whole_outline_scraped_onto_one_line_reads_as_its_chapters_sections_and_boxes() -> None:
    """016, a 十四五 规划纲要 of 平潭综合实验区 as the crawler stored it: the body on line 10, a space where the page had
    an empty paragraph. The chapters and sections open after a sentence end or a space and keep their titles
    (第一章 发展基础); two section titles run into their text (第二节 基本原则坚持党的全面领导。…): the heading is
    its number and the text a paragraph under it. A section's items run together too, each opening with its title
    sentence (优化全域全时旅游布局。…创新旅游发展体制机制。…): each is a measure. The title, date and issuer are the
    page's facts; the region is none (全省 is the province the zone compares itself with)."""
    doc, region = parse_document(REAL / OUTLINE)
    chapters = [h for h in doc.headings if h.kind == "chapter"]
    assert [h.number for h in chapters] == [f"第{cn(i)}章" for i in range(1, 12)]
    assert [h.title for h in chapters][:3] == ["发展基础", "“十四五”发展战略及2035年远景目标", "打造知名国际旅游岛"]
    assert chapters[-1].title == "全面推进规划纲要实施"
    sections = [h for h in doc.headings if h.kind == "section"]
    assert [sum(s.parent is c for s in sections) for c in chapters] == [2, 3, 3, 4, 6, 5, 4, 4, 3, 4, 3]
    assert [(s.parent.number, s.number) for s in sections if s.title == ""] == [("第二章", "第二节"), ("第六章", "第五节")]
    assert [s.title for s in sections][:3] == ["“十三五”成效", "发展环境", "指导思想"]
    boxes = [h for h in doc.headings if h.number.startswith("专栏")]
    assert [(h.number, h.kind) for h in boxes] == [("专栏1", "table")] + [(f"专栏{i}", "box") for i in range(2, 16)]
    leads = [p for p in doc.passages if p.kind == "lead"]
    assert [p.parent.number for p in leads if p.parent] == [f"第{cn(i)}章" for i in range(2, 12)]
    task_sections = [s for s in sections if chapters.index(s.parent) >= 2]
    assert [[m.heading.rstrip("。") for m in doc.measures if m.parent is s] for s in task_sections] == outline_items_by_form()
    assert all(m.span.quote.startswith(m.heading) for m in doc.measures)
    assert [(c.title[:12], c.basis) for c in doc.citations] == [
        ("平潭综合实验区党工委关于", True),
        ("平潭国际旅游岛建设方案", False),
        ("总体发展规划", False),
        ("告台湾同胞书", False),
        ("中华人民共和国国民经济和", False),
        ("平潭综合实验区国土空间总", False),
        ("平潭综合实验区条例", False),
        ("平潭国际旅游岛条例", False),
    ]
    assert region is not None and region.key == PINGTAN_ZONE
    # the 目录 run together (…… 5第一章 发展基础…… 6第一节 …), as the repaired view breaks it at its spaces; its heading
    # spaced out letter by letter (目 录) is the word, set aside with it, and so is its first entry's (前 言……… 5)
    assert [(d.reason, d.span.quote[:4], d.span.quote[-6:]) for d in doc.dropped if d.reason == "table of contents"] == [
        ("table of contents", "目 录", "目 录"),
        ("table of contents", "前 言.", "产业转型升级"),
        ("table of contents", "....", "... 74"),
    ]
    # the preamble's heading spaced out (前 言) heads it: 前言, with the span of the letters as the file has them
    preamble = [p for p in doc.passages if p.kind == "preamble"]
    assert [(p.heading, p.heading_span, p.text[:10]) for p in preamble] == [
        ("前言", Span(2317, 2320, "前 言"), "“十三五”期间，平潭")
    ]
    text = doc.source.text
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.indicators, *doc.projects, *doc.citations, *doc.dropped]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in records)


def test_an_indicator_table_whose_cells_run_together_reads_as_its_rows_without_values() -> None:
    """016 专栏1: header and rows run together (国际旅游1旅游业增加值占GDP比重%9.014.0[5]预期性2旅游总收入…). The
    serial numbers in order, the attribute ending each row, the category before a group's first serial and the unit
    between name and values frame every row (195G用户普及率 is row 19); the values run together with nothing between
    them (9.014.0 is 9.0 and 14.0, or 9.01 and 4.0), so none is read, and a warning says so."""
    doc = parsed(OUTLINE)
    rows = [i for i in doc.indicators if i.source == "table"]
    assert [(r.number, r.name, r.unit) for r in rows] == [(str(n), *row) for n, row in enumerate(OUTLINE_ROWS, start=1)]
    assert [r.number for r in rows if r.attribute == "约束性"] == ["21", "22", "23"]
    assert {r.attribute for r in rows} == {"预期性", "约束性"}
    firsts = {"1", "6", "10", "13", "16", "21", "38"}  # the first row of each category
    assert [(r.category, sum(1 for o in rows if o.category == r.category)) for r in rows if r.number in firsts] == [
        ("国际旅游", 5),
        ("闽台合作", 4),
        ("对外开放", 3),
        ("新兴产业", 3),
        ("高端服务", 5),
        ("宜居生活", 17),
        ("创新发展", 5),
    ]
    assert all(r.values == [] and r.table is not None and r.table.number == "专栏1" for r in rows)
    assert rows[18].span.quote == "195G用户普及率%1060[50]预期性"
    assert all(line(doc, r.name_span) == 10 and r.name_span.quote == r.name for r in rows)
    assert doc.warnings == [
        "table 专栏1: the values of its 42 rows run together with nothing between the columns ('9.014.0[5]' …): not read"
    ]


REPORT = "017_pingtan_government_work_report_2024.txt"


def test_a_work_report_scraped_onto_one_line_reads_as_its_review_and_the_years_work() -> None:
    """017, a 政府工作报告 (the zone's 管委会工作报告 to 平潭县's people's congress) as the crawler stored it: the report
    on line 10. Its title runs into the subtitle of the day it was delivered (—2024年1月18日在…会议上); its parts
    一、 and 二、 run into their text (2023年工作回顾2023年是…), their items after them, the first after a colon
    (主要工作和成效是：（一）…). The review of 2023 is background, its achievements no tasks; the work of 2024 holds
    the measures; part 三、 has no items and its title no end: one measure. 《李白》《天鹅湖》等优秀剧目 are plays."""
    doc, region = parse_document(REAL / REPORT)
    text = doc.source.text
    assert len(text) == 13553 and text.count("\n") == 9
    meta = doc.metadata
    assert meta.title is not None and meta.title.span == Span(259, 273, "平潭综合实验区管委会工作报告")
    assert meta.date is not None and meta.date.span == Span(274, 284, "2024年1月18日")
    assert meta.period is not None and meta.period.span == Span(5420, 5424, "2024")  # 二、2024年工作安排
    assert region is not None and region.key == PINGTAN_ZONE  # 平潭综合实验区, a zone GB/T 2260 does not list
    assert [(h.number, h.title, h.role, h.span.quote) for h in doc.headings] == [
        ("一、", "2023年工作回顾", "background", "一、2023年工作回顾"),
        ("二、", "2024年工作安排", "", "二、2024年工作安排"),
    ]
    review, work = doc.headings
    assert [(p.kind, p.role, p.number, p.text[:8]) for p in doc.passages] == [
        ("preamble", "", "", "黄建波各位代表，"),  # the speaker's name after the crawler's space, then the address
        ("lead", "background", "", "2023年是全面"),
        *[("statement", "background", f"（{cn(i)}）", f"（{cn(i)}）{w}") for i, w in enumerate(REVIEWED, start=1)],
        ("lead", "", "", "2024年是中华"),
    ]
    assert all(p.parent is review for p in doc.passages[1:8]) and doc.passages[8].parent is work
    assert [(m.number, m.text[3:11]) for m in doc.measures] == [
        *[(f"（{cn(i)}）", w) for i, w in enumerate(ARRANGED, start=1)],
        ("三、", "持党的全面领导，"),  # 三、坚持党的全面领导，…
    ]
    assert all(m.parent is work for m in doc.measures[:6]) and doc.measures[6].parent is None
    assert all(p.measure is not None and p.measure.parent is work for p in doc.projects)
    assert [(c.title, c.basis) for c in doc.citations] == [
        ("平潭综合实验区总体发展规划（2023-2035）", False),
        ("关于支持福建探索海峡两岸融合发展新路建设两岸融合发展示范区的意见", False),
        ("平潭综合实验区总体发展规划（2023-2035）", False),
        ("平潭综合实验区国土空间总体规划", False),
    ]
    assert [line(doc, d.span) for d in doc.dropped if d.reason == "page metadata"] == [1, 2, 3, 4, 5, 6]
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.projects, *doc.targets, *doc.citations, *doc.dropped]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in records)


REVIEWED = ["以落实国家", "以深化结构", "以举办重大", "以城乡融合", "以群众需求", "以主题教育"]  # the review's six items
ARRANGED = [
    "丰富优质旅游供给",
    "构建全方位对台开",
    "推进高水平制度型",
    "培育发展新质生产",
    "紧紧围绕共同富裕",
    "坚持以人民为中心",
]


SUMMARY = "018_pingtan_junshan_work_summary_and_plan_2025.txt"


def test_a_summary_of_the_year_and_the_plan_for_the_next_reads_as_background_then_tasks() -> None:
    """018, a bureau's 2024年工作总结及2025年工作计划 as the crawler stored it (line 10): the summary (一、工作开展情况,
    its title run into its first item) is background: its items are statements and its counts and rates (引进…项目8个,
    医保参保缴费率96.97%) results, neither undertakings nor targets; the plan (二、2025年工作计划) holds the four
    measures. The period is the plan's year; 全区 (the zone) names no province (福建省 is named, not spoken of as
    its own); the space inside “山水鎏金 邻好家园” is part of a name, no line break."""
    doc, region = parse_document(REAL / SUMMARY)
    text = doc.source.text
    assert len(text) == 5072 and text.count("\n") == 9
    assert doc.metadata.period is not None and doc.metadata.period.value == "2025"
    assert region is not None and region.key == REGIONS[SUMMARY]  # 平潭综合实验区君山片区
    assert [(h.number, h.title, h.role, h.span.quote) for h in doc.headings] == [
        ("一、", "工作开展情况", "background", "一、工作开展情况"),
        ("二、", "2025年工作计划", "", "二、2025年工作计划"),
    ]
    summary, plan = doc.headings
    assert [(p.kind, p.role, p.number, p.parent) for p in doc.passages] == [
        ("preamble", "", "", None),
        *[("statement", "background", n, summary) for n in ("（一）", "（二）", "（三）", "（三）", "（四）", "（五）")],
        ("lead", "", "", plan),
    ]
    assert "“山水鎏金 邻好家园”" in doc.passages[2].text  # （二） of the summary, whole
    assert [(m.number, m.parent) for m in doc.measures] == [(n, plan) for n in ("（一）", "（二）", "（三）", "（四）")]
    assert doc.projects == [] and doc.targets == [] and doc.citations == []
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.dropped]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in records)


CHANGNING = "019_shanghai_changning_15th_fyp_outline_2026.md"
CHANGNING_TABLE = [  # 序号 | 指标名称 | 单位 | 属性 | “十五五”目标: (name, unit, attribute, as written, comparator, number)
    ("地区生产总值年均增速", "%", "预期性", "与全市经济增速保持同步", "text", None),  # one cell over two lines
    ("区级一般公共预算收入年均增速", "%", "预期性", "与全市保持同步", "text", None),
    ("全员劳动生产率", "万元/人", "预期性", "55左右", "", 55.0),
    ("主导产业税收占全区税收比重", "%", "预期性", "≥58", "≥", 58.0),
    ("新兴产业税收年均增速", "%", "预期性", "高于全区税收年均增速3个百分点以上", "text", None),
    ("数字经济企业数", "家", "预期性", "9000左右", "", 9000.0),
    ("社会消费品零售总额年均增速", "%", "预期性", "高于全市平均水平", "text", None),
    ("重点楼宇单位面积产税", "元/平方米", "预期性", "≥8500", "≥", 8500.0),
    ("新增跨国公司地区总部数", "家", "预期性", "≥20", "≥", 20.0),
    ("每万人口高价值发明专利拥有量", "件/万人", "预期性", "85左右", "", 85.0),
    ("外国人来华工作许可审批数量", "人次", "预期性", "≥25000", "≥", 25000.0),
    ("国际交流合作项目数", "个", "预期性", "≥500", "≥", 500.0),
    ("养老机构护理型床位占比", "%", "预期性", ">75", ">", 75.0),  # at a line's start: a comparison, not a quote mark
    ("居民健康素养水平", "%", "预期性", "≥49", "≥", 49.0),
    ("筹措供应新时代城市建设者管理者之家床位", "张", "预期性", "完成市下达目标", "text", None),
    ("人均公园绿地面积", "平方米/人", "约束性", "≥7.82", "≥", 7.82),
    ("单位生产总值二氧化碳排放降低", "%", "约束性", "完成市下达目标", "text", None),
    ("细颗粒物（PM2.5）浓度", "微克/立方米", "约束性", "完成市下达目标", "text", None),
    ("地表水优良水体比例", "%", "约束性", "100", "", 100.0),
    ("生活垃圾回收利用率", "%", "约束性", "≥50", "≥", 50.0),
]


def test_a_table_with_the_attribute_before_its_five_year_target() -> None:
    """019's indicator table: every row's unit (万元/人, 件/万人 …), attribute and its one value, the target for the
    十五五 plan's last year, whatever its wording (55左右, 完成市下达目标); no row takes the next part's heading."""
    doc = parsed(CHANGNING)
    rows = [i for i in doc.indicators if i.table is not None and i.table.kind == "table"]
    assert [
        (i.name, i.unit, i.attribute, v.as_written, v.comparator, v.number) for i in rows for v in i.values
    ] == CHANGNING_TABLE
    assert [i.number for i in rows] == [str(n) for n in range(1, 21)]
    assert {(v.kind, v.year) for i in rows for v in i.values} == {("target", 2030)}
    assert all(i.note == "" and i.category == "" for i in rows)
    assert not [w for w in doc.warnings if "belongs to no row" in w]
    assert ("part", "(三)", "发展战略") in [(h.kind, h.number, h.title) for h in doc.headings]


def test_a_plan_naming_itself_before_its_basis_cites_the_basis_only() -> None:
    """019 line 20: 《长宁区…纲要》根据《…建议》和《…建议》编制 names the plan itself (its title without 上海市), then its
    basis; the title line 《上海市长宁区…纲要》 is no citation either."""
    doc = parsed(CHANGNING)
    assert [(c.title, c.basis, line(doc, c.span)) for c in doc.citations] == [
        ("中共上海市委关于制定上海市国民经济和社会发展第十五个五年规划的建议", True, 20),
        ("中共上海市长宁区委关于制定长宁区国民经济和社会发展第十五个五年规划的建议", True, 20),
        ("上海市规划发展条例", False, 665),
    ]


def test_a_glossary_after_the_body_holds_no_tasks() -> None:
    """019's 名词解释 (line 675) and its 18 numbered terms are back matter: no measure of 十二、(三) after it."""
    doc = parsed(CHANGNING)
    glossary = next(h for h in doc.headings if h.title == "名词解释")
    assert (glossary.kind, line(doc, glossary.span)) == ("attachment", 675)
    assert [m for m in doc.measures if m.span.start > glossary.span.start] == []
    terms = [p for p in doc.passages if p.span.start > glossary.span.start]
    assert [(line(doc, p.span), p.kind) for p in terms] == [(677 + 2 * k, "annex") for k in range(18)]


MINHANG = "020_shanghai_minhang_urban_renewal_15th_plan_2026.md"
MINHANG_TABLE = [  # 类别 | 序号 | 一级指标 | 二级指标 | 单位 | 属性 | “十四五”完成值 | “十五五”目标值, a cell a line:
    # (name, unit, attribute, category: the level above, values as (as written, comparator, number, year, kind))
    (
        "旧住房成套改造任务",
        "万平方米",
        "预期性",
        "既有居住建筑改造",
        [("25", "", 25.0, 2025, "actual"), ("1.4", "", 1.4, 2030, "target")],
    ),
    (
        "老旧小区整治改造面积",
        "万平方米",
        "预期性",
        "推进老旧小区整治改造",
        [("240", "", 240.0, 2025, "actual"), ("300", "", 300.0, 2030, "target")],
    ),
    ("完整社区覆盖率", "％", "预期性", "开展完整社区建设", [("-", "", None, 2025, "actual"), ("60", "", 60.0, 2030, "target")]),
    (
        "推动城中村改造项目数量",
        "个",
        "约束性",
        "推进城中村改造",
        [
            ("启动8个城中村整体改造项目", "text", None, 2025, "actual"),
            (
                "至2026年底，全面启动城中村整体改造项目，全面完成整治提升；2027年全面完成整体改造项目的前期改造",
                "text",
                None,
                2030,
                "target",
            ),
        ],
    ),
    (
        "推动商务楼宇更新数量",
        "个",
        "预期性",
        "推进商务楼宇和商业设施更新提升",
        [("-", "", None, 2025, "actual"), ("≥10", "≥", 10.0, 2030, "target")],
    ),
    # rows 6, 8 and 10 state no 一级指标: the merged cell of the row before
    (
        "更新商业设施面积（含改扩建）",
        "万平方米",
        "预期性",
        "推进商务楼宇和商业设施更新提升",
        [("-", "", None, 2025, "actual"), ("≥50", "≥", 50.0, 2030, "target")],
    ),
    (
        "低效产业用地盘活面积",
        "亩",
        "预期性",
        "推进产业空间提质增效",
        [("≥2000", "≥", 2000.0, 2025, "actual"), ("≥5000", "≥", 5000.0, 2030, "target")],
    ),
    ("老旧街区改造数量", "个", "预期性", "推进产业空间提质增效", [("≥5", "≥", 5.0, 2030, "target")]),  # its 十四五 cell empty
    (
        "燃气老化管道改造数量",
        "公里",
        "约束性",
        "加强城市基础设施建设改造",
        [("355", "", 355.0, 2025, "actual"), ("421", "", 421.0, 2030, "target")],
    ),
    (
        "人均应急避难面积",
        "平方米",
        "约束性",
        "加强城市基础设施建设改造",
        [("＞1.5", ">", 1.5, 2025, "actual"), ("＞1.7", ">", 1.7, 2030, "target")],
    ),
    (
        "人均公园绿地面积",
        "平方米",
        "约束性",
        "修复城市生态系统",
        [("11.1", "", 11.1, 2025, "actual"), ("11.5", "", 11.5, 2030, "target")],
    ),
]


def test_a_table_a_cell_a_line_with_two_levels_of_names() -> None:
    """020's 主要指标表 (lines 31-129): a header of ten lines, then each row a block of lines, a blank line inside a row
    an empty cell; each row named by its 二级指标 under its 一级指标, its “十四五” value the actual of 2025 and its
    “十五五” value the target of 2030."""
    doc = parsed(MINHANG)
    rows = [i for i in doc.indicators if i.table is not None and i.table.kind == "table"]
    assert [
        (i.name, i.unit, i.attribute, i.category, [(v.as_written, v.comparator, v.number, v.year, v.kind) for v in i.values])
        for i in rows
    ] == MINHANG_TABLE
    assert [i.number for i in rows] == [str(n) for n in range(1, 12)]
    assert not [w for w in doc.warnings if "belongs to no row" in w]


HUANGPU = "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md"
HUANGPU_TABLE = [  # 类别 | 序号 | 指标 | 单位 | 属性 | 目标, the category before the serial, the attribute before the target
    ("片区更新数量", "个", "预期性", "促发展", "2", 2.0),
    ("商办楼宇更新数量", "个", "预期性", "促发展", "25", 25.0),
    ("更新商业设施面积", "万平方米", "预期性", "促发展", "50", 50.0),
    ("老旧住房综合修缮面积", "万平方米", "约束性", "惠民生", "90", 90.0),
    ("新建或改建口袋公园数量", "座", "预期性", "提品质", "10", 10.0),
    ("机关、企事业等单位附属空间开放数量", "处", "预期性", "提品质", "5", 5.0),
    ("完整社区建设覆盖率", "%", "预期性", "提品质", "2027年60%，2028年进一步优化布局", None),
    ("新增各类绿化面积", "万平方米", "约束性", "优生态", "5", 5.0),
    ("建成区达到海绵城市建设要求面积比", "%", "约束性", "强韧性", "80", 80.0),
    ("老旧供水管网改造", "公里", "预期性", "强韧性", "5", 5.0),
    ("修复或改造排水主管", "公里", "预期性", "强韧性", "10", 10.0),
    ("公用人防工程维修养护数量", "个", "预期性", "强韧性", "78", 78.0),
]


def test_a_target_column_that_states_no_year_gives_none() -> None:
    """021's table (line 40) heads its values 目标 alone: each row's target as written, with no year (the header states
    none); the plan named with a space before its 《 in the notice's title is the plan, and its two 根据《…》 its basis."""
    doc = parsed(HUANGPU)
    rows = [i for i in doc.indicators if i.table is not None and i.table.kind == "table"]
    assert [(i.name, i.unit, i.attribute, i.category, v.as_written, v.number) for i in rows for v in i.values] == HUANGPU_TABLE
    assert {(v.kind, v.year) for i in rows for v in i.values} == {("target", None)}
    notice = doc.metadata.notice
    assert notice is not None and notice.title.value == "黄浦区人民政府办公室关于印发 《黄浦区城市更新“十五五”规划》的通知"
    assert [(c.title, c.basis, line(doc, c.span)) for c in doc.citations] == [
        ("上海市城市更新和住房发展“十五五”规划", True, 30),
        ("上海市黄浦区国民经济和社会发展第十五个五年规划纲要", True, 30),
    ]


def test_plans_of_a_zone_make_a_family_that_spans_the_zone(tmp_path: Path) -> None:
    """016 and 017 (plans of 平潭综合实验区, a zone GB/T 2260 does not list) share wording: their policy family spans
    the zone's region, the lineage graph, the zone and its parent 福建省 included, is valid with nothing missing, and
    measure-lineage lists their members at the zone's level."""
    from plankg.graph.store import open_store
    from plankg.lineage.graph import rebuild_lineage
    from plankg.loading.documents import load_paths
    from plankg.query.library import run
    from plankg.validation.shacl import validate_store

    store = open_store(tmp_path / "store")
    names = ["016_pingtan_14th_fyp_outline_2021.txt", "017_pingtan_government_work_report_2024.txt"]
    assert all(r.ok for r in load_paths(store, [REAL / n for n in names]))
    assert rebuild_lineage(store).families == 1
    query = "SELECT ?r WHERE { GRAPH ?g { ?f <https://w3id.org/plankg/ontology#spansRegion> ?r } }"
    assert [row["r"].value for row in store.query(query)] == [f"https://w3id.org/plankg/id/region/{PINGTAN_ZONE}"]
    lineage = validate_store(store)[-1]
    assert lineage.name == "lineage" and lineage.findings == []
    # a member's lineage lists the family's members at the zone's level, none left out for it
    members = "SELECT ?m WHERE { GRAPH ?g { ?f <https://w3id.org/plankg/ontology#member> ?m } } ORDER BY ?m"
    first = [row["m"].value for row in store.query(members)][0]
    header, rows = run(store, "measure-lineage", {"measure": first})
    assert rows and {(row[header.index("level")], row[header.index("region")]) for row in rows} == {
        ("FunctionalZone", "平潭综合实验区")
    }


KEY_POINTS = "023_pingtan_social_affairs_rule_of_law_key_points_2023.html"


def test_a_bureau_s_report_on_its_year_and_its_work_points_reads_as_review_shortcomings_then_tasks() -> None:
    """023, the whole web page of a county-level site: a bureau's 关于2022年法治工作情况暨2023年工作要点的报告. The
    review (一、工作开展情况, five titled items of 一是… points) and the shortcomings (二、存在问题) are background; the
    plan (三、下一步工作计划) holds the four measures, each closed by （责任处室：…）, the bureau's divisions that carry it.
    Its counts are results of 2022, neither undertakings nor targets; the animated film it names cites nothing."""
    doc, region = parse_document(REAL / KEY_POINTS)
    assert len((REAL / KEY_POINTS).read_text(encoding="utf-8")) == 64328
    assert region is not None and region.key == PINGTAN_ZONE
    assert [(h.number, h.title, h.role) for h in doc.headings] == [
        ("一、", "工作开展情况", "background"),
        ("（一）", "党政主要负责人履行推进法治建设第一责任人职责", "background"),
        ("（二）", "强化规范性文件管理，落实行政应诉工作", "background"),
        ("（三）", "健全重大行政决策制度，加强法治建设", "background"),
        ("（四）", "深入推进“放管服”改革，优化营商环境", "background"),
        ("（五）", "多渠道加强未成年人法治宣传教育，强化权益保护", "background"),
        ("二、", "存在问题", "background"),
        ("三、", "下一步工作计划", ""),
    ]
    review, problems, plan = (h for h in doc.headings if h.number in ("一、", "二、", "三、"))
    assert [(p.kind, p.role, p.parent and p.parent.number, p.text[:4]) for p in doc.passages] == [
        ("preamble", "", None, "根据党工"),  # …将我局有关工作情况总结如下：
        ("statement", "background", "（一）", "一是加强"),
        ("statement", "background", "（二）", "一是积极"),
        ("statement", "background", "（三）", "一是严格"),
        ("statement", "background", "（四）", "一是利用"),
        ("statement", "background", "（五）", "一是坚持"),
        ("statement", "background", "二、", "在看到成"),
    ]
    assert all(p.parent is not None and p.parent.parent is review for p in doc.passages[1:6])
    assert doc.passages[6].parent is problems
    assert [(m.number, m.parent, [(b.name, b.role) for b in m.bodies]) for m in doc.measures] == [
        ("（一）", plan, [("各处室", "responsible")]),
        ("（二）", plan, [("办公室", "responsible"), ("法规安全处", "responsible")]),
        ("（三）", plan, [("法规安全处", "responsible")]),
        ("（四）", plan, [("民政处", "responsible")]),
    ]
    assert doc.measures[3].heading == "提升农村留守儿童和困境儿童法治服务。"
    assert all("责任处室" not in m.heading for m in doc.measures)
    assert doc.projects == [] and doc.targets == [] and doc.indicators == []
    assert [c.title for c in doc.citations] == [
        "平潭综合实验区社会事业系统法治宣传教育的第八个五年规划（2021－2025）",
        "平潭综合实验区社会事业行政机关管理制度汇编",
        "反有组织犯罪法",
        "行政处罚法",
        "安全生产法",
        "未成年人保护法",
    ]
    text = doc.source.text
    records = [*doc.headings, *doc.measures, *doc.passages, *(b for m in doc.measures for b in m.bodies)]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in records)


CITY_NOTICE = "024_fuzhou_local_tax_international_tax_work_notice_2013.txt"


def test_a_city_bureau_s_notice_scraped_onto_one_line_with_its_attachments() -> None:
    """024, a notice of 福州市地方税务局 as the zone's site published it, the whole page on line 10. Its parts and items
    are read as written: （五）, one sentence after the paragraph （四）, is an item as its siblings are; 其中1 人 keeps its
    measure word; the listing of the three attachments before the signature is closing matter, not items; the date
    is the signature's, though the attachments follow it; the tables of companies (序号 | 支付单位名称 | 征管局) hold no
    indicators. The bracketed note after （三）'s paragraph, where to send the lists and whom to call (（以上…联系电话：…）),
    is a note on that paragraph, no measure."""
    doc, region = parse_document(REAL / CITY_NOTICE)
    text = doc.source.text
    assert len(text) == 3135 and text.count("\n") == 9
    assert region is not None and (region.code, region.level) == ("350100", "prefecture")
    assert [(h.kind, h.number, h.title, h.parent and h.parent.number) for h in doc.headings if h.kind != "table"] == [
        ("chapter", "一、", "强化国际税收工作机制，夯实国际税收工作基础", None),
        ("part", "（一）", "明确机构和充实人员，强化国际税收工作", "一、"),
        ("part", "（二）", "加强业务培训，努力提高国际税收业务水平", "一、"),
        ("part", "（三）", "加大考评力度，提高国际税收工作质量", "一、"),
        ("chapter", "二、", "组织开展2012年关联业务网上申报工作", None),
        ("chapter", "三、", "开展服务贸易对外支付专项调查", None),
        ("attachment", "附件1", "2011年福建服务贸易项下跨境支付累计金额前18名企业名单", None),
        ("attachment", "附件2", "2012年福建服务贸易项下跨境支付累计金额前17名企业名单", None),
        ("attachment", "附件3", "外国企业承包工程情况自查表", None),
    ]
    survey = doc.headings[5]
    assert [m.number for m in doc.measures if m.parent is survey] == paren(5)
    assert doc.measures[-1].span.quote == "（五）调查时间自2013年3月1日开始，4月15日前各局书面上报调查情况。"
    staffing = doc.measures[0]
    assert staffing.parent is doc.headings[1] and "其中1 人在税政科内指定，余下2人在管理一线人员中选定" in staffing.span.quote
    listing = [p for p in doc.passages if p.kind == "conclusion"]
    note = next(p for p in doc.passages if "联系电话" in p.text)
    assert (note.kind, note.item, note.parent) == ("continuation", doc.measures[2], doc.headings[3])
    assert not any("联系电话" in m.text for m in doc.measures)
    assert [p.span.quote for p in listing] == [
        "附件：1.2011年福建服务贸易项下跨境支付累计金额前18名",
        "企业名单",
        "2.2012年福建服务贸易项下跨境支付累计金额前17名企业名单",
        "3.外国企业承包工程情况自查表",
    ]
    assert doc.indicators == [] and doc.projects == [] and doc.targets == []
    assert [c.title for c in doc.citations] == [
        "国家税务总局关于印发〈特别纳税调整实施办法（试行）的通知",
        "国家税务总局关于印发〈中华人民共和国企业年度关联业务往来报告表〉的通知",
    ]
    assert not any(c.basis for c in doc.citations)
    records = [*doc.headings, *doc.measures, *doc.passages]
    assert all(text[u.span.start : u.span.end] == u.span.quote for u in records)


CITY_MEASURES = "025_chongqing_ncv_industry_policy_measures_2025.html"


def test_a_city_s_joint_measures_page_reads_as_its_six_measures_and_their_closing_provisions() -> None:
    """025, the page of 重庆市经济和信息化委员会 for the 政策措施 of five bodies. The notice's title stands under its
    issuers set a name a line, and names all five; each of the six parts is one measure with its （责任单位：…）; the
    paragraph after the last part speaks of the whole document and ends with its entry into force and validity
    (有效期截至2027年12月31日): closing provisions, not a task of 六、; the caps on the support paid (单个企业年度激励金额
    最高不超过2000万元) are rules of the measures, not targets; the footer's lists of links to other sites
    (市级部门相关网站, 委属单位网站) and its 重庆市经济和信息化委员会发布 are page chrome."""
    doc = parsed(CITY_MEASURES)
    notice = doc.metadata.notice
    assert notice is not None and notice.title.value == (
        "重庆市经济和信息化委员会重庆市财政局中共重庆市委金融委员会办公室国家金融监督管理总局重庆监管局重庆市商务委员会"
        "关于印发《重庆市支持智能网联新能源商用车产业发展政策措施（2025—2027年）》的通知"
    )
    assert [h.title for h in parts(doc)] == [
        "智能网联新能源商用车车型研发激励",
        "智能网联新能源商用车核心零部件新建及技改项目激励",
        "智能驾驶系统平台激励",
        "智能网联新能源商用车融资租赁激励",
        "智能网联新能源商用车保险激励",
        "新能源商用车海外认证检测费用激励",
    ]
    assert [(m.parent.number, m.text[:8], [b.name for b in m.bodies]) for m in doc.measures] == [
        ("一、", "对销量达一定规模", ["市经济信息委"]),
        ("二、", "对智能网联新能源", ["市经济信息委"]),
        ("三、", "对新能源商用车整", ["市经济信息委"]),
        ("四、", "支持融资租赁机构", ["市经济信息委", "市委金融办", "重庆金融监管局"]),
        ("五、", "支持保险机构加强", ["市经济信息委", "市委金融办", "重庆金融监管局"]),
        ("六、", "对新能源商用车整", ["市经济信息委", "市商务委"]),
    ]
    closing = [p for p in doc.passages if p.kind == "closing"]
    assert [(p.text[:9], p.text[-17:]) for p in closing] == [("本政策措施所列激励", "有效期截至2027年12月31日。")]
    validity = doc.metadata.validity
    assert validity is not None and (validity.value, validity.span.quote) == ("2027-12-31", "2027年12月31日")
    assert doc.metadata.effective is None  # 自公布之日起30日后施行: the day it is published is not in the text
    assert doc.targets == [] and doc.indicators == [] and doc.citations == []
    assert all(chrome not in doc.source.text for chrome in ("中国政府网", "市级部门相关网站", "委属单位网站", "委员会发布"))
    records = [*doc.headings, *doc.measures, *doc.passages]
    assert all(doc.source.text[u.span.start : u.span.end] == u.span.quote for u in records)


MINISTRY_PLAN = "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt"


def test_a_ministry_s_plan_republished_by_a_county_site_reads_as_the_ministry_s() -> None:
    """026, 市场监管总局's 十四五 plan as the zone's site republished it, its body scraped onto line 10. The page's 标题 (the
    issuing notice's title) names the issuer; its 发布机构 is only the bureau that republished it. The notice's signature
    runs into the plan's title (市场监管总局2022年7月29日（此件公开发布）“十四五”…规划): the title is what follows it. The
    dump's 本地目录 line, a path ending in the notice's title, is no notice; the plan the notice issues is no citation of
    it. Boxes run into the sentence before them (。专栏2：…) and their first item ((…行动（一）…), and their items numbered
    （一）… go on while the box's own numbering does: 三、's （二） after 专栏2's （七） is the text's again. The scrape lost
    the labels of 专栏3 and 专栏5; their items, numbered from （一） again between 三、's （二） and （三） and between its （三）
    and （四）, are those boxes' projects, the boxes without the number or title the text no longer gives them."""
    doc = parsed(MINISTRY_PLAN)
    assert doc.metadata.notice is None
    assert [h.title for h in parts(doc)] == ["编制背景", "总体要求", "发展任务", "保障措施"]
    boxes = [h for h in doc.headings if h.kind == "box" and h.number != "专栏1"]
    assert [(h.number, h.title, h.eid) for h in boxes] == [
        ("专栏2", "重点产业质量认证提升行动", "box_2"),
        ("", "", "box_3"),
        ("专栏4", "检验检测助推产业升级行动", "box_4"),
        ("", "", "box_5"),
        ("专栏6", "“合格评定，畅通世界”行动", "box_6"),
    ]
    assert [[p.number for p in doc.projects if p.box is box] for box in boxes] == [
        paren(7),
        paren(4),
        paren(5),
        paren(6),
        paren(5),
    ]
    unlabelled = [[p.text for p in doc.projects if p.box is box] for box in (boxes[1], boxes[3])]
    assert [(items[0][:15], items[-1][:15]) for items in unlabelled] == [
        ("（一）提升认证从业机构创新能力", "（四）推动认证行业数字化发展组"),
        ("（一）推进法规体系建设加快推进", "（六）强化队伍建设进一步推动省"),
    ]
    assert boxes[1].span.quote.endswith("促进认证检测专业管理软件、智能检测设备、数据应用终端等数字技术发展。")
    assert boxes[3].span.quote.endswith(
        "加强基层市场监管所认证检测监管人员的配备，大力加强对各级市场监管部门的认证检测监管队伍的培训，扩大培训覆盖面。"
    )
    assert [m.text[:13] for m in doc.measures if not m.safeguard] == [
        "（一）全方位服务高质量发展",
        "（二）加快实现行业做强做优",
        "（三）大力提升行业治理能力",
        "（四）切实提高国际合作水平",
        "（五）着力夯实基础支撑体系",
    ]
    assert [p.text[:9] for p in doc.projects if p.box is boxes[0]][1:3] == ["（二）加快推行统一", "（三）制定合格评定"]
    tasks = parts(doc)[2]
    assert next(m for m in doc.measures if m.text.startswith("（五）着力夯实基础支撑体系")).parent is tasks
    assert not any(p.text.startswith("（五）着力夯实") for p in doc.projects)  # after 专栏6's （五）: the text's again
    safeguards = [(m.number, m.heading) for m in doc.measures if m.safeguard]
    assert safeguards == [
        ("（一）", "加强组织领导。"),
        ("（二）", "完善投入保障。"),
        ("（三）", "强化宣传引导。"),
        ("（四）", "严格实施评估。"),
    ]
    assert [(c.title, c.basis) for c in doc.citations[:2]] == [
        ("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", True),
        ("“十四五”市场监管现代化规划", True),
    ]
    assert "“十四五”认证认可检验检测发展规划" not in {c.title for c in doc.citations}
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.projects]
    assert all(doc.source.text[u.span.start : u.span.end] == u.span.quote for u in records)


MINISTRY_TABLE = [  # 专栏1 as FACTS.md reads it: (name, unit) of the rows no category runs into; all 预期性
    ("获得认可的认证证书数量", "万张"),
    ("获证组织总数", "万家"),
    ("对外出具检验检测报告数", "亿份"),
    ("获得资质认定的检验检测机构数量", "家"),
    ("获得认可的合格评定机构数量", "家"),
    ("认证从业人员数量", "万人"),
    ("检验检测从业人员数量", "万人"),
    ("检验检测认证服务业营业总收入", "亿元"),
    ("加入IEC互认体系合格评定机构数", "家"),
    ("参与制定合格评定国际标准项数", "项"),
    ("检验检测认证机构国际认可互认占比", "%"),
    ("合格评定认可制度国际互认度", "%"),
    ("合格评定行业标准数", "个"),
    ("获得高新技术企业认定的机构数", "家"),
    ("国产检验检测仪器设备资产原值占比", "%"),
    ("国家质检中心数量", "家"),
]


def test_a_table_run_into_its_box_title_whose_rows_have_no_serial_numbers() -> None:
    """026, 专栏1: the box's title runs into the table's header (…主要发展指标指标名称2020年2025年指标性质), the rows have no
    serial number and carry their units in brackets, each ends with its attribute. The rows are read by that frame, their
    values (270320: two run together) are not; nor are the 4 rows a category's cell runs into (·服务效能有效认证证书总数),
    where nothing tells the category from the name; both are said in warnings."""
    doc = parsed(MINISTRY_PLAN)
    table = next(h for h in doc.headings if h.number == "专栏1")
    assert (table.kind, table.title, table.parent.title) == ("table", "“十四五”主要发展指标", "总体要求")
    assert [(i.name, i.unit) for i in doc.indicators] == MINISTRY_TABLE
    assert all(i.table is table and i.attribute == "预期性" and i.values == [] and i.category == "" for i in doc.indicators)
    assert all(doc.source.text[i.name_span.start : i.name_span.end] == i.name for i in doc.indicators)
    assert doc.indicators[-1].span.quote == "国家质检中心数量（家）852900预期性"
    assert doc.warnings == [
        "table 专栏1: the values of its 16 rows run together with nothing between the columns ('127.6150' …): not read",
        "table 专栏1: 4 rows whose category runs into their name ('·服务效能有效认证证书总数' …): not read",
    ]
    assert next(h for h in doc.headings if h.number == "三、").parent is None  # the table ends where 三、 begins


DECISION = "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html"


def test_a_decision_of_one_paragraph_is_read_as_its_one_measure() -> None:
    """027, a 决定 of the State Council as www.gov.cn gave it: no parts, no items, one paragraph that decides and
    requires. An official document, its 文号 on a line of its own above the text, is policy content however short;
    without any heading its paragraph of sentences is its task. The title wrapped over three centred lines, the 文号,
    the addressees and the signature (国务院 alone on its line, the date, （此件公开发布）) are not its text."""
    doc = parsed(DECISION)
    assert doc.headings == [] and doc.passages == []
    assert [(m.number, m.parent, m.text[:14], m.text[-12:]) for m in doc.measures] == [
        ("", None, "为进一步支持海南省试点发展国", "卫生主管部门同意后实施。")
    ]
    assert [(c.title, c.basis) for c in doc.citations] == [("中华人民共和国药品管理法实施条例", False)]
    assert doc.targets == [] and doc.indicators == [] and doc.projects == []
    measure = doc.measures[0]
    assert doc.source.text[measure.span.start : measure.span.end] == measure.span.quote


RELAYED_PLAN = "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt"


def test_a_ministries_plan_a_county_relays_reads_as_the_plan_the_forwarded_notice_issues() -> None:
    """028, the zone's 安委会办公室 relays (关于转发《…》的通知) the notice by which two ministries issued their 十四五 plan,
    the whole page scraped onto line 10. The relay reproduces that notice whole (title, 文号, addressees, text,
    signature), run into its own signature: the plan is that notice's, its issuers, 文号 and date are its. The relay's
    name for the notice it passes on (《应急管理部 国家矿山安全监察局关于印发<“十四五”矿山安全生产规划>的通知》) and the short
    name it gives it (以下简称《“十四五”规划》, said three times) are no citations. 三、's eight items are titles of parts
    holding the tasks 1.–28., numbered on across them."""
    doc = parsed(RELAYED_PLAN)
    notice = doc.metadata.notice
    assert notice is not None and notice.title.value == "应急管理部 国家矿山安全监察局关于印发《“十四五”矿山安全生产规划》的通知"
    assert [f.value for f in notice.issuers] == ["应急管理部", "国家矿山安全监察局"]
    assert (notice.doc_number and notice.doc_number.value, notice.date and notice.date.value) == (
        "应急〔2022〕64号",
        "2022-07-19",
    )
    assert [h.title for h in parts(doc)] == ["现状与形势", "指导思想和规划目标", "主要任务", "重大工程", "保障措施"]
    assert [h.role for h in parts(doc)] == ["background", "requirements", "", "", ""]
    tasks = parts(doc)[2]
    groups = [h for h in doc.headings if h.parent is tasks]
    assert [(h.number, h.title) for h in groups] == [
        ("（一）", "健全安全法治体系。"),
        ("（二）", "健全安全责任体系。"),
        ("（三）", "健全防灾治灾救灾体系。"),
        ("（四）", "强化科技支撑体系。"),
        ("（五）", "提升基础保障能力。"),
        ("（六）", "强化安全治本攻坚。"),
        ("（七）", "提升监管监察能力。"),
        ("（八）", "健全社会共治体系。"),
    ]
    numbered = [[m.number for m in doc.measures if m.parent is h] for h in groups]
    assert numbered == [
        [f"{n}." for n in range(a, b + 1)] for a, b in ((1, 4), (5, 7), (8, 10), (11, 14), (15, 18), (19, 21), (22, 24), (25, 28))
    ]
    assert [m.heading for m in doc.measures if m.parent is groups[0]] == [
        "完善矿山安全法律法规。",
        "加强矿山安全标准建设。",
        "健全普法工作长效机制。",
        "严格规范精准执法。",
    ]
    assert next(m for m in doc.measures if m.number == "28.").text.endswith("交流经验做法，促进矿山安全生产工作。")
    assert [(c.title, c.basis) for c in doc.citations[:5]] == [
        ("中华人民共和国安全生产法", True),
        ("中华人民共和国矿山安全法", True),
        ("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", True),
        ("“十四五”国家应急体系规划", True),
        ("“十四五”国家安全生产规划", True),
    ]
    titles = {c.title for c in doc.citations}
    assert not titles & {"“十四五”规划", "应急管理部 国家矿山安全监察局关于印发<“十四五”矿山安全生产规划>的通知"}
    assert doc.indicators == []
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.projects, notice]
    assert all(doc.source.text[u.span.start : u.span.end] == u.span.quote for u in records)


def test_a_ministries_plan_s_major_projects_are_projects_not_measures() -> None:
    """028's 四、重大工程 lists six programmes, each a numbered item titled by the undertaking it names
    (（一）重大灾害治理工程。…), as a 专栏 would: they are the unit's projects, none a measure, each with its span."""
    doc = parsed(RELAYED_PLAN)
    major = parts(doc)[3]
    assert (major.title, major.projects) == ("重大工程", True)
    assert not any(m.parent is major for m in doc.measures)
    assert [(p.number, p.title, p.eid) for p in doc.projects] == [
        ("（一）", "重大灾害治理工程", "chp_4__item_1"),
        ("（二）", "尾矿库安全风险综合治理工程", "chp_4__item_2"),
        ("（三）", "矿山安全信息化建设工程", "chp_4__item_3"),
        ("（四）", "矿山智能化建设工程", "chp_4__item_4"),
        ("（五）", "矿山从业人员安全素质提升工程", "chp_4__item_5"),
        ("（六）", "监管监察能力提升工程", "chp_4__item_6"),
    ]
    assert all(p.box is major for p in doc.projects)
    assert doc.projects[0].text.startswith("（一）重大灾害治理工程。深入开展煤与瓦斯突出矿井")
    assert doc.projects[-1].text.endswith("各省级局所属安全技术中心矿山生产安全事故分析鉴定和防控技术支撑平台。")
    assert len(doc.measures) == 31  # the tasks 1.–28. and three of 五、保障措施's four items
    records = [*doc.projects]
    assert all(doc.source.text[u.span.start : u.span.end] == u.span.quote for u in records)


def test_a_unit_of_major_projects_is_typed_so_and_its_projects_conform() -> None:
    """In the graph, 028's 四、重大工程 is a chapter and a pk:MajorProjects, whose six items are pk:Projects of it: the
    shapes admit them (pks:Project-parent), and would not if the unit were a chapter only."""
    from pyoxigraph import Triple

    from plankg.graph.vocab import PK
    from plankg.loaders.triples import document_quads, plan_identity
    from plankg.validation.shacl import validate_triples

    doc, region = parse_document(REAL / RELAYED_PLAN)
    triples = [Triple(q.subject, q.predicate, q.object) for q in document_quads(doc, region)]
    unit = f"{plan_identity(doc, region)[1]}/chp_4"
    assert {t.object.value for t in triples if t.subject.value == unit and t.predicate.value.endswith("#type")} == {
        str(PK.Chapter),
        str(PK.MajorProjects),
    }
    parts_of = {t.subject.value for t in triples if t.predicate.value == str(PK.partOf) and t.object.value == unit}
    assert parts_of == {f"{unit}__item_{n}" for n in range(1, 7)}

    def violations(graph: list[Triple]) -> set[tuple[str, str]]:
        """The unit's and its items' violations (the plan's region and its bodies' places are other graphs')."""
        found = validate_triples("028", "", graph, "pyrudof").findings
        return {(f.key[0], f.key[1]) for f in found if f.key[2] == "Violation" and f.key[0].startswith(unit)}

    assert violations(triples) == set()
    chapter_only = [t for t in triples if not (t.subject.value == unit and t.object.value == str(PK.MajorProjects))]
    shape = "https://w3id.org/plankg/shapes#Project-parent"
    assert violations(chapter_only) == {(f"{unit}__item_{n}", shape) for n in range(1, 7)}


PLAN_REPORT = "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt"


def test_a_growth_rate_after_an_amount_is_the_rate_of_the_quantity_the_amount_is_of() -> None:
    """029's list of the year's targets gives most quantities an amount and then its growth (固定资产投资计划完成467亿元，
    增长18%): the rate, in a clause that does not repeat the name, is a target of that quantity (unit %, the year the list
    states), as 地区生产总值增长9.5% is; a space before the % (增长8.5 %) is the typesetter's."""
    doc = parsed(PLAN_REPORT)
    rates = [
        (t.name, t.values[0].as_written, t.values[0].unit, t.values[0].year)
        for t in doc.targets
        if t.span.quote.startswith("增长")
    ]
    assert rates == [
        ("固定资产投资", "增长18%", "%", 2017),
        ("社会消费品零售总额", "增长8.5%", "%", 2017),
        ("两岸往来人数", "增长15.0%", "%", 2017),
        ("新增台资企业数", "增长6.0%", "%", 2017),
        ("接待游客", "增长21.0%", "%", 2017),
        ("旅游总收入", "增长55.0%", "%", 2017),
        ("出口总值", "增长16.0%", "%", 2017),
        ("外商直接投资", "增长24.0%", "%", 2017),
        ("一般公共预算总收入", "增长32.9%", "%", 2017),
        ("地方一般公共预算收入", "增长18%", "%", 2017),
        ("城镇居民人均可支配收入", "增长8.5 %", "%", 2017),
        ("农村居民人均可支配收入", "增长8.0%", "%", 2017),
    ]
    assert all(doc.source.text[t.name_span.start : t.name_span.end] == t.name for t in doc.targets)
    assert all(doc.source.text[t.span.start : t.span.end] == t.span.quote for t in doc.targets)


def test_a_county_s_report_on_the_year_s_plan_reads_as_review_then_the_year_s_targets_and_measures() -> None:
    """029, the county's 计划执行情况及计划草案的报告, delivered at its congress by its bureau's head on the government's
    behalf, scraped onto line 10: 一、2016年计划执行情况 reviews the year past (its six items results, none a task or a
    target); 二、2017年预期目标和主要措施 lists the year's targets after its colon and arranges six items of measures. The
    report naming itself as delivered (我向大会作《…计划（草案）报告》) is no citation."""
    doc = parsed(PLAN_REPORT)
    review, year = parts(doc)
    assert [(h.title, h.role) for h in (review, year)] == [("2016年计划执行情况", "background"), ("2017年预期目标和主要措施", "")]
    assert [h.title for h in doc.headings if h.parent is review] == [
        "整体经济实力不断增强",
        "产业发展动力持续提升",
        "基础设施建设不断完善",
        "对外开放开发持续推进",
        "宜居环境建设取得新成效",
        "惠民保障体系加快健全",
    ]
    items = [h for h in doc.headings if h.parent is year]
    assert [h.title for h in items] == [
        "着力培育发展特色产业",
        "着力推进国际旅游岛建设",
        "着力扩大对外开放水平",
        "着力扩大投资促增长",
        "着力建设生态文明试验区",
        "着力提升民生事业保障水平",
    ]
    assert not any(m.parent is review or (m.parent and m.parent.parent is review) for m in doc.measures)
    assert not any(t.container is review or (t.container and t.container.parent is review) for t in doc.targets)
    assert [m.heading for m in doc.measures if m.parent is items[1]] == [
        "加快旅游基础设施建设。",
        "健全旅游配套服务设施。",
        "发展与旅游相融合的产业。",
    ]
    assert [m.heading for m in doc.measures if m.parent is items[2]] == [
        "打造对台合作平台。",
        "加快平潭自贸片区建设。",
        "打造“一带一路”开放合作区。",
    ]
    assert [m.heading for m in doc.measures if m.parent is items[3]] == [
        "加快推进“五个一批”及重点项目建设。",
        "加快推进重大基础设施项目建设。",
        "加快推进补短板投资工程包建设。",
        "加快推进市政配套设施建设。",
    ]
    assert doc.measures[16].text.startswith("加快推进“五个一批”及重点项目建设。落实好“五个一批”项目常态化管理。策划生成")
    assert [m.heading for m in doc.measures if m.parent is items[5]] == [
        "完善社会保障体系。",
        "继续实施教育提升工程。",
        "加快医疗卫生服务体系建设。",
        "促进科技文体事业发展。",
    ]
    assert next(m for m in doc.measures if m.heading == "推动发展现代农业。").text.endswith("推动农村产业融合发展。")
    assert [c.title for c in doc.citations] == ["平潭国际旅游岛建设方案", "平潭国际旅游岛建设方案", "平潭国际旅游岛发展规划"]
    assert len(doc.targets) == 29 and {v.year for t in doc.targets for v in t.values} == {2017}
    records = [*doc.headings, *doc.measures, *doc.passages, *doc.projects, *doc.targets]
    assert all(doc.source.text[u.span.start : u.span.end] == u.span.quote for u in records)


SHANGHAI_HOUSING = "032_shanghai_urban_renewal_housing_15th_plan_2026.md"
# 032's table (lines 36-159): 序号 | 指标 | 2025年基期值 | 2030年目标值 | 属性, a cell a line; 〔〕 a five-year total
SHANGHAI_HOUSING_TABLE = [  # (number, name, unit, attribute, base value, target as written)
    ("1", "城中村整体改造项目认定数量（个）", "个", "约束性", "〔70〕", "〔12〕"),
    ("2", "旧住房成套改造（含小梁薄板房屋改造）（万平方米）", "万平方米", "预期性", "〔129〕", "〔120〕"),
    ("3", "实施老旧小区改造面积（万平方米）", "万平方米", "预期性", "〔6880〕", "〔3000—4000〕"),
    ("4", "新增供应商品住房规模（万平方米）", "万平方米", "预期性", "〔4200〕", "〔2500—2800〕"),
    ("5", "新增供应各类住宅用地面积（公顷）", "公顷", "预期性", "〔2921〕", "〔1800—2300〕"),
    ("6", "新增供应保障性租赁住房数量（万套（间））", "万套（间）", "预期性", "〔26.7〕", "〔25—27〕"),  # a bracket in the unit
    ("7", "新增筹措供应新时代城市建设者管理者之家床位数量（万张）", "万张", "预期性", "〔7.3〕", "〔12〕"),
    ("8", "推动商办楼宇更新数量（栋）", "栋", "预期性", "/", "〔150〕"),
    ("9", "更新商业设施面积（万平方米）", "万平方米", "预期性", "〔260〕", "〔500〕"),
    ("10", "推进重点更新片区数量（个）", "个", "预期性", "/", "〔20〕"),
    ("11", "提升和新建“美丽街区”数量（个）", "个", "预期性", "875", "1000"),
    ("12", "社区公共服务设施15分钟步行可达覆盖率（％）", "％", "预期性", "87.92", "95"),
    ("13", "成熟大型居住社区数量（个）", "个", "预期性", "29", "32"),
    ("14", "重点小区物业治理提升数量（个）", "个", "预期性", "/", "〔1500〕"),
    ("15", "区管及以上美丽幸福河湖建成率（％）", "％", "预期性", "21", "70"),
    ("16", "改建或新建口袋公园数量（座）", "座", "预期性", "〔393〕", "〔200〕"),
    ("17", "新增达到海绵城市建设要求的城市建成区面积（平方公里）", "平方公里", "预期性", "〔295.8〕", "〔450〕"),
    ("18", "既有建筑节能改造面积（万平方米）", "万平方米", "预期性", "〔3200〕", "〔5000〕"),
    ("19", "为居民用户更换切断型智能燃气表数量（万台）", "万台", "预期性", "〔305〕", "〔500〕"),
]


def test_a_table_of_five_year_totals_and_ranges() -> None:
    """032: the header's 2025年基期值 is the base year's value and 2030年目标值 the target; a value in 〔〕 is the
    number inside (a five-year total, as the note under the table says), a range its two ends and no number."""
    doc = parsed(SHANGHAI_HOUSING)
    rows = [
        (i.number, i.name, i.unit, i.attribute, *(v.as_written for v in i.values))
        for i in doc.indicators
        if [(v.year, v.kind) for v in i.values] == [(2025, "actual"), (2030, "target")]
    ]
    assert rows == SHANGHAI_HOUSING_TABLE
    first, third = doc.indicators[0], doc.indicators[2]
    assert [(v.number, v.bounds) for v in first.values] == [(70.0, None), (12.0, None)]
    assert [(v.number, v.bounds) for v in third.values] == [(6880.0, None), (None, (3000.0, 4000.0))]
    sixth = doc.indicators[5]  # 万套（间）: ten thousand sets or rooms
    assert [(v.number, v.bounds, v.scale) for v in sixth.values] == [(26.7, None, 1e4), (None, (25.0, 27.0), 1e4)]
    assert [line(doc, v.span) for v in first.values] == [47, 48]  # 1, a blank line, the name, then its values
    assert not [p for p in doc.passages if 36 <= line(doc, p.span) <= 159]  # no cell read as a paragraph
