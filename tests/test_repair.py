"""Text from PDF text layers is read repaired, and its spans still quote the original characters.

The extracted texts are written here from real documents the way PDF text layers come out: page numbers
("- 3 -"), a form feed and the running header between the halves of a paragraph a page end cut, stray spaces
where a justified line wrapped ("风采长者 饭堂"), numbers set apart like Latin words ("2021 年"), and a
letter-spaced title. A PDF printed by LibreOffice with a running header and page numbers is read too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from plankg.loaders.clean import split_lines
from plankg.loaders.pdf import pdf_to_text
from plankg.loaders.pipeline import parse_document
from plankg.loaders.read import read_source
from plankg.loaders.repair import repair
from plankg.loading.documents import bundled_corpus
from tests.test_formats import content, missing_tool
from tests.test_pages import parts

CORPUS = bundled_corpus()
REAL = Path(__file__).parent / "fixtures" / "real"
WORK_PLAN = "004_816c855b418fc27c"
OPINION = "002_xiangcun_zhenxing_opinion_2018.txt"
OPINION_TITLE = "中共中央 国务院关于实施乡村振兴战略的意见"
_HAN = "\u4e00-\u9fff"


def extracted(text: str, header: str, page_chars: int = 1500, wrap: int = 37) -> str:
    """A text as a PDF text layer gives it: one paragraph a line, blank lines between, and per page a cut
    paragraph with the page number, a form feed and the running header between its halves."""
    out: list[str] = []
    page, size = 1, 0
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if re.search("[，。,；]", line):
            line = re.sub(f"(?<=[{_HAN}])(?=\\d)|(?<=\\d)(?=[{_HAN}])", " ", line)  # numbers set apart
            # a stray space where a justified line wrapped, between two Han characters
            line = "".join(
                c
                + (
                    " "
                    if i % wrap == wrap - 1 and re.match(f"[{_HAN}]", c) and re.match(f"[{_HAN}]", line[i + 1 : i + 2])
                    else ""
                )
                for i, c in enumerate(line)
            )
        if size > page_chars and len(line) > 80:
            cut = next(i for i in range(len(line) // 2, len(line)) if re.match(f"[{_HAN}]", line[i - 1]))
            out.append(f"{line[:cut]}\n\n- {page} -\n\f{header}\n\n{line[cut:]}")
            page, size = page + 1, 0
        else:
            out.append(line)
        size += len(line)
    return "\n\n".join(out) + "\n"


# crawlers' texts, each body run together on one line
RUN_ON = {
    "012_pingtan_yacht_tourism_measures_2023.txt",
    "013_pingtan_suping_work_plan_2022.txt",
    "016_pingtan_14th_fyp_outline_2021.txt",
    "017_pingtan_government_work_report_2024.txt",
    "018_pingtan_junshan_work_summary_and_plan_2025.txt",
    "024_fuzhou_local_tax_international_tax_work_notice_2013.txt",
    "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt",
    "028_mem_nmsa_14th_fyp_mine_safety_plan_relayed_2022.txt",
    "029_pingtan_county_2016_plan_execution_and_2017_plan_draft_report_2017.txt",
    "031_pingtan_14th_fyp_proposal_2021.txt",
}


def test_ordinary_text_is_never_repaired() -> None:
    real = [p for p in sorted(REAL.glob("*.txt")) if p.name not in RUN_ON]
    files = sorted(CORPUS.glob("*.txt")) + real + sorted(REAL.glob("0*.md"))
    assert len(files) >= 12
    for path in files:
        text = read_source(path).text
        assert repair(text, split_lines(text)) is None, path.name


def test_stray_spaces_and_page_breaks_are_repaired_with_spans_on_the_original(tmp_path: Path, parsed) -> None:
    text = read_source(CORPUS / f"{WORK_PLAN}.txt").text
    pdf_text = extracted(text, "韶关市民政局文件")
    path = tmp_path / f"{WORK_PLAN}.txt"
    path.write_text(pdf_text, encoding="utf-8")
    shutil.copy(CORPUS / f"{WORK_PLAN}.meta.json", tmp_path)
    assert "新建风采长者饭堂 6 间" in pdf_text and "\f韶关市民政局文件" in pdf_text
    doc, _ = parse_document(path)
    # the same work plan as the clean text: parts, items, projects, quantities and citations
    assert content(doc) == content(parsed[f"{WORK_PLAN}.txt"])
    assert [[(q.value, q.unit) for q in p.quantities] for p in doc.projects] == [
        [(q.value, q.unit) for q in p.quantities] for p in parsed[f"{WORK_PLAN}.txt"].projects
    ]
    # 004 line 16: the project is read repaired; its span quotes the extracted text, spaces and all
    canteens = next(p for p in doc.projects if p.title.startswith("新建风采长者饭堂"))
    assert canteens.title == "新建风采长者饭堂6间"
    assert canteens.span.quote == "新建风采长者饭堂 6 间"
    spans = (
        [h.span for h in doc.headings]
        + [m.span for m in doc.measures]
        + [p.span for p in doc.projects]
        + [q.span for p in doc.projects for q in p.quantities]
        + [c.span for c in doc.citations]
        + [d.span for d in doc.dropped]
    )
    assert all(pdf_text[s.start : s.end] == s.quote for s in spans)
    assert doc.source.text == pdf_text
    pages = pdf_text.count("\f")
    assert pages >= 3
    dropped = [(d.reason, d.span.quote) for d in doc.dropped]
    assert dropped == [
        r
        for pair in zip(
            [("page number", f"- {n} -") for n in range(1, pages + 1)],
            [("running header", "韶关市民政局文件")] * pages,
            strict=True,
        )
        for r in pair
    ]
    # a measure a page break cut is one measure whose span runs over the break
    assert [m for m in doc.measures if "\f" in m.span.quote]
    assert not [m for m in doc.measures if "韶关市民政局文件" in m.text or "- 1 -" in m.text]


def test_a_letter_spaced_title_and_a_cut_paragraph_read_as_the_clean_text(tmp_path: Path) -> None:
    text = read_source(REAL / OPINION).text
    spaced = " ".join(OPINION_TITLE)  # 中 共 中 央   国 务 院 …: the gap between the issuers is wider
    pdf_text = extracted(text.replace(OPINION_TITLE, spaced, 1), OPINION_TITLE, page_chars=2500)
    assert pdf_text.startswith("中 共 中 央   国 务 院 关 于 实 施")
    view = repair(pdf_text, split_lines(pdf_text))
    assert view is not None
    assert view.text.splitlines()[0] == OPINION_TITLE  # the wider gap between the two issuers stays one space
    assert parts(view.text) == parts(text)
    path = tmp_path / "opinion.txt"
    path.write_text(pdf_text, encoding="utf-8")
    doc, _ = parse_document(path)
    assert content(doc) == content(parse_document(REAL / OPINION)[0])
    assert doc.metadata.title.span.quote == spaced  # the title read repaired, its span the letter-spaced line
    # the running header is the title itself: it goes where it stands beside a page break, the title line stays
    assert [r for r, _, _ in view.removed].count("running header") == pdf_text.count("\f")
    first = split_lines(pdf_text)[0]
    title = view.span(pdf_text, _span_of(view.text, OPINION_TITLE))
    assert (title.start, title.end) == (0, len(first.text)) and title.quote == spaced


def _span_of(text: str, quote: str):
    from plankg.loaders.records import Span

    start = text.index(quote)
    return Span.of(text, start, start + len(quote))


def test_single_symptoms_map_back_exactly() -> None:
    prose = "".join(f"第{i}项，保障困难群众基本生活，发放救 命钱，发展养 老服务。\n" for i in range(8))
    view = repair(prose, split_lines(prose))
    assert view is not None and view.text.splitlines()[0] == "第0项，保障困难群众基本生活，发放救命钱，发展养老服务。"
    at = view.text.index("救命钱")
    span = view.span(prose, _span_of(view.text[: at + 3], "救命钱"))
    assert span.quote == "救 命钱" and prose[span.start : span.end] == "救 命钱"
    # joint issuers and a heading number keep their space in a text that is otherwise repaired
    kept = prose + "第一章 总体要求，中共中央 国务院印发意见。\n"
    assert repair(kept, split_lines(kept)).text.splitlines()[-1] == "第一章 总体要求，中共中央 国务院印发意见。"
    # a slogan set apart once in ordinary text is the writer's (corpus 003 line 57: "乐善新吴 博爱高新")
    once = "打造“乐善新吴 博爱高新”慈善品牌，推进地名标 准化建设。\n"
    assert repair(once, split_lines(once)) is None


def test_a_pdf_with_a_running_header_and_page_numbers_reads_as_its_text(tmp_path: Path) -> None:
    """The 意见 printed by LibreOffice from Word: justified, a running header (its title) and "- N -" footers,
    paragraphs cut at page ends. The extracted paragraphs are the text's, one for one."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    text = read_source(REAL / OPINION).text
    document = Document()
    for line in (ln.strip() for ln in text.splitlines()):
        if line:
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(24)
    section = document.sections[0]
    section.header.paragraphs[0].text = OPINION_TITLE
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" -")
    document.save(tmp_path / "opinion.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing_tool("LibreOffice (soffice)")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "opinion.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    from pdfminer.high_level import extract_text

    raw = extract_text(tmp_path / "opinion.pdf")
    assert raw.count("\f") >= 10 and raw.count(OPINION_TITLE) > 10 and "- 2 -" in raw  # every page has both
    pdf_text = pdf_to_text((tmp_path / "opinion.pdf").read_bytes(), "opinion.pdf")
    assert pdf_text.rstrip("\n").split("\n\n") == [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert parts(pdf_text) == parts(text)
    doc, _ = parse_document(tmp_path / "opinion.pdf")
    assert content(doc) == content(parse_document(REAL / OPINION)[0])


def wrapped(text: str, width: int = 76, page_lines: int = 40) -> str:
    """A text as a text layer wraps it at the page's width: paragraphs indented by two ideographic spaces and
    broken into lines of `width` columns, short lines (headings) as they are, and every `page_lines` lines a
    page number and a form feed at the start of the next page's first line."""
    lines: list[str] = []
    for para in (ln.strip() for ln in text.splitlines()):
        if not para:
            continue
        if len(para) <= 30 and not re.search("[，。,；]", para):
            lines.append(para)
            continue
        line, columns = "\u3000\u3000", 4
        for c in para:
            w = 2 if re.match(f"[{_HAN}\u3000-\u303f\uff00-\uffef“”]", c) else 1
            if columns + w > width:
                lines.append(line)
                line, columns = "", 0
            line, columns = line + c, columns + w
        lines.append(line)
    out = []
    for i, line in enumerate(lines):
        if i and i % page_lines == 0:
            out += ["", f"- {i // page_lines} -", ""]
            line = "\f" + line
        out.append(line)
    return "\n".join(out) + "\n"


def test_text_wrapped_at_the_page_width_reads_as_its_paragraphs(tmp_path: Path, parsed) -> None:
    text = read_source(CORPUS / f"{WORK_PLAN}.txt").text
    pdf_text = wrapped(text)
    path = tmp_path / f"{WORK_PLAN}.txt"
    path.write_text(pdf_text, encoding="utf-8")
    shutil.copy(CORPUS / f"{WORK_PLAN}.meta.json", tmp_path)
    # 004 line 16 over several lines of the page
    assert "\u3000\u3000(十二)完善社区和居家养老服务体系。新建风采长者饭堂6间,浈江区、武江区各3\n间," in pdf_text
    doc, _ = parse_document(path)
    assert content(doc) == content(parsed[f"{WORK_PLAN}.txt"])
    spans = (
        [h.span for h in doc.headings]
        + [m.span for m in doc.measures]
        + [p.span for p in doc.projects]
        + [d.span for d in doc.dropped]
    )
    assert all(pdf_text[s.start : s.end] == s.quote for s in spans)
    assert [d.reason for d in doc.dropped] == ["page number"] * pdf_text.count("\f")
    item = next(m for m in doc.measures if m.number == "(十二)")
    assert "\n" in item.span.quote and "\n" not in item.text


def test_offsets_into_a_text_read_repaired_step_over_what_the_view_deleted(tmp_path: Path) -> None:
    """Lineage quotes a shared clause of a measure by offsets into its text: on the source they step over the
    stray spaces and the page furniture the repaired view deleted."""
    from plankg.loaders.repair import read_offsets

    text = read_source(CORPUS / f"{WORK_PLAN}.txt").text
    pdf_text = extracted(text, "韶关市民政局文件")
    path = tmp_path / f"{WORK_PLAN}.txt"
    path.write_text(pdf_text, encoding="utf-8")
    shutil.copy(CORPUS / f"{WORK_PLAN}.meta.json", tmp_path)
    doc, _ = parse_document(path)
    item = next(m for m in doc.measures if m.number == "(十二)")  # 004 line 16
    at = read_offsets(item.text, item.span.quote)
    assert at is not None
    clause = "新建风采长者饭堂6间"
    a = item.text.index(clause)
    start, end = item.span.start + at[a], item.span.start + at[a + len(clause) - 1] + 1
    assert pdf_text[start:end] == "新建风采长者饭堂 6 间"
    cut = next(m for m in doc.measures if "\f" in m.span.quote)
    at = read_offsets(cut.text, cut.span.quote)
    whole = pdf_text[cut.span.start + at[0] : cut.span.start + at[-1] + 1]
    assert whole == cut.span.quote and "韶关市民政局文件" in whole
    assert read_offsets("新建养老床位", "新建风采长者饭堂") is None


def test_paragraphs_run_together_on_one_line_read_as_the_text(tmp_path: Path, parsed) -> None:
    """A page's text scraped with every line break turned into a space (as crawlers store a page's text): the
    work plan on one line reads as the plan, every span quoting the line; a long line holding a list inside a
    sentence (：（一）…；（二）…) is no run-on text."""
    text = read_source(CORPUS / f"{WORK_PLAN}.txt").text
    flat = " ".join(line.strip() for line in text.splitlines() if line.strip())
    path = tmp_path / f"{WORK_PLAN}.txt"
    path.write_text(flat, encoding="utf-8")
    shutil.copy(CORPUS / f"{WORK_PLAN}.meta.json", tmp_path)
    assert "\n" not in flat and "周年。 一、深入学习" in flat
    doc, _ = parse_document(path)
    assert content(doc) == content(parsed[f"{WORK_PLAN}.txt"])
    spans = [h.span for h in doc.headings] + [m.span for m in doc.measures] + [p.span for p in doc.projects]
    assert all(flat[s.start : s.end] == s.quote for s in spans)
    assert all("\n" not in m.text and not m.span.quote.startswith(" ") for m in doc.measures)
    in_a_sentence = "各地要重点做好以下工作：（一）加强组织领导；（二）完善工作机制；（三）强化督促检查。" * 8
    assert repair(in_a_sentence, split_lines(in_a_sentence)) is None


def test_the_items_of_a_run_on_section_open_at_their_title_sentences() -> None:
    """A page whose paragraphs a crawler ran together (sentences of 016): a section's unnumbered items each open
    with a title sentence, a short phrase with no punctuation inside, and the view breaks the line before each.
    A short sentence right after a title is its text; an item a number opens (（一）…) and a box's lines are
    left as they are."""
    text = (
        "第一章 打造知名国际旅游岛 第一节 构建全域旅游新格局新机制 "
        "优化全域全时旅游布局。完善“一廊、两环、五区”国际旅游岛空间布局，实现主岛离岛协同发展。"
        "创新旅游发展体制机制。改革景区运营机制，引进战略合作者参股投资。 专栏1 全域旅游提升工程 "
        "景区升级提升工程：坛南湾等景区A级景区创建。旅游集散中心建设。旅游服务设施建设工程：高铁枢纽站一级旅游集散中心。 "
        "第二节 提升旅游产业发展品质 （一）提档升级旅游基础设施。打造“快旅慢游”交通系统，美化城市出入口。建设智慧旅游体系。"
        "推进旅游区域互联网基础设施建设，完善全岛智慧旅游平台。 第三节 完善规划制定和落实机制 健全考评监测体系。"
        "本规划实施列入各单位绩效考评。建立年度和中期考核评估体系，检查规划落实情况。共建“走出去”开放合作平台。"
        "发挥台资在金融、保险、法律等领域的比较优势。"
    )
    view = repair(text, split_lines(text))
    assert view is not None
    assert view.text.split("\n") == [
        "第一章 打造知名国际旅游岛",
        "第一节 构建全域旅游新格局新机制",
        "优化全域全时旅游布局。完善“一廊、两环、五区”国际旅游岛空间布局，实现主岛离岛协同发展。",
        "创新旅游发展体制机制。改革景区运营机制，引进战略合作者参股投资。",
        "专栏1 全域旅游提升工程",
        "景区升级提升工程：坛南湾等景区A级景区创建。旅游集散中心建设。旅游服务设施建设工程：高铁枢纽站一级旅游集散中心。",
        "第二节 提升旅游产业发展品质",
        "（一）提档升级旅游基础设施。打造“快旅慢游”交通系统，美化城市出入口。建设智慧旅游体系。推进旅游区域互联网基础设施建设，完善全岛智慧旅游平台。",
        "第三节 完善规划制定和落实机制",
        "健全考评监测体系。本规划实施列入各单位绩效考评。建立年度和中期考核评估体系，检查规划落实情况。",
        "共建“走出去”开放合作平台。发挥台资在金融、保险、法律等领域的比较优势。",
    ]
