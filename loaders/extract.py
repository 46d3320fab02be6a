"""Extract stage: headings and paragraphs -> measures, projects and citations.

What counts as a measure follows the plans' own layout: tasks come after the plan's indicator table
(background, achievements, principles and goals come before it), as titled paragraphs, numbered items,
or the paragraphs of a section that has no titled ones. Items of a 专栏 box are projects, and so are
quantified undertakings named inside a measure (新建风采长者饭堂6间).
"""

from __future__ import annotations

import re
from itertools import pairwise

from .bodies import attributions, clause_bodies
from .issuers import bodies_in, recognise
from .numerals import chinese_to_int, five_year_names
from .records import Citation, Heading, Measure, Passage, Project, ResponsibleBody, Span
from .regions import find_region
from .script import to_simplified
from .segment import PART, Paragraph, TableRegion
from .structure import assign_heading_roles, classify
from .undertakings import quantified_projects, quantities_in

MAX_TITLE = 40  # a title sentence longer than this is the paragraph's first sentence, not its title
_TITLE_END = re.compile(r"[。:：]")
_BACKGROUND = re.compile(
    r"发展基础|发展环境|发展形势|形势研判|发展挑战|发展机遇|总体思路|发展目标|基本原则|指导思想|总体要求|主要指标"
    r"|发展要求|主要成就|工作回顾"
)
_SAFEGUARD = re.compile(r"保障规划|实施保障|保障举措|保障措施|组织实施|规划实施|强化保障")
_BOX_ITEM_TITLE = re.compile(r"(工程|行动|计划|項目|项目|建设|建設|试点|試點)$")
# A unit of a plan listing its major projects (四、重大工程, 重点工程, 重大项目, 实施重大工程), each a numbered item
# naming an undertaking, as a 专栏 lists them.
_MAJOR_PROJECTS = re.compile(r"^(?:实施|推进)?(?:重大|重点)(?:建设)?(?:工程|项目|工程项目)(?:建设)?[。.：:]?$")
_CITATION = re.compile(r"《([^《》\n]{1,100})》")
# 根据《…》, or 根据 the issuers of the cited document and then its title: 根据国家发展改革委、国家能源局《…》.
_BASIS = re.compile(r"(?:依据|根据|依據|根據)(?P<issuers>[^。；，,《》]{0,40})$")
_ISSUER_JOIN = re.compile(r"[、和与及與\s]+")
_DRAFTED = re.compile(r"(制定|编制|製定|編制)(本|《)|(提出|制定|製定|通知|明确|明確)(如下|以下)")
# 本规划纲要根据《…》进行编制: the plan named before 根据, the drafting verb after the cited title.
_SELF_SUBJECT = re.compile(r"本(?:规划纲要|规划|纲要|方案|计划|意见|措施)[^。；]*$")
_DRAFTED_AFTER = re.compile(r"^[^。；]*?(?:制定|编制|製定|編制)")
# Between two cited titles of one basis: a conjunction, after the first one's document number (国发〔2021〕35号).
_SENTENCE_BREAK = re.compile(r"[。；;\n]")
_HIGHER_REGION = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:省|市|自治区|特别行政区)")
_CITATION_JOIN = re.compile(r"^(?:[(（][^()（）]{1,30}[)）])?[和及与與、,，][\u4e00-\u9fff]{0,4}$")


def title_of(body: str) -> str:
    """The short title sentence a paragraph opens with (完善基本生活救助制度。), or ''."""
    m = _TITLE_END.search(body)
    if not m or m.start() > MAX_TITLE:
        return ""
    title = body[: m.end()]
    return "" if re.search(r"[,，;；]", title) else title


def is_background(heading: Heading | None) -> bool:
    """A heading about background, goals or principles (or inside one); its paragraphs are not tasks."""
    while heading is not None:
        if heading.kind in ("chapter", "section") and _BACKGROUND.search(to_simplified(heading.title)):
            return True
        heading = heading.parent
    return False


def in_attachment(heading: Heading | None) -> bool:
    """Inside an attachment (附件): an annexed document, whose text is kept but holds none of the plan's tasks."""
    while heading is not None:
        if heading.kind == "attachment":
            return True
        heading = heading.parent
    return False


def first_task_offset(tables: list[TableRegion]) -> int:
    """Where the tasks may start: after the body's last indicator table (an attachment's tables, and tables of tasks
    or projects, which list what the tasks are, do not count)."""
    indicator_tables = [t for t in tables if not (t.heading.tasks or t.heading.projects)]
    return max((t.lines[-1].end for t in indicator_tables if t.lines and not in_attachment(t.heading)), default=0)


def is_safeguard(heading: Heading | None) -> bool:
    """Inside a chapter about carrying the plan out (保障措施, 组织实施): measures of that kind."""
    while heading is not None:
        if heading.kind == "chapter" and _SAFEGUARD.search(to_simplified(heading.title)):
            return True
        heading = heading.parent
    return False


def _interrupted(headings: list[Heading]) -> dict[int, Heading | None]:
    """Per box, the unit whose running text it interrupts: the innermost unit open where the box stands. A 专栏
    is set into the text, which goes on after it without a new heading; a box closing a chapter's run of
    sections belongs to the chapter (its projects are the sections'), but the paragraphs after it are still
    the last section's."""
    resumes: dict[int, Heading | None] = {}
    before: Heading | None = None  # the heading opened last; the units open are it and its ancestors
    for heading in headings:
        if heading.kind == "box":
            if before is not None and before.kind == "box":
                resumes[id(heading)] = resumes[id(before)]  # boxes in a row interrupt the same text
            else:
                unit = before
                while unit is not None and unit.kind in ("box", "table"):
                    unit = unit.parent  # a table's lines are taken whole: the text after it is its parent's
                resumes[id(heading)] = unit
        before = heading
    return resumes


def extract_measures_and_projects(
    text: str, paragraphs: list[Paragraph], headings: list[Heading], tasks_start: int
) -> tuple[list[Measure], list[Project], list[Passage]]:
    """Measures (tasks after tasks_start), the items of 专栏 boxes, and every other paragraph as a Passage
    (lead paragraphs, statements of background, principles and goals, closing clauses)."""
    measures: list[Measure] = []
    projects: list[Project] = []
    in_box: dict[int, int] = {}
    numbered: dict[int, int | None] = {}  # per box, the value of its last item's number in brackets （三）
    closed: set[int] = set()
    candidates: list[Paragraph] = []
    flow: list[Paragraph] = []  # every paragraph that is not a box item, in document order
    has_chapters = any(h.kind == "chapter" for h in headings)
    resumes = _interrupted(headings)
    for para in paragraphs:
        if _is_major_project(para):
            unit = para.parent
            assert unit is not None  # _is_major_project: an item of a unit of major projects
            unit.projects = True
            in_box[id(unit)] = in_box.get(id(unit), 0) + 1
            projects.append(_box_project(text, para, unit, in_box[id(unit)]))
            continue
        box = para.parent if para.parent is not None and para.parent.kind == "box" else None
        if box is not None and id(box) not in closed and (id(box) not in in_box or _is_box_item(para, numbered.get(id(box)))):
            in_box[id(box)] = in_box.get(id(box), 0) + 1
            numbered[id(box)] = _item_value(para)
            projects.append(_box_project(text, para, box, in_box[id(box)]))
            continue
        if box is not None:
            closed.add(id(box))  # the first paragraph that is not an item ends the box
            para.parent = resumes[id(box)]  # the text the box interrupted goes on
        flow.append(para)
        if para.parent is None and has_chapters and not PART.match(para.text):
            continue  # preamble before the first chapter: the plan's purpose, not a task (一、… is a part itself)
        if para.span.start >= tasks_start and not is_background(para.parent) and not in_attachment(para.parent):
            candidates.append(para)
    for run in _unlabelled_boxes(flow):
        box = _unlabelled_box(text, run, headings)
        projects.extend(_box_project(text, para, box, n) for n, para in enumerate(run, start=1))
        items = {id(p) for p in run}
        flow = [p for p in flow if id(p) not in items]
        candidates = [p for p in candidates if id(p) not in items]
    projects.sort(key=lambda p: p.span.start)
    assign_heading_roles(headings, _legacy_role)
    titled = {id(p): _titled(text, p) for p in flow}
    titled.update(_preamble_headings(flow, titled))
    attribution_only = {id(p) for p in flow if titled[id(p)][2] and not _ATTRIBUTION_LEFT.sub("", _unattributed(p))}
    chosen = {id(p) for p in _task_paragraphs([p for p in candidates if id(p) not in attribution_only], headings)}
    per_parent: dict[int, int] = {}
    passages: list[Passage] = []
    records: dict[int, Measure | Passage] = {}
    for c in classify(flow, chosen, {k: t[0] for k, t in titled.items()}, headings, tasks_start, attribution_only, in_attachment):
        title, title_span, bodies = titled[id(c.para)]
        if c.kind == "measure":
            per_parent[id(c.para.parent)] = per_parent.get(id(c.para.parent), 0) + 1
            measure = _measure(c.para, title, title_span, bodies, len(measures) + 1, per_parent[id(c.para.parent)])
            measures.append(measure)
            records[id(c.para)] = measure
        elif id(c.para) in attribution_only and records.get(id(c.item)) is not None:
            records[id(c.item)].bodies.extend(bodies)  # （责任单位：…） on its own line names the item's bodies
            passage = Passage(
                kind=c.kind,
                role=c.role,
                number="",
                heading="",
                text=c.para.text,
                span=c.para.span,
                heading_span=None,
                parent=c.para.parent,
                item=records[id(c.item)],
                ordinal=len(passages) + 1,
            )
            passages.append(passage)
            records[id(c.para)] = passage
        else:
            item = records.get(id(c.item)) if c.item is not None else None
            passage = Passage(
                kind=c.kind,
                role=c.role,
                number=c.para.number or c.para.bullet,
                heading=title,
                text=c.para.text,
                span=c.para.span,
                heading_span=title_span,
                parent=c.para.parent,
                item=item,
                ordinal=len(passages) + 1,
                bodies=bodies,
            )
            passages.append(passage)
            records[id(c.para)] = passage
    _passage_eids(passages)
    for measure in measures:
        projects.extend(quantified_projects(text, measure))
    return measures, projects, passages


_LEGACY_ROLE = (
    ("基本原则", "principles"),
    ("指导思想", "guiding"),
    ("目标", "goals"),
    ("主要指标", "goals"),
    ("总体", "requirements"),
    ("发展要求", "requirements"),
)


def _legacy_role(heading: Heading) -> str:
    """The role of a chapter or section the background titles name (发展基础, 总体思路, …), or ''."""
    if heading.kind not in ("chapter", "section") or not _BACKGROUND.search(to_simplified(heading.title)):
        return ""
    title = to_simplified(heading.title)
    return next((role for word, role in _LEGACY_ROLE if word in title), "background")


# The word that heads a preamble without a number (前言 …), on a line of its own, perhaps spaced out (前 言).
_PREAMBLE_WORD = re.compile(r"^(前言|序言|引言)$")
_LETTER_GAP = re.compile(r"[ \t\u3000\u00a0]+")


_Titled = tuple[str, Span | None, list[ResponsibleBody]]


def _preamble_headings(flow: list[Paragraph], titled: dict[int, _Titled]) -> dict[int, _Titled]:
    """The paragraph after a preamble's heading line (前言, 前 言) before the first part, titled with that word
    and that line's span, when it has no title sentence of its own: the heading is the preamble's, not text."""
    out: dict[int, _Titled] = {}
    for before, para in pairwise(flow):
        word = _LETTER_GAP.sub("", to_simplified(before.text))
        if before.parent is None and para.parent is None and _PREAMBLE_WORD.match(word) and not titled[id(para)][0]:
            out[id(para)] = (word, before.span, titled[id(para)][2])
    return out


_PASSAGE_KEY = {
    "preamble": "preamble",
    "lead": "intro",
    "statement": "stmt",
    "continuation": "cont",
    "conclusion": "concl",
    "closing": "closing",
    "annex": "text",
}


def _passage_eids(passages: list[Passage]) -> None:
    """{item or unit eid}__{intro|stmt|point|cont|…}_{n}, numbered per container and kind (a dash bullet
    is a point, as in Akoma Ntoso)."""
    counts: dict[tuple[str, str], int] = {}
    for p in passages:
        container = p.item.eid if p.item is not None else (p.parent.eid if p.parent is not None else "")
        key = (container, "point" if p.kind == "statement" and p.number.startswith("—") else _PASSAGE_KEY[p.kind])
        counts[key] = counts.get(key, 0) + 1
        p.eid = f"{container}__{key[1]}_{counts[key]}" if container else f"{key[1]}_{counts[key]}"


_BRACKETED_TITLE = re.compile(r"[（(\[【][^（）()\[\]【】]+[）)\]】]")
_ATTRIBUTION_LEFT = re.compile(r"[\s\u3000。；;，,.]+")


def _unattributed(para: Paragraph) -> str:
    """The paragraph's text without its bracketed attributions."""
    body = para.text[para.body_offset :]
    for span, _ in reversed(attributions(para.text, para.body_offset, body)):
        body = body[: span.start - para.body_offset] + body[span.end - para.body_offset :]
    return body


def _titled(text: str, para: Paragraph) -> tuple[str, Span | None, list[ResponsibleBody]]:
    """A paragraph's title sentence and its span, with any responsible bodies kept out of the title
    (加快建设养老设施（牵头单位：市民政局）。… has the title 加快建设养老设施), and the bodies: those its
    prose clauses name (…，由市民政局牵头，…) first, then the bracketed ones."""
    body = para.text[para.body_offset :]
    start = para.span.start + para.body_offset
    found = attributions(text, start, body)
    cuts = [(span.start - start, span.end - start) for span, _ in found]
    kept, pos = "", 0
    for a, b in cuts:
        kept, pos = kept + body[pos:a], b
    title = title_of(kept + body[pos:]) or (_bare_title(kept + body[pos:]) if para.number else "")
    inside = next((a for a, _ in cuts if a < len(title)), None)  # the first attribution inside the title
    if inside is not None:
        title = body[:inside].rstrip()
    bodies = clause_bodies(text, start, body) + [b for _, group in found for b in group]
    if _BRACKETED_TITLE.fullmatch(title):  # 第一条（目的和依据）: an article's title in brackets
        title, start = title[1:-1], start + 1
    title_span = Span.of(text, start, start + len(title)) if title else None
    return title, title_span, bodies


def _bare_title(body: str) -> str:
    """A numbered point that is a short phrase alone (1.机制电量), the title of the paragraphs under it."""
    return body if len(body) <= MAX_TITLE and not re.search(r"[。:：,，;；]", body) else ""


_BRACKETED = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]$")


def _item_value(para: Paragraph) -> int | None:
    """The value of a paragraph's number in brackets (（三） -> 3), or None."""
    m = _BRACKETED.match(para.number or "")
    return chinese_to_int(m.group(1)) if m else None


def _is_box_item(para: Paragraph, last: int | None) -> bool:
    """After a box's first paragraph, numbered items or titled undertakings (…工程: / …工程。) continue it; an item
    numbered in brackets does when it follows the box's own last one (（二） after the box's （一）), and not when it
    goes on with the numbering of the text the box interrupts."""
    if para.number and para.number.startswith(("(", "（")):
        return last is not None and _item_value(para) == last + 1
    if para.number:
        return True
    body = para.text[para.body_offset :]
    m = _TITLE_END.search(body)
    if not m or m.start() > MAX_TITLE:
        return False
    title = body[: m.start()]
    return m.group() in ":：" or bool(_BOX_ITEM_TITLE.search(title))


def _unlabelled_boxes(flow: list[Paragraph]) -> list[list[Paragraph]]:
    """Runs of items a unit's text sets in the middle of its own items, numbered from （一） again, after which the
    text's own numbering goes on (（二）…, then （一）…（四）, then （三）): a box whose label (专栏3：…) was lost, as a
    page scraped onto one line loses it. An item's number never goes back in its unit's text: a run that starts
    again and is not followed by the text's next number is not such a box, nor is one with other text inside, nor
    the entries of a list a sentence introduces (…以下激励措施：（一）…；)."""
    boxes: list[list[Paragraph]] = []
    own: dict[int, int] = {}  # per unit, the value of the text's last item
    run: list[Paragraph] = []
    before = ""  # the text of the paragraph before
    for para in flow:
        value, unit = _item_value(para), id(para.parent)
        if run and (para.parent is not run[0].parent or value is None):
            run = []  # other text inside the run, or another unit: no box
        if value is not None and run and value == len(run) + 1:
            run.append(para)
        elif value is not None and run and value == own[unit] + 1:
            boxes.append(run)  # the text's next item after the box's last
            run, own[unit] = [], value
        elif value == 1 and own.get(unit, 0) >= 1 and not before.rstrip().endswith((":", "：")):
            run = [para]
        elif value is not None:
            own[unit], run = value, []
        before = para.text
    return boxes


def _unlabelled_box(text: str, items: list[Paragraph], headings: list[Heading]) -> Heading:
    """The box of a run of items whose label was lost: no number or title (the text has none), its span the items'.
    Boxes are numbered through the document by their labels (box_2); this one takes the number after the last label
    before it (box_3 after 专栏2) unless a label has that number too (box_2_1, the first such box after it)."""
    start, end = items[0].span.start, items[-1].span.end
    labels = [h for h in headings if h.number.startswith(("专栏", "專欄"))]
    before = max((h.ordinal for h in labels if h.span.start < start), default=0)
    eid = f"box_{before + 1}"
    if any(h.eid == eid or h.ordinal == before + 1 for h in labels):
        eid = f"box_{before}_{sum(1 for h in headings if h.eid.startswith(f'box_{before}_')) + 1}"
    box = Heading("box", "", before + 1, "", Span.of(text, start, end), level=4, eid=eid, parent=items[0].parent)
    headings.insert(next((i for i, h in enumerate(headings) if h.span.start > start), len(headings)), box)
    for para in items:
        para.parent = box
    return box


def _is_major_project(para: Paragraph) -> bool:
    """A numbered item of a chapter, section or part of major projects (四、重大工程) whose title sentence names an
    undertaking (（一）重大灾害治理工程。): a project, as a box's item is, not a task; the unit's other text stays text."""
    unit = para.parent
    if unit is None or unit.kind not in ("chapter", "section", "part") or not para.number:
        return False
    if not _MAJOR_PROJECTS.match(to_simplified(unit.title)):
        return False
    body = para.text[para.body_offset :]
    m = _TITLE_END.search(body)
    return m is not None and m.start() <= MAX_TITLE and bool(_BOX_ITEM_TITLE.search(to_simplified(body[: m.start()])))


def _task_paragraphs(paragraphs: list[Paragraph], headings: list[Heading]) -> list[Paragraph]:
    """Titled or numbered paragraphs; where a unit has none of those, all of its paragraphs except intros:
    a section's or part's, or a chapter's that has no sections or parts (一、保障措施 of a 行动方案 whose
    only paragraph is its text); in a document without any heading, its paragraphs of sentences (a 决定 of one
    paragraph)."""
    by_parent: dict[int, list[Paragraph]] = {}
    for para in paragraphs:
        by_parent.setdefault(id(para.parent), []).append(para)
    divided = {id(h.parent) for h in headings if h.parent is not None and h.kind in ("section", "part")}
    chosen: list[Paragraph] = []
    for group in by_parent.values():
        marked = [p for p in group if p.number or title_of(p.text[p.body_offset :])]
        unit = group[0].parent
        if marked:
            chosen.extend(marked)
        elif unit is not None and (unit.kind in ("section", "part") or (unit.kind == "chapter" and id(unit) not in divided)):
            chosen.extend(group)
        elif unit is None and not headings:
            chosen.extend(p for p in group if "。" in p.text)  # a text without parts: its sentences are its tasks
    return sorted(chosen, key=lambda p: p.span.start)


def _measure(
    para: Paragraph, title: str, title_span: Span | None, bodies: list[ResponsibleBody], ordinal: int, local: int
) -> Measure:
    parent = para.parent
    prefix = f"{parent.eid}__" if parent is not None else ""
    return Measure(
        ordinal=ordinal,
        number=para.number,
        heading=title,
        text=para.text,
        span=para.span,
        heading_span=title_span,
        parent=parent,
        safeguard=is_safeguard(parent),
        eid=f"{prefix}para_{local}",
        bodies=bodies,
    )


def _box_project(text: str, para: Paragraph, box: Heading, ordinal: int) -> Project:
    body = para.text[para.body_offset :]
    m = _TITLE_END.search(body)
    title = body[: m.start()] if m and m.start() <= MAX_TITLE else ""
    return Project(
        ordinal=ordinal,
        number=para.number,
        title=title,
        text=para.text,
        span=para.span,
        quantities=quantities_in(text, para.span),
        box=box,
        eid=f"{box.eid}__item_{ordinal}",
    )


# A form the plan asks for or hands out (…备案表, …承诺书, …回执单, …合同) is named in 《》 as a document is, but it is
# neither a plan nor a law the plan draws on: no citation. A list (清单, 名单) is a document of its own.
_FORM = re.compile(r"(表|(?<![清名])单|承诺书|告知书|申请书|责任书|委托书|协议书|合同|回执|模板|范本|式样)$")


# A title performed, screened or broadcast right after it is named is a work of art, not a document.
_PERFORMED = re.compile(r"(?:落地|驻场|常态化)?(?:演出|上演|展演|公演|首演|巡演|首映|上映|播出|播映)")
# Titles listed as works of a kind (《李白》《天鹅湖》等优秀剧目, 《…》等影片): plays, films, books, not documents.
_WORKS = re.compile(
    r"(?:[、和与及]?《[^《》\n]{1,100}》)*等?[^。，；、《》\n]{0,4}?(?:剧目|剧作|戏剧|话剧|舞剧|歌剧|影片|电影|纪录片|电视剧|作品|图书|书籍|歌曲|节目)"
)
# A title right after the kind of work it is (原创普法动画《小马里奥成长记》, 微电影《…》): a work, not a document.
_WORK_KIND_BEFORE = re.compile(
    r"(?:动画|动画片|动漫|漫画|绘本|影片|电影|微电影|纪录片|专题片|宣传片|短视频|视频|电视剧|剧目|话剧|歌曲|节目|图书|书籍)$"
)


def extract_citations(text: str, ranges: list[tuple[int, int]], own_title: str = "") -> list[Citation]:
    """Every 《…》 in the given ranges of content; 依据/根据《A》和《B》 marks A and B as the plan's basis."""
    citations: list[Citation] = []
    own = normalise_title(own_title) if own_title else ""
    aliases: set[str] = set()  # the short names the text gives the plan (（以下简称《“十四五”规划》）)
    self_named = -1  # where the plan last named itself in 《》
    for start, end in ranges:
        chunk = text[start:end]
        basis_run = False
        last_end = 0
        for m in _CITATION.finditer(chunk):
            between = chunk[last_end : m.start()]
            if _cites_as_basis(chunk[max(0, m.start() - 48) : m.start()]):
                basis_run = True
            elif not (basis_run and _CITATION_JOIN.match(between.strip() or "、")):
                basis_run = False
            last_end = m.end()
            title = m.group(1)
            name = normalise_title(title)
            if own and (_is_own_name(name, own) or _issues_own(title, own) or name in aliases):
                self_named = start + m.end()
                if alias := _ALIAS.match(chunk, m.end()):
                    aliases.add(normalise_title(alias.group(1)))
                continue  # the plan naming itself (or the notice issuing it) is not a citation
            if _FORM.search(to_simplified(title)):
                continue  # a form to fill in, named like a document, cites nothing
            if _PERFORMED.match(chunk, m.end()) or _WORKS.match(chunk, m.end()) or _WORK_KIND_BEFORE.search(chunk[: m.start()]):
                continue  # a show or a film (加快《平潭映象》落地演出, 普法动画《…》): a work, not a document
            span = Span.of(text, start + m.start(), start + m.end())
            sentence_end = chunk.find("。", m.end())
            sentence = chunk[m.end() : sentence_end if sentence_end >= 0 else len(chunk)]
            named_first = _SELF_SUBJECT.search(to_simplified(chunk[: m.start()])) or (
                self_named >= start and not _SENTENCE_BREAK.search(text, self_named, start + m.start())
            )  # 本规划根据《…》编制, or 《长宁区…规划纲要》根据《…》编制: the plan names itself before its basis
            drafted_by_it = _DRAFTED.search(to_simplified(sentence)) or (
                named_first and _DRAFTED_AFTER.match(to_simplified(sentence))
            )
            basis = basis_run and bool(drafted_by_it)
            citations.append(Citation(title=title, span=span, basis=basis, ordinal=len(citations) + 1))
    return citations


# The short name a text gives the document it has just named: …》（应急〔2022〕64号）（以下简称《“十四五”规划》）.
_ALIAS = re.compile(r"(?:[（(][^（）()]{1,30}[）)])?[（(]以下简称《([^《》]{1,40})》[）)]")
# A notice issuing a document, named with the document's title in inner marks: 关于印发<“十四五”矿山安全生产规划>的通知.
_ISSUING_TITLE = re.compile(r"关于(?:印发|转发|下发|颁发)[<〈《](?P<name>[^<>〈〉《》]{2,80})[>〉》]的通知$")


def _issues_own(title: str, own: str) -> bool:
    """The cited title is that of the notice issuing the plan itself (a relay names the notice it passes on)."""
    m = _ISSUING_TITLE.search(title)
    return m is not None and _is_own_name(normalise_title(m.group("name")), own)


def _is_own_name(name: str, own: str) -> bool:
    """Whether a cited name (normalised) is the plan's own title, or that title without the higher region it opens
    with (上海市长宁区…纲要 named 长宁区…纲要 in its own preamble), or without the 关于…的 of its title (a report
    delivered as 《平潭县…计划（草案）报告》, titled 关于平潭县…计划(草案)的报告), or without the bodies issuing it (a
    page's link 《关于做好…的通知》 to the notice titled 国家发展改革委 国家能源局关于做好…的通知)."""
    if name == own or _title_core(name) == _title_core(own):
        return True
    prefix = own[: len(own) - len(name)]
    if own.endswith(name) and name.startswith("关于") and prefix.strip() and bodies_in(prefix.strip()):
        return True
    if not (own.endswith(name) and _HIGHER_REGION.fullmatch(prefix)):
        return False
    found = find_region(name, context=prefix)
    return found is not None and found[1] == 0


_ABOUT = re.compile(r"^关于|的(?=(?:报告|意见|通知|决定|建议|方案|规划|纲要)$)")
_HALF_BRACKETS = str.maketrans("（）", "()")


def _title_core(title: str) -> str:
    """A title without the 关于 it opens with and the 的 before its genre noun, its brackets of one width."""
    return _ABOUT.sub("", title).translate(_HALF_BRACKETS)


def _cites_as_basis(before: str) -> bool:
    """The words before a 《 say it is the basis: 根据 right before it, or 根据 and the cited document's issuers."""
    m = _BASIS.search(before)
    if not m:
        return False
    names = [n for n in _ISSUER_JOIN.split(m.group("issuers")) if n]
    return all(recognise(n) for n in names)


_QUOTES = re.compile(r"[\"“”‘’'「」『』\s\u00a0\u3000]")


def normalise_title(title: str) -> str:
    """A title in Simplified script, without quote marks or spaces, with 第十四个五年 written 十四五."""
    t = _QUOTES.sub("", to_simplified(title))
    t = five_year_names(t)
    return t.replace("二○", "二〇").replace("二O", "二〇")
