"""Quantified undertakings, one phenomenon per sentence: verbs single and compound, the object after the count,
lists of counts after one verb, 对…进行…, and the counts that are no undertaking (results, frequencies, standards,
existing stock, ranges, article numbers, names of bodies, targets).

The sentences follow the wording of real plans (the corpus, tests/fixtures/real and the genre fixtures say where);
the documents themselves are asserted in test_structure.py and test_real_documents.py.
"""

from __future__ import annotations

import pytest

from plankg.loaders.undertakings import undertakings


def read(sentence: str) -> list[tuple[str, str, float, str, str]]:
    """(span quote, title, count, unit, qualifier) of each undertaking in the sentence."""
    found = []
    for u in undertakings(sentence, 0, len(sentence)):
        assert sentence[u.count[0] : u.count[1]].replace(",", "").startswith(str(u.value).removesuffix(".0"))
        found.append((sentence[u.span[0] : u.span[1]], u.title, u.value, u.unit, u.qualifier))
    return found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the object after the count is kept (genre fixture city_measures_validity.txt line 6; real 009 line 68)
        (
            "每个区（市）县至少建成运营1个社区养老服务综合体。",
            [("建成运营1个社区养老服务综合体", "建成运营1个社区养老服务综合体", 1.0, "个", "")],
        ),
        (
            "推进初期雨水调蓄池和泵站截流设施建设，建成中心城区6座污水处理厂初期雨水调蓄工程，推进后续提标工程。",
            [("建成中心城区6座污水处理厂初期雨水调蓄工程", "建成中心城区6座污水处理厂初期雨水调蓄工程", 6.0, "座", "")],
        ),
        # the object before the count (corpus 004 line 16), with a hedge (corpus 003 line 554)
        ("新建风采长者饭堂6间,浈江区、武江区各3间。", [("新建风采长者饭堂6间", "新建风采长者饭堂6间", 6.0, "间", "")]),
        ("培训养老护理员不少于2万人次。", [("培训养老护理员不少于2万人次", "培训养老护理员不少于2万人次", 2.0, "万人次", "")]),
        # compound verbs
        (
            "开工建设9000个公共停车位，新增3000个错峰共享停车位。",
            [
                ("开工建设9000个公共停车位", "开工建设9000个公共停车位", 9000.0, "个", ""),
                ("新增3000个错峰共享停车位", "新增3000个错峰共享停车位", 3000.0, "个", ""),
            ],
        ),
        (
            "指导和支持新建、改扩建3个县级未成年人救助保护中心。",
            [("新建、改扩建3个县级未成年人救助保护中心", "新建、改扩建3个县级未成年人救助保护中心", 3.0, "个", "")],
        ),
        (
            "更新投运无障碍低地板公交车1200辆。",
            [("更新投运无障碍低地板公交车1200辆", "更新投运无障碍低地板公交车1200辆", 1200.0, "辆", "")],
        ),
        # one verb, a list of counts: one undertaking per item, each spanning its own count and object
        (
            "培养培训60名养老师资、500名养老院院长。",
            [
                ("培养培训60名养老师资", "培养培训60名养老师资", 60.0, "名", ""),
                ("500名养老院院长", "培养培训500名养老院院长", 500.0, "名", ""),
            ],
        ),
        (
            "每年培训100名以上职业经理人、500名以上专业养老护理员,350名以上老年社会工作者和220名以上营养师。",
            [
                ("培训100名以上职业经理人", "培训100名以上职业经理人", 100.0, "名", "以上"),
                ("500名以上专业养老护理员", "培训500名以上专业养老护理员", 500.0, "名", "以上"),
                ("350名以上老年社会工作者", "培训350名以上老年社会工作者", 350.0, "名", "以上"),
                ("220名以上营养师", "培训220名以上营养师", 220.0, "名", "以上"),
            ],
        ),
        (
            "三年累计完成1990个积水点改造及28个空洞点位修复工作。",
            [
                ("完成1990个积水点改造", "完成1990个积水点改造", 1990.0, "个", ""),
                ("28个空洞点位修复工作", "完成28个空洞点位修复工作", 28.0, "个", ""),
            ],
        ),
        (
            "新建城市社区养老服务中心50个、农村互助养老服务点100个。",
            [
                ("新建城市社区养老服务中心50个", "新建城市社区养老服务中心50个", 50.0, "个", ""),
                ("农村互助养老服务点100个", "新建农村互助养老服务点100个", 100.0, "个", ""),
            ],
        ),
        # the count is what an action is done to or for (real 007 line 50)
        (
            "对300个公交站台进行适老化改造。",
            [("对300个公交站台进行适老化改造", "对300个公交站台进行适老化改造", 300.0, "个", "")],
        ),
        (
            "为300户困难家庭实施适老化改造。",
            [("为300户困难家庭实施适老化改造", "为300户困难家庭实施适老化改造", 300.0, "户", "")],
        ),
        # a verb of support heads an undertaking of building (corpus 002 lines 497, 601; 001 line 495)
        (
            "每年支持10个老旧小区建设养老服务设施。",
            [("支持10个老旧小区建设养老服务设施", "支持10个老旧小区建设养老服务设施", 10.0, "个", "")],
        ),
        (
            "支持2万户困难家庭实施适老化改造。",
            [("支持2万户困难家庭实施适老化改造", "支持2万户困难家庭实施适老化改造", 2.0, "万户", "")],
        ),
        # a number inside the object or before the count is no count of its own
        ("建设“15分钟生活圈”10个。", [("建设“15分钟生活圈”10个", "建设“15分钟生活圈”10个", 10.0, "个", "")]),
        (
            "综合治理水土流失面积100平方公里，完成造林10万亩。",
            [
                ("治理水土流失面积100平方公里", "治理水土流失面积100平方公里", 100.0, "平方公里", ""),
                ("完成造林10万亩", "完成造林10万亩", 10.0, "万亩", ""),
            ],
        ),
        # a number with thousands separators, an approximate count (余)
        (
            "新建养老服务站点200余个，建设1,000个社区食堂。",
            [
                ("新建养老服务站点200余个", "新建养老服务站点200余个", 200.0, "个", "余"),
                ("建设1,000个社区食堂", "建设1,000个社区食堂", 1000.0, "个", ""),
            ],
        ),
        # Traditional script, read by the same rules, quoted as written (corpus 002 line 655)
        (
            "在全市建設5個社工工作優良縣市區、30個五星級鄉鎮(街道)社工站。",
            [
                ("建設5個社工工作優良縣市區", "建設5個社工工作優良縣市區", 5.0, "個", ""),
                ("30個五星級鄉鎮(街道)社工站", "建設30個五星級鄉鎮(街道)社工站", 30.0, "個", ""),
            ],
        ),
    ],
)
def test_undertakings_are_read_with_their_object(sentence: str, expected: list) -> None:
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "“十三五”以来，全县建成农村敬老院12所，覆盖率逐年提高。",  # a result of the past
        "截至2020年底，全市已建成养老床位3万张。",  # done
        "市级新增了34个指标。",  # done (real 005 line 50)
        "区级体检指标传导沿用住房城乡建设部65个基础性指标和市级新增34个指标的同时，增加体现本区特色的指标。",  # 005:58
        "每年开展2次以上集中演练。",  # a frequency (corpus 000 line 283)
        "保洁频率提升至15天完成1次全线机械清理、冲洗。",  # a frequency (real 007 line 44)
        "新建居住区按每百户20平方米配建养老服务设施。",  # a per-unit standard
        "持续推进我市现有18个城市社区居家养老服务中心试点运营工作。",  # existing stock (corpus 004 line 16)
        "每个县(市、区)建设(含新建和改建、扩建)1至2所应急储备养老服务设施。",  # a range (corpus 001 line 500)
        "实施本办法第3条规定的补贴。",  # an article number
        "完成2023年度目标任务。",  # a year
        "人行道整治面积不低于300万平方米。",  # a target with its comparator: an indicator (real 007 line 38)
        "到2025年，全市养老服务床位总数达到4万张。",  # a target: no verb of doing governs the count
        "依托现有设施等设立的旅居养老服务达5000张。",  # a relative clause (corpus 000 line 276)
        "支持引导100个社会组织参与乡村振兴和基层社会治理。",  # support, but of no building (corpus 000 line 297)
        "“十三五”以来，为3000户困难家庭实施适老化改造。",  # a result of the past
        "成为10个示范社区之一。",  # 成为 is no 为 of an undertaking
    ],
)
def test_counts_that_are_no_undertaking(sentence: str) -> None:
    assert read(sentence) == []
