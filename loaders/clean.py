"""Clean stage: split the text into lines and set aside what is not plan content.

The rules are general ones about web pages and printed documents, not about particular documents: breadcrumbs,
widget labels, download links, page metadata blocks, link farms (spam) injected into the page, and the record
(版记) a printed official document ends with.
Page metadata that states a fact (publisher, date, index number) is dropped from the content but
returned as metadata lines, so the metadata stage can still use it with its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Dropped, Line, Span

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

# Site chrome: navigation, widgets and download links. Keys are the reasons recorded.
_CHROME: dict[str, re.Pattern[str]] = {
    "breadcrumb navigation": re.compile(
        r"^\S{1,12}(?:\s*>\s*\S{1,20}){1,6}$|^(?=.{0,60}$)(当前位置|當前位置|您的位置|您现在的位置|您現在的位置|所在位置)\s*[:：]"
    ),
    "page widget": re.compile(
        r"^(请选择|請選擇)\S{0,8}[:：]?$|字体大小|字體大小|【?打印本页|关闭窗口|關閉窗口|扫一扫在手机.{0,4}(打开|查看)"
        r"|^(党政机关|黨政機關|我为政府网站找错|政府网站找错|官方微信|官方微博|微信公众号|微信公眾號|手机版|手機版|无障碍|無障礙)$"
        r"|^(?:[\s【】\[\]［］|:：]*(?:打印|列印|关闭|關閉|本页|窗口|我要纠错|纠错|收藏|分享到|返回顶部|回到顶部|回到|顶部|字号|字號|字体|"
        r"大|中|小|默认|放大|缩小|正常|微信|微博|QQ空间|朋友圈))+[\s【】\[\]［］|:：]*$"
    ),
    # what a browser prints at a page's foot: the page's address and the page count (file:///…/plan.html 1/3; ﬁle
    # with the ligature a PDF's text layer may hold)
    "printed page address": re.compile(r"^(?:file|\ufb01le|https?):///?\S+(?:\s+\d{1,4}/\d{1,4})?$"),
    "article navigation": re.compile(r"^(上一篇|下一篇|上一條|下一條|上一条|下一条|上篇|下篇)\s*[:：]"),
    "editor credit": re.compile(r"^(?=.{0,30}$)[【\[（(]?\s*(责任编辑|責任編輯)\s*[:：]"),
    "download links": re.compile(
        r"^(文件下载|文件下載|关联文件|關聯文件|附件下载|附件下載|点击下载(此|本)?(文件|附件)?)[:：]?\s*$"
    ),
    "section label": re.compile(
        r"^(部门文件|部門文件|政策文件|通知公告|相关稿件|相關稿件|相关链接|相關鏈接|相关文件|相關文件|相关新闻|相關新聞|"
        r"相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关解读|相關解讀)[:：]?$"
    ),
    # A document's table of contents: the line 目录, and entries whose dotted leader ends in a page number
    # (第一章 发展基础 ……………… 1); a scrape may run several entries into one line (…… 5第一章 …… 6第一节 …).
    "table of contents": re.compile(
        r"^(?:目\s*录|目\s*次|目\s*錄)$|(?:[.．·…⋯]{3,}|…{2,})[ \t\u3000]*\d{1,3}[ \t\u3000]*$"
        r"|(?:(?:[.．·…⋯]{3,}|…{2,})[ \t\u3000]*\d{1,3}(?!\d).*){2,}"
    ),
    "site footer": re.compile(
        r"^(?=.{0,80}$).*(版权所有|版權所有|©|Copyright)"
        r"|^(?=.{0,200}$).*(ICP备|ICP備|网站标识码|網站標識碼|公网安备|公網安備)"  # a printed page runs its footer on
        r"|^(主办单位|主辦單位|承办单位|承辦單位|网站地图|網站地圖|联系我们|聯繫我們|关于我们|關於我們|使用帮助|隐私保护|"
        r"法律声明|網站聲明|网站声明)[:：\s|]"
        r"|^(?=.{0,200}$).*(最佳浏览效果|最佳瀏覽效果|建议您?使用.{0,30}浏览器)"
        r"|^(友情链接|友情鏈接)[:：]"
        r"|^\d{10,}[号號]$"  # the 公网安备 number a printed footer wrapped onto a line of its own
        # the site's address and telephone, set apart by spaces (a notice's contact line reads …，邮政编码：…，电话：…)
        r"|^(?=.{0,120}$)(?!.*[，。；]).*(邮政编码|郵政編碼|邮编|郵編)\s*[:：]\s*\d{6}"
        # the sites a footer links to, a name a line (中国政府网, 工业和信息化部网站), and who publishes the site
        r"|^[\u4e00-\u9fff]{2,20}(网站|網站|政府网|政府網)$|^[\u4e00-\u9fff]{2,30}(委员会|委員會|政府|局|厅|廳|办公室|辦公室)发布$",
        re.IGNORECASE,
    ),
    # The record a printed official document ends with (版记, GB/T 9704): who gets copies and who printed it when
    # (抄送：…; 国务院办公厅秘书局  2018年2月4日印发): about the copy, not the plan.
    "document record": re.compile(
        r"^(抄送|抄报|抄\s+送)[:：]|^(?=.{0,60}$)\S.*?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$|^[（(]共印\d+份[)）]$"
    ),
    # a link to the document's interpretation, as a page lists it under the text: 《…》政策解读
    "related link": re.compile(r"^《[^《》]{2,100}》\s*(政策解读|政策解讀|解读|解讀|图解|圖解|答记者问|答記者問)$"),
}

# A label of two to six characters spaced out before its colon (文 号 ：, 有 效 性：), as a printed page aligns them.
_SPACED_LABEL = re.compile(r"^((?:[\u4e00-\u9fff][ \t\u3000]+){1,5}[\u4e00-\u9fff])[ \t\u3000]*([:：])")
# Page metadata blocks: labelled facts about the page rather than the plan's text.
_METADATA = re.compile(
    r"^(时间|時間|发布时间|發布時間|信息索引号|索引号|索引號|生成日期|公开日期|文件编号|文件編號|"
    r"发布机构|發布機構|效力状况|效力狀況|内容概述|內容概述|信息来源|信息來源|来源|來源)\s*[:：\s]"
    # the fields of a 政府信息公开 metadata table, as loaders.html writes them: "文号：国办发〔2021〕45号"
    r"|^(主题分类|主題分類|分类|分類|公文种类|公文種類|发文机关|發文機關|发文单位|發文單位|文号|文號|发文字号|發文字號|成文日期|签发时间|"
    r"簽發時間|签发日期|簽發日期|发布日期|發布日期|生效时间|生效時間|生效日期|实施日期|實施日期|施行日期|失效时间|失效時間|"
    r"废止日期|廢止日期|有效性|标题|標題|名称|名稱|主题词|主題詞|关键词|關鍵詞|体裁分类|體裁分類|公开方式|公開方式|"
    r"公开范围|公開範圍|栏目|欄目|所属栏目|所屬欄目|原文链接|原文鏈接|原文地址)[:：]"
    # a page's dateline: "2018-02-04 20:13 来源： 新华社"
    r"|^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(来源|來源)\s*[:：]"
)


@dataclass(frozen=True)
class CleanText:
    """The document's lines, split into content, page metadata and dropped noise."""

    lines: list[Line]
    content: list[Line]
    metadata: list[Line]
    dropped: list[Dropped]


def split_lines(text: str) -> list[Line]:
    """Lines without their line ends, each with its offset into text and its 1-based number."""
    lines: list[Line] = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        raw = match.group(0)
        if not raw:
            break
        body = raw.rstrip("\r\n")
        lines.append(Line(number=number, start=match.start(), text=body))
    return lines


def is_link_farm(line: str) -> bool:
    """A run of many short link texts separated by '|': injected spam, never a sentence of a plan, nor a table's
    row written on one line (a Markdown table's: 1 | 城乡低保标准年度增速 | % | 6 | … | 预期性 |)."""
    parts = [p.strip() for p in line.split("|")]
    items = [p for p in parts if p]
    if len(items) < 6:
        return False
    sentence_marks = sum(line.count(c) for c in "。；;")
    short = sum(1 for p in items if len(p) <= 30)
    return sentence_marks == 0 and short >= 0.8 * len(items) and not _table_row(items)


# A table's cell that no link text is: a value (6, 33.86, 100%, --), an indicator's attribute, a header's word.
_TABLE_CELL = re.compile(
    r"^(?:[-+]?\d+(?:\.\d+)?[%％]?|[-—–]{1,2}|预期性|约束性|預期性|約束性|序号|序號|单位|單位|属性|屬性|指标名称|指標名稱)$"
)


def _table_row(items: list[str]) -> bool:
    return sum(1 for item in items if _TABLE_CELL.match(item)) >= 2


def _unspaced_label(stripped: str) -> str:
    """A line whose label is spaced out to align the fields of a page (文 号 ： …, 索 引 号：…) with the label closed up."""
    if m := _SPACED_LABEL.match(stripped):
        return re.sub(r"[ \t\u3000]", "", m.group(1)) + m.group(2) + stripped[m.end() :]
    return stripped


def classify_line(stripped: str) -> str | None:
    """The reason a line is not content, 'metadata' for page metadata, or None for content."""
    if not stripped:
        return None
    if is_link_farm(stripped):
        return "injected spam links"
    if _METADATA.match(stripped) or ((unspaced := _unspaced_label(stripped)) != stripped and _METADATA.match(unspaced)):
        return "metadata"
    for reason, pattern in _CHROME.items():
        if pattern.search(stripped):
            return reason
    return None


# A page's list of links under its label (友情链接, 省市政府网站 …), a link a line once the page is printed or saved as
# text: the label, then short names with no sentence in them (福建省人民政府, 人民网, 闽政通APP).
_LINK_LIST_LABEL = re.compile(
    r"^(友情链接|友情鏈接|相关网站|相關網站|政府网站|政府網站|省市政府网站|市县政府网站|县区政府网站|部门网站|部門網站|"
    r"新闻媒体|新聞媒體|媒体链接|网站链接|網站鏈接|新媒体矩阵|新媒體矩陣|政务新媒体|政務新媒體|兄弟网站|"
    # whose sites: 市级部门相关网站, 委属单位网站, 区县政府网站
    r"[\u4e00-\u9fff]{0,8}(?:相关|相關|单位|單位|部门|部門|政府|直属|直屬)(?:网站|網站))$"
)
# Names a list of links puts side by side, a printed page running them on across its lines and a Word file made
# from the page in one paragraph (市发展改革委 市教委 … 重庆市能源利用监测中心 （重庆市节能技术服务中心） …): no sentence.
_LINK_NAMES = re.compile(r"^[^，。；：,;:！？]{2,600}$")


# A page's 来源 label with nothing after its colon (来源： / 能源局 on the next line, as a page saved as text breaks
# them): the office that posted the page. Other labels are left alone: a 标题 label's value may be the title the
# text repeats nowhere else.
_LABEL_ALONE = re.compile(r"^(?:信息)?[来來][ \t\u3000]*[源][ \t\u3000]*[:：]$")


def _label_alone(stripped: str) -> bool:
    """A page's 来源 label whose value the next line holds."""
    return bool(_LABEL_ALONE.match(stripped))


def clean(text: str) -> CleanText:
    """Split text into lines and separate content from page chrome, metadata and spam."""
    lines = split_lines(text)
    content: list[Line] = []
    metadata: list[Line] = []
    dropped: list[Dropped] = []
    in_links = False
    labelled = False  # the line before was a field's label alone (来源：), its value broken onto this line
    for line in lines:
        if line.stripped:
            in_links = bool(_LINK_LIST_LABEL.match(line.stripped)) or in_links and bool(_LINK_NAMES.match(line.stripped))
        reason = "site footer" if in_links and line.stripped else classify_line(line.stripped)
        if line.stripped:
            reason, labelled = ("metadata" if labelled and reason is None else reason), _label_alone(line.stripped)
        else:
            labelled = False  # a blank line ends the field: an empty label's next block is no value of it (主题词：)
        if reason is None:
            content.append(line)
            continue
        if reason == "metadata":
            metadata.append(line)
        lead = len(line.text) - len(line.text.lstrip())
        start = line.start + lead
        end = line.start + len(line.text.rstrip())
        dropped.append(Dropped(reason="page metadata" if reason == "metadata" else reason, span=Span.of(text, start, end)))
    return CleanText(lines=lines, content=content, metadata=metadata, dropped=dropped)
