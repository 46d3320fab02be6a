"""The document formats plankg reads, and which one a file is: by its name's suffix, or by its content when the name
does not say (a page saved without a suffix, a PDF or Word file downloaded under a server's link name, a .txt that
is a web page)."""

from __future__ import annotations

import re

from .mhtml import is_web_archive

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".mhtml": "multipart/related",  # a web page saved as one file (loaders.mhtml)
    ".mht": "multipart/related",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".wps": "application/wps-office.wps",  # WPS Office's own name for it (no registered type)
    ".rtf": "application/rtf",
    ".odt": "application/vnd.oasis.opendocument.text",
}
WEB_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")  # .shtml: the pages of many government sites
WEB_ARCHIVE_SUFFIXES = (".mhtml", ".mht")
OFFICE_SUFFIXES = {  # read through LibreOffice (loaders.office)
    ".doc": "a Word 97-2003 (.doc) file",
    ".wps": "a WPS Writer (.wps) file",  # WPS Office's format: Word 97-2003 at base, which LibreOffice reads
    ".rtf": "an RTF file",
    ".odt": "an OpenDocument (.odt) file",
}
_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
SNIFFED_BYTES = 65_536  # what format_of reads of a file

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"  # .docx and .odt are zip packages
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003 files
RTF = b"{\\rtf"
_MARKUP = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|div|table|p)[\s>]", re.I | re.S
)
_BOM = b"\xef\xbb\xbf"


def format_of(data: bytes, suffix: str) -> str:
    """The suffix a file is read by (data: its first SNIFFED_BYTES): its own when it names a format other than text,
    else the one its content shows (.pdf, .docx, .doc, .html; Markdown is never read as a page), else its own or .txt.
    A web page saved as one file is read as one under any name but Markdown's (Word's single file web page is often
    served as a .doc, which LibreOffice would read as text)."""
    start = data[:4096].removeprefix(_BOM)
    if suffix not in (".md", ".markdown") and is_web_archive(start):
        return ".mht" if suffix not in WEB_ARCHIVE_SUFFIXES else suffix
    if suffix in MEDIA_TYPES and suffix not in _TEXT_SUFFIXES:
        return suffix
    if start.startswith(PDF):
        return ".pdf"
    if start.startswith(ZIP) and b"word/" in data[:SNIFFED_BYTES]:
        return ".docx"
    if start.startswith(OLE2):
        return ".doc"
    if suffix not in (".md", ".markdown") and is_web_page(start):
        return ".html"
    return suffix if suffix in MEDIA_TYPES else ".txt"


def is_web_page(start: bytes) -> bool:
    """Whether content starting so is HTML markup."""
    return bool(_MARKUP.match(start))


def starts_like_office(data: bytes, suffix: str) -> bool:
    """Whether the content is of a kind LibreOffice reads under this suffix; else LibreOffice would read any bytes as
    text. A ".doc" from a government site is often RTF, a saved web page or a renamed .docx, which it reads too."""
    start = data[:4096].removeprefix(_BOM)
    if suffix == ".rtf":
        return start.startswith(RTF)
    if suffix == ".odt":
        return start.startswith(ZIP)
    if suffix == ".wps":
        return start.startswith(OLE2)
    return start.startswith((OLE2, RTF, ZIP)) or is_web_page(start)
