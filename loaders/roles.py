"""What a part, item or paragraph of a policy document states: a task, or background, significance,
guiding thought, principles, goals, general requirements, or a closing clause.

Chinese policy documents of every genre frame their tasks the same way: a part on the situation
(形势, 成就, 机遇和挑战) or on why the policy matters (重大意义), a part of general requirements
(总体要求) with the guiding thought (指导思想), the principles (基本原则, a run of ——坚持… bullets) and the
goals (主要目标, 目标任务, "到2025年，…"), then the tasks, and at the end the clauses on taking effect
(自…起施行, 由…负责解释, 有效期…). Some also define their scope (适用范围) or share out the duties of
each body (主要职责) in a part of its own. These roles are recognised from what a heading or an item's title
sentence says (its head noun: …的重大意义, …主要目标, …必须遵循的原则) and from what a paragraph says
(到2025年…, ——坚持…), never from one document's headings.
"""

from __future__ import annotations

import re

from .script import to_simplified

# Roles that are not tasks; a unit or paragraph with one of them holds no measures.
ROLES = ("background", "significance", "guiding", "principles", "goals", "requirements", "scope", "responsibilities", "closing")

_TRAIL = re.compile(r"[。.:：;；!！\s]+$")
# Head nouns a heading or title sentence ends with, per role (…的重大意义, …发展目标, …基本原则).
_HEAD_NOUN = {
    "significance": re.compile(r"(意义|重要性|必要性)$"),
    "guiding": re.compile(r"指导思想$"),
    "principles": re.compile(r"原则$"),
    "goals": re.compile(r"(目标|目标任务|任务目标|远景目标|发展定位|总体定位)$"),
    "requirements": re.compile(r"(总体要求|总体思路|总体部署|指导方针|总体框架|总则)$"),
    # …工作开展情况, …工作完成情况, 2024年工作总结, 2016年计划执行情况: a report of the work done; 存在问题, 问题和不足:
    # of its shortcomings
    "background": re.compile(
        r"(发展基础|发展环境|发展形势|形势|现状|背景|成就|基础和环境|机遇|挑战|面临的问题|开展情况|完成情况|执行情况|工作总结|"
        r"存在问题|存在的问题|存在的主要问题|问题和不足|问题与不足|不足之处|困难和问题)$"
    ),
    "scope": re.compile(r"(适用范围|适用对象|实施范围|支持范围|支持对象|名词解释|定义)$"),
    "responsibilities": re.compile(r"(工作职责|主要职责|职责分工|部门职责|责任分工|任务分工)$"),
    "closing": re.compile(r"^(附则|其他事项|其它事项|附件说明)$"),
}
# Nouns that name a role anywhere in a heading (发展环境面临深刻复杂变化; 指导方针和主要目标).
_NAMED = {
    "background": re.compile(r"发展环境|发展形势|形势研判|发展基础|工作回顾|主要成就|发展现状|机遇和挑战|机遇与挑战"),
    "guiding": re.compile(r"指导思想|指导方针"),
    "principles": re.compile(r"基本原则|工作原则|遵循的原则"),
    "goals": re.compile(r"主要目标|发展目标|总体目标|工作目标|目标任务|远景目标$"),
    "requirements": re.compile(r"总体要求|总体思路"),
}
# A title that opens with a verb (after an adverb) states a task even when it names such a noun
# (确保实现…目标, 优化慈善事业发展环境).
_TASK_VERB = re.compile(
    r"^(全面|大力|积极|持续|深入|着力|切实|进一步|不断|稳步|扎实|加快|努力|坚决|统筹)?"
    r"(确保|实现|完成|落实|推动|推进|加快|加强|强化|聚焦|围绕|锚定|瞄准|对标|坚持|应对|抓住|把握|用好|发挥|健全|"
    r"完善|建立|建设|提升|提高|深化|优化|巩固|拓展|促进|做好|开展|实施|保障|保持|打造|构建|夯实|壮大|规范|引导|"
    r"支持|鼓励|培育|扩大|激发|筑牢|织密|兜牢|守住|加大|增强|改善|创新|探索|营造|形成|健全)"
)
_BY_DATE = re.compile(r"^(力争|争取)?(到|至|截至)\s*(20\d\d|二[〇○零][一二三四五六七八九〇○零]{2})\s*年")
_PRINCIPLE_BULLET = re.compile(r"^坚持")
# Clauses on taking effect, interpretation, validity and repeal (本方案自印发之日起施行; 有效期5年), on which rules
# prevail (国家政策如有调整，从其规定) and where problems met in carrying it out go (执行过程中遇到问题，请及时报告…).
_CLOSING = re.compile(
    r"由[^。；]{1,40}负责解释|解释权归|"
    r"有效期[^。；]{0,10}(年|月|日|至)|(同时|即行|一并)废止|此前[^。；]{0,30}(废止|不再执行|为准)|"
    r"^本(若干)?(方案|办法|意见|措施|规定|细则|通知|规划|计划|要点|政策)[^。；]{0,20}(解释|施行|印发之日)|"
    # a part titled 附则 (closing provisions) run into its text: 附则本若干措施中“游艇”是指…
    r"^附则(?=本|[(（]?[一二三四五六七八九十\d]+[)）.、]|第[一二三四五六七八九十]+条)|"
    r"如有(调整|变化|新规定)[，,]?(从其规定|按其执行|以[^。；]{1,20}为准)|"
    r"^(执行|实施|落实)(过程)?中(遇到|发现|出现)的?(问题|情况)|"
    r"^特此(通知|通告|公告|函告|函复|批复|报告)[。！]?$"  # the formula a notice or letter closes with
)
# Taking effect (自…起施行) is a closing clause when it is the document's: said of no subject, or of one named by a
# genre noun (本方案, 以上政策措施); 机制电量和电价自本方案印发次月起执行 is a rule of the plan, not its entry into force.
_TAKES_EFFECT = re.compile(r"(?P<subject>[^。；，,]*?)(?:自|从)[^。；]{0,30}(?:起|之日起)[^。；]{0,6}(?:施行|实施|执行|生效)")
_DOCUMENT_NOUN = re.compile(r"(方案|办法|意见|措施|举措|规定|细则|通知|规划|计划|要点|政策|文件|条例|决定|规则|此件)$")
_SENTENCE = re.compile(r"[^。；;!！]+[。；;!！]?")
# A document's closing exhortation after its last item (让我们更加紧密地团结…; 为实现…而奋斗).
_EXHORTATION = re.compile(r"让我们|紧密团结|团结一心|而不懈奋斗|而奋斗|努力奋斗|砥砺前行|谱写|开创[^。]{0,20}新局面")


# A title spaced out letter by letter, as a printed page sets a short one (附 则, 总 则): it reads as the word.
_SPACED_OUT = re.compile(r"^[\u4e00-\u9fff](?:[ \t\u3000\u00a0]+[\u4e00-\u9fff])+$")
_LETTER_GAP = re.compile(r"[ \t\u3000\u00a0]+")


def _core(title: str) -> str:
    core = _TRAIL.sub("", to_simplified(title)).strip()
    return _LETTER_GAP.sub("", core) if _SPACED_OUT.match(core) else core


def heading_role(title: str) -> str:
    """The role a heading names (…的重大意义 -> significance; 指导方针和主要目标 -> requirements), or ''."""
    core = _core(title)
    if not core:
        return ""
    if _HEAD_NOUN["closing"].search(core):
        return "closing"
    if _TASK_VERB.match(core) or re.search(r"[，,；;]", core):
        return ""  # a task (夯实社会组织高质量发展基础) or a slogan of two clauses, not a role's name
    named = [role for role, rx in _NAMED.items() if rx.search(core)]
    ends = [role for role, rx in _HEAD_NOUN.items() if rx.search(core)]
    if len(set(named) | set(ends)) > 1:
        return "requirements"  # a heading naming several framing roles introduces them all
    if ends:
        return ends[0]
    return named[0] if named else ""


def title_role(title: str) -> str:
    """The role an item's title sentence states (…必须遵循的原则。 -> principles; 到二〇三五年…远景目标。 -> goals)."""
    core = _core(title)
    if not core:
        return ""
    if _BY_DATE.match(core) and _HEAD_NOUN["goals"].search(core):
        return "goals"
    return heading_role(title)


_SCOPE = re.compile(r"^本(办法|意见|方案|措施|规定|细则|规划|计划|通知|政策)[^。]{0,6}(适用于|所称|所指)")
# A definition: the paragraph opens with the term it defines, then 是指 (工业园区是指…; “游艇”是指…; 存量新能源项目是指…),
# the term being a phrase without a stop or a comma before it (其中，“1”是指… inside a goal defines nothing by itself).
_DEFINITION = re.compile(r"^[^。；;，,：:]{1,30}[，,]?(是指|系指)")


def paragraph_role(body: str) -> str:
    """The role a paragraph states by its wording alone: goals dated 到2025年…, the scope a document gives
    itself (本办法适用于…, 本实施意见所称…是指…) or a term it defines (工业园区是指…), or ''."""
    s = to_simplified(body)
    if _BY_DATE.match(s):
        return "goals"
    if _SCOPE.match(s) or _DEFINITION.match(s):
        return "scope"
    return ""


def is_principle_bullet(body: str) -> bool:
    """——坚持…: the standard form of a principle."""
    return bool(_PRINCIPLE_BULLET.match(to_simplified(body)))


def is_closing_clause(text: str) -> bool:
    """Every sentence is about taking effect, interpretation, validity or repeal (本方案自…起施行)."""
    s = to_simplified(text).strip()
    sentences = [m.group().strip() for m in _SENTENCE.finditer(s) if m.group().strip()]
    return bool(sentences) and all(_CLOSING.search(x) or _takes_effect(x) for x in sentences)


# A document naming itself: 本方案, 本政策措施, 本文件 (not 本市, 本区, 本年度).
_OWN_DOCUMENT = re.compile(r"^本(?:若干)?(?:政策措施|方案|办法|意见|措施|举措|规定|细则|通知|规划|计划|要点|政策|文件)")


def is_closing_provisions(text: str) -> bool:
    """The document's closing provisions run into one paragraph (an untitled 附则): it speaks of the document itself
    (本政策措施所列激励标准均为最高标准，…) and ends putting it into force or stating its validity (本文件自公布之日起
    30日后施行，…有效期截至2027年12月31日。), so it holds for every part, not only for the last one it follows."""
    s = to_simplified(text).strip()
    sentences = [m.group().strip() for m in _SENTENCE.finditer(s) if m.group().strip()]
    if not sentences or not _OWN_DOCUMENT.match(s):
        return False
    return bool(_CLOSING.search(sentences[-1])) or _takes_effect(sentences[-1])


def _takes_effect(sentence: str) -> bool:
    """The sentence puts the document (not a rule of it) into force: 本方案自印发之日起施行, 自2024年1月1日起实施."""
    return any(
        not (subject := m.group("subject").strip()) or _DOCUMENT_NOUN.search(subject) for m in _TAKES_EFFECT.finditer(sentence)
    )


def is_exhortation(text: str) -> bool:
    """The rallying call documents end with (让我们…; 为实现…而奋斗)."""
    return bool(_EXHORTATION.search(to_simplified(text)))
