"""Responsible bodies: the organisations a measure assigns, as written in brackets after it.

Policy documents name who carries a measure out in a bracketed attribution: ［市民政局、市财政局按职责分工负责］,
【责任单位：市民政局】, （牵头单位：市发展改革委；责任单位：市财政局、市民政局）, （省民政厅牵头，省财政厅配合）,
（各县（市、区）人民政府负责）. Each body is one organisation with the span of its name and its role: lead
(牵头, 主责), responsible (负责, 责任单位) or supporting (配合, 参与, 协办). A bracket is an attribution only when
every name in it looks like an organisation (…局, …厅, …委, …政府, 各县（市、区）…), so that explanatory
brackets (（含社区）, （2021-2025年）) are left alone. A paragraph that opens with organisations as the subject
of 负责 or 牵头 (区规划资源局负责本区城市更新规划土地管理工作) names them too.
"""

from __future__ import annotations

import re

from .records import ResponsibleBody, Span
from .script import to_simplified

_OPEN = {"（": "）", "(": ")", "［": "］", "[": "]", "【": "】", "〔": "〕"}
# Labels that introduce a list of bodies, and the role they give it.
_LABEL = re.compile(
    r"(?P<label>(牵头|主责|主办|责任|配合|协办|参与|协同|实施|落实)(单位|部门|主体|机构)|责任人|负责单位|负责部门)\s*[:：]\s*"
)
_LABEL_ROLE = {
    "牵头": "lead",
    "主责": "lead",
    "主办": "lead",
    "配合": "supporting",
    "协办": "supporting",
    "参与": "supporting",
    "协同": "supporting",
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
    r"监狱|大学|学校|支队|总队|大队|公安|海关|银行|分行|税务|气象|团委|街道|乡镇|管委会|工委|社|站|所|"
    r"小组|专班|工作组|指挥部|办事处)$"
)
_EACH = re.compile(r"^各[\u4e00-\u9fff（）()、]{1,30}$")  # 各县（市、区）人民政府, 各有关部门, 各地
_NOT_ORG = re.compile(r"\d|年|月|日|%|以上|以下|不少于|含|包括|例如|如|等$")
MAX_BRACKET = 200


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


def _names(text: str, start: int, offset: int, role: str, source: str) -> list[ResponsibleBody] | None:
    """The bodies listed in text (which starts at offset start of the body, offset into source), or None
    when a piece is not an organisation."""
    bodies = []
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
        if name.endswith("等"):
            name = name[:-1]  # 市民政局等 (a list left open) names 市民政局
        if not _is_org(name):
            return None
        s = offset + start + a + lead
        bodies.append(ResponsibleBody(name, Span.of(source, s, s + len(name)), role))
    return bodies


def _segment_bodies(seg: str, start: int, offset: int, source: str, default: str) -> list[ResponsibleBody] | None:
    """One ；-separated segment of an attribution: 牵头单位：A、B / A、B牵头 / A负责."""
    role = default
    if m := _LABEL.match(seg):
        role = _LABEL_ROLE.get(m.group("label")[:2], "responsible")
        return _names(seg[m.end() :], start + m.end(), offset, role, source)
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


# A paragraph that opens with the bodies it assigns: 区规划资源局负责…, 区更新办牵头…各成员单位.
_SUBJECT = re.compile(r"^(?P<names>[^，,。；;：:（(]{2,80}?)(?P<word>负责|牵头)(?!人|解释)")


def subject_bodies(source: str, offset: int, body: str) -> list[ResponsibleBody]:
    """The organisations a paragraph opens with as the subject of 负责/牵头 (区经委负责贯彻落实…), or []."""
    m = _SUBJECT.match(body)
    if m is None:
        return []
    found = _names(m.group("names"), 0, offset, "lead" if m.group("word") == "牵头" else "responsible", source)
    return found or []


def attributions(source: str, offset: int, body: str) -> list[tuple[Span, list[ResponsibleBody]]]:
    """Each bracketed attribution in body (which starts at offset of source): its span and its bodies."""
    found = []
    for a, b in _brackets(body):
        inner = body[a + 1 : b - 1]
        bodies: list[ResponsibleBody] = []
        pos = 0
        ok = True
        for part in re.split(r"[；;]", inner):
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
