"""Responsible bodies: the organisations a measure assigns, as written in brackets after it.

Policy documents name who carries a measure out in a bracketed attribution: ［市民政局、市财政局按职责分工负责］,
【责任单位：市民政局】, （牵头单位：市发展改革委；责任单位：市财政局、市民政局）, （省民政厅牵头，省财政厅配合）,
（各县（市、区）人民政府负责）. Each body is one organisation with the span of its name and its role: lead
(牵头, 主责), responsible (负责, 责任单位) or supporting (配合, 参与, 协办). A bracket is an attribution only when
every name in it looks like an organisation (…局, …厅, …委, …政府, 各县（市、区）…), so that explanatory
brackets (（含社区）, （2021-2025年）) are left alone. Clauses of the prose name them too: a sentence that opens
with organisations as the subject of 负责 / 牵头 / 按照职责分工 / 在各自职责范围内 (区规划资源局负责本区…), a clause
由A牵头 / 由A负责, A会同B、C等部门共同推进… (A leads, B and C support), A是…的责任主体, and A由B、C协同开展工作
(B and C support A). A collective written as a list of fields (区发展改革、财政、税务等有关部门) is one body.
"""

from __future__ import annotations

import re

from .records import Cell, ResponsibleBody, Span
from .script import to_simplified

_OPEN = {"（": "）", "(": ")", "［": "］", "[": "]", "【": "】", "〔": "〕"}
# Labels that introduce a list of bodies, and the role they give it; a bureau's own plan names its divisions
# (（责任处室：办公室、法规安全处）).
_LABEL_OF = r"(?:牵头|主责|主办|责任|配合|协办|参与|协同|支撑|支持|实施|落实)(?:单位|部门|主体|机构|处室|科室)"
_LABEL = re.compile(rf"(?P<label>{_LABEL_OF}|责任人|负责单位|负责部门)\s*[:：]\s*")
_LABEL_ROLE = {
    "牵头": "lead",
    "主责": "lead",
    "主办": "lead",
    "配合": "supporting",
    "协办": "supporting",
    "参与": "supporting",
    "协同": "supporting",
    "支撑": "supporting",
    "支持": "supporting",
}
# Role words after a list of names (A、B牵头，C配合; A、B按职责分工负责).
_ROLE_WORD = re.compile(r"(分别|共同|按职责分工|按职责|依职责)?(牵头|负责|配合|参与|协办|落实|主责)(推进|落实|实施)?")
_ROLE_OF_WORD = {
    "牵头": "lead",
    "主责": "lead",
    "负责": "responsible",
    "落实": "responsible",
    "配合": "supporting",
    "参与": "supporting",
    "协办": "supporting",
}
_SPLIT = re.compile(r"[、,，/／]|会同")
_JOIN = re.compile(r"[和及与]")  # 市民政局和市财政局, but 人力资源和社会保障局 is one name
_ORG_END = re.compile(
    r"(局|厅|委|委员会|办|办公室|部|院|政府|中心|总会|协会|联合会|联|会|署|行|公司|集团|党委|党组|法院|检察院|"
    r"监狱|大学|学校|支队|总队|大队|公安|海关|银行|分行|税务|气象|团委|街道|乡镇|管委会|工委|社|站|所|科协|政协|"
    r"小组|专班|工作组|指挥部|办事处|企业|处)$"
)
_EACH = re.compile(r"^各[\u4e00-\u9fff（）()、]{1,30}$")  # 各县（市、区）人民政府, 各有关部门, 各地
_NOT_ORG = re.compile(r"\d|年|月|日|%|以上|以下|不少于|含|包括|例如|如|等$")
MAX_BRACKET = 200
_SUB_UNITS = re.compile(r"[（(][^（）()]{2,40}(处|科|室|局|办|中心)[）)]$")


def _brackets(body: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost bracket pair in body, brackets included, nested pairs matched."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(body):
        close = _OPEN.get(body[i])
        if close is None:
            i += 1
            continue
        depth, j = 0, i
        while j < len(body) and j - i <= MAX_BRACKET:
            if body[j] == body[i]:
                depth += 1
            elif body[j] == close:
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j < len(body) and depth == 0:
            found.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return found


def _is_org(name: str) -> bool:
    s = to_simplified(name)
    if len(s) < 2 or _NOT_ORG.search(s):
        return False
    if (m := _SUB_UNITS.search(s)) and m.start() >= 2:
        s = s[: m.start()]  # 市交通委（科信处、宣传处）: a body with the divisions that act for it
    return bool(_ORG_END.search(s) or _EACH.match(s))


def _joined(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """text[a:b] as one name, or split at 和/及/与 when it is not one and both sides are organisations."""
    for m in _JOIN.finditer(text, a, b):
        left, right = text[a : m.start()].strip(), text[m.end() : b].strip()
        if _is_org(left) and _is_org(right.rstrip("等")):
            return [(a, m.start()), (m.end(), b)]
    return [(a, b)]


def _separators(text: str) -> list[tuple[int, int]]:
    """Where the list separators of text are, outside nested brackets (各县（市、区）人民政府 is one name)."""
    depth = 0
    found = []
    for m in re.finditer(r"[（(［\[【〔]|[）)］\]】〕]|" + _SPLIT.pattern, text):
        if m.group() in _OPEN:
            depth += 1
        elif m.group() in _OPEN.values():
            depth -= 1
        elif depth == 0:
            found.append((m.start(), m.end()))
    return found


# A list of fields closed by the departments they stand for: 区发展改革、财政、税务、国资等有关部门.
_COLLECTIVE = re.compile(r"^[\u4e00-\u9fff“”、]{2,80}等[\u4e00-\u9fff、]{0,24}(部门|单位)$")
# Words that open a task, not an organisation: 构建乡镇牵头… is a task whose subject is left unwritten.
_VERB_OPENING = re.compile(
    r"^(构建|建立|健全|完善|推动|推进|加强|加快|实施|开展|落实|形成|坚持|强化|深化|支持|鼓励|引导|探索|明确|发挥)"
)


def _names(text: str, start: int, offset: int, role: str, source: str, labelled: bool = False) -> list[ResponsibleBody] | None:
    """The bodies listed in text (which starts at offset start of the body, offset into source), or None
    when a piece is not an organisation. After a label (配合单位：…) a place names its government (越秀区)."""
    found = _listed(text, start, offset, role, source, labelled)
    name = text.strip(" \u3000")
    if found is None and _COLLECTIVE.match(name) and not _NOT_ORG.search(name[:-2]):
        s = offset + start + text.index(name)
        return [ResponsibleBody(name, Span.of(source, s, s + len(name)), role)]
    return found


def _listed(text: str, start: int, offset: int, role: str, source: str, labelled: bool = False) -> list[ResponsibleBody] | None:
    """The bodies listed in text, one per name between separators, or None when a piece is not one."""
    bodies: list[ResponsibleBody] = []
    pos = 0
    pieces = []
    for sep_start, sep_end in _separators(text):
        pieces.extend(_joined(text, pos, sep_start))
        pos = sep_end
    pieces.extend(_joined(text, pos, len(text)))
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip(" \u3000"))
        name = piece.strip(" \u3000")
        if not name:
            continue
        if name.startswith("由") and len(name) > 3:
            name, lead = name[1:], lead + 1  # （由市民政局负责）
        if m := _OPEN_LIST.search(name):
            name = name[: m.start()]  # 市民政局等 / 区城运中心等部门 (a list left open) names the body before 等
        s = offset + start + a + lead
        if bodies and bodies[-1].name.startswith("各") and _LEVEL.match(name):
            first = bodies.pop().span.start  # 各区、县级市: one collective of two levels
            bodies.append(ResponsibleBody(source[first : s + len(name)], Span.of(source, first, s + len(name)), role))
            continue
        if not (_is_org(name) or labelled and _PLACE.match(name)) or _VERB_OPENING.match(name):
            return None
        bodies.append(ResponsibleBody(name, Span.of(source, s, s + len(name)), role))
    return bodies


# The level that a collective 各… names second (各区、县级市; 各乡镇、街道).
_LEVEL = re.compile(r"^(县级市|县[（(]市、区[)）]|县|市|区|乡镇|乡|镇|街道|旗)$")
# A county-level place, which stands for its government in a list of bodies (越秀区, 从化市); not a quarter or a park.
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?<![社小园景校片营])(区|县|市|旗)$")


_OPEN_LIST = re.compile(r"等((有关|相关)?(部门|单位))?$")


def _segment_bodies(seg: str, start: int, offset: int, source: str, default: str) -> list[ResponsibleBody] | None:
    """One ；-separated segment of an attribution: 牵头单位：A、B / A、B牵头 / A负责."""
    role = default
    if m := _LABEL.match(seg):
        role = _LABEL_ROLE.get(m.group("label")[:2], "responsible")
        return _names(seg[m.end() :], start + m.end(), offset, role, source, labelled=True)
    bodies: list[ResponsibleBody] = []
    pos = 0
    for m in _ROLE_WORD.finditer(seg):
        if m.end() != len(seg.rstrip("。 ")) and seg[m.end() : m.end() + 1] not in "，,；;":
            continue  # a role word inside a name or sentence, not after a list
        names = seg[pos : m.start()].strip("，, ")
        skip = len(seg[pos : m.start()]) - len(seg[pos : m.start()].lstrip("，, "))
        if not names:
            return None
        found = _names(names, start + pos + skip, offset, _ROLE_OF_WORD[m.group(2)], source)
        if found is None:
            return None
        bodies.extend(found)
        pos = m.end()
    if pos == 0 or seg[pos:].strip("，,。 "):
        return None
    return bodies


_CLAUSE_END = re.compile(r"[，,。；;]")
_NAMES = r"[^，,。；;：:（(［\[【〔由]{2,400}?"
_ROLE_PHRASE = r"负责|牵头|主责|按照?职责分工|按照?职责|依职责|在各自职责范围内|根据[^，,。；;]{1,15}?要求"
# The forms of a clause that names who carries the work out, each with the role of its first and later names.
_CLAUSES = (
    # 区政府是推进本区城市体检工作的责任主体
    (re.compile(rf"^(?P<names>{_NAMES})是[^，,。；;]{{0,40}}?(责任主体|第一责任人)"), "responsible", ""),
    # 区建设管理委会同区发展改革委、…等部门共同推进
    (
        re.compile(
            rf"^(?P<names>{_NAMES})会同(?P<others>{_NAMES})(共同|一起)?(推进|负责|开展|实施|落实|做好|研究|制定|组织|抓好)"
        ),
        "lead",
        "supporting",
    ),
    # 区更新办由区建设管理委、…三家副主任单位协同开展工作
    (
        re.compile(
            rf"^(?P<names>{_NAMES})由(?P<others>{_NAMES})([一二三四五六七八九十两\d]+家[\u4e00-\u9fff]{{0,8}}单位)?(协同|配合|共同)"
        ),
        "responsible",
        "supporting",
    ),
    # 由市民政局牵头 / 由县民政局负责 (but not 负责解释: who interprets the text)
    (re.compile(rf"^由(?P<names>{_NAMES})(?P<word>牵头|负责|主责)(?!人|解释)"), "", ""),
    # 区规划资源局负责… / 街道办事处、镇人民政府按照职责分工… / 区属国有企业根据区政府要求开展…
    (re.compile(rf"^(?P<names>{_NAMES})(?P<word>{_ROLE_PHRASE})(?!人|解释|单位|部门)"), "", ""),
)


def _clause(clause: str, start: int, offset: int, source: str) -> list[ResponsibleBody]:
    """The bodies one clause names (clause starts at offset start of the paragraph body), or []."""
    for pattern, role, others_role in _CLAUSES:
        m = pattern.match(clause)
        if m is None:
            continue
        first = role or ("lead" if m.group("word") == "牵头" else "responsible")
        names = _names(m.group("names"), start + m.start("names"), offset, first, source)
        if not names:
            continue
        if others_role:
            others = _names(m.group("others"), start + m.start("others"), offset, others_role, source)
            if not others:
                continue
            names += others
        return names
    return []


def clause_bodies(source: str, offset: int, body: str) -> list[ResponsibleBody]:
    """The bodies the clauses of a paragraph's prose name (区规划资源局负责…, 由市民政局牵头, A会同B、C等部门
    共同推进…), outside brackets, in reading order. A clause ends at a comma or full stop, so one that names
    bodies never hides inside a title sentence."""
    found: list[ResponsibleBody] = []
    depth, start = 0, 0
    for i, ch in enumerate(body + "。"):
        if ch in _OPEN:
            depth += 1
        elif ch in _OPEN.values():
            depth = max(0, depth - 1)
        elif (depth == 0 and _CLAUSE_END.match(ch)) or i == len(body):
            clause = body[start:i]
            lead = len(clause) - len(clause.lstrip(" \u3000"))
            found.extend(_clause(clause.strip(" \u3000"), start + lead, offset, source))
            start = i + 1
    return found


def table_cell_bodies(source: str, cell: Cell, role: str) -> list[ResponsibleBody] | None:
    """The bodies a table cell names (设施养护处, 各行业主管部门、各区), or None when it names something else."""
    if cell.span is None or cell.span.quote != cell.text:
        return None  # a cell wrapped over lines: its names have no single span each
    return _names(cell.text, 0, cell.span.start, role, source) or None


# Segments of an attribution end at ； or at a ， before the next label (牵头单位：A，配合单位：B、C).
_SEGMENT = re.compile(rf"[；;]|[，,](?=\s*{_LABEL_OF}\s*[:：])")


def attributions(source: str, offset: int, body: str) -> list[tuple[Span, list[ResponsibleBody]]]:
    """Each bracketed attribution in body (which starts at offset of source): its span and its bodies."""
    found = []
    for a, b in _brackets(body):
        inner = body[a + 1 : b - 1]
        bodies: list[ResponsibleBody] = []
        pos = 0
        ok = True
        for part in _SEGMENT.split(inner):
            seg_start = a + 1 + pos
            pos += len(part) + 1
            lead = len(part) - len(part.lstrip())
            seg = part.strip()
            if not seg:
                continue
            got = _segment_bodies(seg, seg_start + lead, offset, source, "responsible")
            if got is None:
                ok = False
                break
            bodies.extend(got)
        if ok and bodies:
            found.append((Span.of(source, offset + a, offset + b), bodies))
    return found
