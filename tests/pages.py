"""Government web pages written around a real text, the way the sites' content systems publish documents.

Two layouts real sites use:
- gov.cn's 国务院文件 page: a header with menus, a breadcrumb, the 信息公开 metadata table (labels spaced out
  with &nbsp;, 索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期), the document in
  <p style="text-indent"> paragraphs whose part headings are <strong> runs and whose text is split over
  <span>s across source lines, a date line centred, a hidden element, share and print widgets, an editor's
  credit, related links with dates, a footer;
- a provincial 政府信息公开 page of an older content system: the whole page laid out in nested <table>s, the
  metadata as label cells ending in "：" (or a <dl>, or one bar of <span>s), paragraphs indented with &nbsp;,
  short lines of a notice (addressees, signature, date) joined with <br>, data tables as real <table>s, a
  <script> and <style> inside the article, a footer table.
The text's lines are its paragraphs (blank lines between them do not matter on a page).
"""

from __future__ import annotations

import re
from html import escape

from plankg.loaders.clean import clean
from plankg.loaders.segment import segment

_PART = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")
_TITLED = re.compile(r"^(（[一二三四五六七八九十]+）[^。，]{1,30}。)(.*)$")


def _spans(text: str) -> str:
    """A paragraph as a content system writes it: runs of <span>s, split at commas, across source lines."""
    pieces = re.split(r"(?<=，)", text)
    return "\n".join(f'<span style="font-family: 仿宋_GB2312; font-size: 16pt;">{escape(p)}</span>' for p in pieces if p)


def _gov_paragraph(line: str) -> str:
    if m := _TITLED.match(line):  # （一）指导思想。text: the item's title in bold, the text after it
        return f'<p style="text-indent: 2em;"><strong>{escape(m.group(1))}</strong>{_spans(m.group(2))}</p>'
    if _PART.match(line):
        return f'<p style="text-indent: 2em;"><strong>{escape(line)}</strong></p>'
    if line.startswith("（") and line.endswith("）") and len(line) < 40:  # a date line
        return f'<p style="text-align: center;">{escape(line)}</p>'
    return f'<p style="text-indent: 2em;">&nbsp;&nbsp;{_spans(line)}</p>'


def gov_cn_page(text: str, title: str, facts: list[tuple[str, str]]) -> str:
    """The text as gov.cn publishes a 国务院文件: facts are the metadata table's (label, value) pairs in order."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    cells = [f'<td class="w80"><b>{"&nbsp;".join(escape(label))}：</b></td><td>{escape(value)}</td>' for label, value in facts]
    rows = "\n".join("<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2))
    body = "\n".join(_gov_paragraph(ln) for ln in lines[1:])
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}_国务院文件_中国政府网</title>
<meta name="keywords" content="乡村振兴"><link rel="stylesheet" href="/css/pages.css">
<style>.pages_content p {{ line-height: 2em; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head><body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="中国政府网"></a></div>
<div class="mainNav"><ul><li><a href="/">首页</a></li><li><a href="/zhengce/">政策</a></li>
<li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li></ul></div></div>
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt;
<a href="/zhengce/xxgk/">国务院文件</a></div>
<div class="wrap">
<div class="policyLibraryOverview_header">
<table class="bd1" width="100%" cellspacing="0" cellpadding="0">
<tbody>
{rows}
</tbody></table></div>
<div class="article oneColumn pub_border">
<h1>{escape(title)}</h1>
<div class="pages-date">2018-02-04 20:13 来源： 新华社</div>
<div class="pages_content" id="UCAP-CONTENT">
<p style="text-align: center;"><strong>{escape(lines[0])}</strong></p>
{body}
<div style="display: none;"><a href="http://ad.example/">推广链接</a></div>
</div>
<div class="editor">【责任编辑：王某】</div>
<div class="pages_print"><a href="javascript:void(0)">【我要纠错】</a> <a href="javascript:window.print()">【打印】</a>
<a href="javascript:window.close()">【关闭】</a></div>
<div class="share"><span>分享到：</span><a class="bds_weixin"></a><a class="bds_tsina"></a></div>
<div class="bdsharebuttonbox"><a href="#" class="bds_more" data-cmd="more"></a></div>
<div class="related"><h4>相关稿件</h4><ul>
<li><a href="/zhengce/2018-02/04/content_1.htm">中央农办主任解读一号文件</a><span>2018-02-04</span></li>
<li><a href="/zhengce/2018-02/05/content_2.htm">图解：乡村振兴这样推进</a><span>2018-02-05</span></li>
</ul></div>
</div></div>
<div class="foot"><p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
<p>网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号</p></div>
<script src="/js/share.js"></script>
</body></html>
"""


def _table(text: str, region) -> str:
    from tests.test_formats import table_rows

    rows = table_rows(text, region)
    trs = "\n".join("<tr>" + "".join(f'<td><p align="center">{escape(c)}</p></td>' for c in row) + "</tr>" for row in rows)
    return f'<table border="1" cellspacing="0" cellpadding="0" class="MsoNormalTable">\n{trs}\n</table>'


def provincial_page(text: str, title: str, facts: list[tuple[str, str]], facts_as: str = "table") -> str:
    """The text as an older provincial content system publishes it, with its data tables as <table>s.

    facts_as: "table" (label cells ending in "："), "dl" (<dt>/<dd>) or "bar" (one line of <span>s).
    """
    cleaned = clean(text)
    seg = segment(text, cleaned.content)
    tables = {next(ln.start for ln in t.lines if ln.stripped): t for t in seg.tables}
    headings = {h.span.start: h for h in seg.headings if h.kind in ("chapter", "section")}
    blocks, short, skip_to = [], [], -1

    def flush_short() -> None:
        if short:
            blocks.append(f'<p style="text-align: right;">{"<br/>".join(escape(s) for s in short)}</p>')
            short.clear()

    for line in cleaned.lines:
        s = line.stripped
        if not s or line.start < skip_to:
            continue
        start = line.start + len(line.text) - len(line.text.lstrip())
        if start in headings:  # a heading the text wraps over lines is one line on the page
            flush_short()
            joined = "".join(ln.strip() for ln in headings[start].span.quote.splitlines())
            blocks.append(f'<p align="center"><strong><font size="4">{escape(joined)}</font></strong></p>')
            skip_to = headings[start].span.end
        elif line.start in tables:
            flush_short()
            blocks.append(_table(text, tables[line.start]))
            skip_to = tables[line.start].lines[-1].end
        elif len(s) <= 16 and not _PART.match(s) and "章" not in s[:4] and "节" not in s[:4]:
            short.append(s)  # addressees, signatures, dates: lines a notice sets apart, joined with <br>
        else:
            flush_short()
            blocks.append(f'<p align="justify" style="line-height: 2em;">&nbsp;&nbsp;&nbsp;&nbsp;{escape(s)}</p>')
    flush_short()
    if facts_as == "dl":
        info = '<dl class="xxgk-info">' + "".join(f"<dt>{escape(k)}：</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>"
    elif facts_as == "bar":
        info = (
            '<div class="xxgk-info">'
            + "".join(f'<span class="lab">{escape(k)}：</span><span>{escape(v)}</span>' for k, v in facts)
            + "</div>"
        )
    else:
        cells = [f'<td class="td-lab">{escape(k)}：</td><td class="td-val">{escape(v)}</td>' for k, v in facts]
        info = (
            '<table class="xxgk_table" width="100%">'
            + "".join("<tr>" + "".join(cells[i : i + 3]) + "</tr>" for i in range(0, len(cells), 3))
            + "</table>"
        )
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(title)}</title><script language="javascript" src="/js/jquery.js"></script></head>
<body topmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>
<table width="100%" class="top"><tr><td><img src="/images/banner.jpg"></td></tr>
<tr><td class="menu"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> |
<a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></td></tr></table>
<table width="100%"><tr><td class="position">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk/">政务公开</a> &gt; 规划计划</td></tr></table>
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>
<td width="20" background="/images/bg_l.gif"></td>
<td valign="top">
{info}
<div class="xxgk_title" align="center">{escape(title)}</div>
<div class="TRS_Editor"><style>.TRS_Editor P {{ margin-top: 0; font-size: 12pt; }}</style>
<div class="Custom_UnionStyle">
{chr(10).join(blocks)}
</div></div>
<script>function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}</script>
<div class="wz_tool">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>
<a href="javascript:doZoom(12)">小</a>】</div>
<table width="100%"><tr><td align="center">
<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr></table>
</td><td width="20"></td></tr></table>
<table width="100%" class="bottom"><tr><td align="center">主办：某省人民政府办公厅　版权所有 ICP备05000000号</td></tr></table>
</td></tr></table>
</body></html>
"""
