"""Notices that issue a plan, read from real documents: the plan's own title, the notice's title and facts.

Excerpts, unchanged, of official Shanghai documents as the repository zhiyao87/Shanghai-Gov-Docs-Index (commit
49f4bb7b24691276dec660a576f20a54a0c46b63) keeps them under docs/, each from its title down to the first items:
- 城市更新与历史保护/上海市松江区人民政府办公室关于转发区建设管理委制订的《松江区城市更新2025年度实施计划》的通知.md
- 城市更新与历史保护/上海市静安区人民政府关于批转区文化局《关于进一步加强静安区文物保护工作的实施意见》的通知.md
"""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import ParsedDocument

# 转发: the notice passes on a plan a district commission drafted, naming the commission before the 《》.
SONGJIANG = """# 上海市松江区人民政府办公室关于转发区建设管理委制订的《松江区城市更新2025年度实施计划》的通知

各镇人民政府、街道办事处，区政府各部门：

经区政府第97次常务会议通过，现将《松江区城市更新2025年度实施计划》转发给你们，请遵照执行。

2025年7月15日

松江区城市更新2025年度实施计划

为深入贯彻党的二十大、二十届三中全会精神，落实市委市政府、区委区政府总体工作部署，坚决、稳妥、有序推进城市更新，我区城市更新工作坚持以总规为引领，深入践行人民城市重要理念，聚焦市委对松江“四个区”的功能定位，统筹民生改善和高质量发展，优化空间布局，补齐短板弱项，探索可持续城市更新模式。现就松江区城市更新2025年度实施计划分解如下：

一、行动任务

围绕城市更新“六大行动”，分类梳理包括区域更新、民生改善、设施优化、风貌保护、产业转型、商业再造等方面共22项任务。在综合区域整体焕新方面，强调先行先试，加强全要素统筹协调；在人居环境品质提升方面，强调筑梦安居，不断增进民生福祉；在公共空间设施优化方面，强调功能提升，系统提高城市应对风险能力；在历史风貌魅力重塑方面，强调保护传承，合理引导空间载体活化利用；在产业园区提质增效方面，强调产业升级，培育新兴产业发展优势；在商业商务活力再造方面，强调盘活存量，营造功能多元的新业态环境。

（一）综合区域整体焕新行动

1.加力推进经开区中部SJC1-0013单元松东路以西区域、九里亭秀浜城市更新项目。（牵头单位：经济技术开发区、九里亭街道，支撑单位：区规划资源局、区建设管理委、区经委）
"""

# 批转: the district government approves and passes on its culture bureau's opinion; the opinion's title wraps.
JINGAN = """# 上海市静安区人民政府关于批转区文化局《关于进一步加强静安区文物保护工作的实施意见》的通知

区政府各委、办、局，各街道办事处、彭浦镇政府：

区文化局《关于进一步加强静安区文物保护工作的实施意见》已经区政府第73次常务会议通过，现批转给你们，请遵照执行。

关于进一步加强静安区文物保护工作的

实施意见

为了深入贯彻十九大精神、认真落实习近平总书记、李克强总理关于文物工作重要指示和批示精神，以及全国文物工作会议、上海市文物工作会议精神，进一步做好本区的文物保护管理工作，增强相关部门和人员的保护责任感，提高全社会文物保护意识，充分发挥文物资源在传承弘扬中华优秀传统文化、建设“国际静安，圆梦福地”中的重要作用，按照《中华人民共和国文物保护法》、《中华人民共和国文物保护法实施条例》、《上海市文物保护条例》等相关法律法规，国家文物局《关于进一步加强不可移动文物基础工作的通知》（文物保函〔2015〕1746号）、国务院《关于进一步加强文物工作的指导意见》（国发〔2016〕17号）、上海市人民政府《关于进一步加强文物工作的实施意见》（沪府发〔2017〕31号）、上海市文物局《关于贯彻落实<上海市人民政府关于进一步加强文物工作的实施意见>责任分工的函》等文件精神，制定本实施方案。

一、基本原则

坚持“保护为主、抢救第一、合理利用、加强管理”的文物工作方针，依法科学地保护不可移动文物的真实性和完整性，正确处理经济社会发展与文物保护的关系，做到文物保护和开发利用相结合。
"""


def _parse(tmp_path: Path, name: str, text: str) -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path)[0]


def _facts(doc: ParsedDocument) -> dict[str, object]:
    meta = doc.metadata
    assert meta.title is not None and meta.title.span is not None and meta.notice is not None
    assert doc.source.text[meta.title.span.start : meta.title.span.end] == meta.title.span.quote
    return {
        "title": meta.title.value,
        "notice": meta.notice.title.value,
        "issuers": [f.value for f in meta.issuers],
        "date": meta.date.value if meta.date else None,
        "genre": meta.doc_type.value if meta.doc_type else None,
        "period": meta.period.value if meta.period else None,
    }


def test_a_notice_passing_on_a_plan_another_body_drafted(tmp_path: Path) -> None:
    """关于转发区建设管理委制订的《…》的通知: the plan is the 实施计划 it passes on, not the notice."""
    doc = _parse(tmp_path, "songjiang.md", SONGJIANG)
    assert _facts(doc) == {
        "title": "松江区城市更新2025年度实施计划",
        "notice": "上海市松江区人民政府办公室关于转发区建设管理委制订的《松江区城市更新2025年度实施计划》的通知",
        "issuers": ["上海市松江区人民政府办公室"],
        "date": "2025-07-15",
        "genre": "action-plan",
        "period": "2025",
    }
    assert [m.number for m in doc.measures] == ["1."]


def test_a_notice_approving_and_passing_on_a_bureau_s_opinion(tmp_path: Path) -> None:
    """关于批转区文化局《…》的通知: the plan is the bureau's 实施意见, its title wrapped over two lines."""
    doc = _parse(tmp_path, "jingan.md", JINGAN)
    assert _facts(doc) == {
        "title": "关于进一步加强静安区文物保护工作的实施意见",
        "notice": "上海市静安区人民政府关于批转区文化局《关于进一步加强静安区文物保护工作的实施意见》的通知",
        "issuers": ["上海市静安区人民政府"],
        "date": None,
        "genre": "opinion",
        "period": None,
    }
