"""Read stage: file bytes -> decoded text, with the encoding detected and recorded.

Offsets everywhere in plankg index the string returned here. For plain text a BOM is removed, line ends
are kept as they are in the file, and nothing else is changed; HTML, Word and PDF files are first turned
into text lines (loaders.html, loaders.docx, loaders.pdf; a web page saved as one file through loaders.mhtml;
.doc, .wps, RTF and OpenDocument files through LibreOffice, loaders.office), and that extracted text is what the
spans index. A file is read by what its content
is when its name does not say (a page saved without a suffix, a PDF downloaded under a server's link name).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import LoadError
from .formats import MEDIA_TYPES, OFFICE_SUFFIXES, PDF, WEB_ARCHIVE_SUFFIXES, WEB_PAGE_SUFFIXES, ZIP, format_of
from .office import office_to_docx
from .records import SourceText
from .script import detect_script

# What UTF-16 text is made of: ASCII, Latin-1, punctuation, CJK and full-width forms. Binary data read as
# UTF-16 lands mostly elsewhere.
_TEXT_CHAR = re.compile(r"[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2e80-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode document bytes, returning (text, encoding name); raise LoadError when impossible."""
    if not data.strip():
        raise LoadError(name, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, name), f"{encoding} (BOM)"
    if b"\x00" in data[:4096]:
        if (found := _utf16_without_bom(data)) is not None:
            return found
        raise LoadError(name, "binary data, not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        return _detected(data, name, exc)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as text, or None (binary data)."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:2048]
        if sum(1 for c in sample if _TEXT_CHAR.match(c)) >= 0.95 * len(sample):
            return text, encoding
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(name, f"not valid {encoding} at byte {exc.start}") from exc


def _detected(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    # A UTF-8 file cut inside its last character is truncated, not in another encoding.
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        raise LoadError(name, f"text cut in the middle of a multibyte character at byte {utf8_error.start}")
    candidates = ["gb18030", "big5", "utf_16", "utf_8"]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        for encoding in ("gb18030", "big5"):
            if _decodes(data[:-1], encoding) and not _decodes(data, encoding):
                raise LoadError(name, f"{encoding} text cut in the middle of a multibyte character at the last byte")
        raise LoadError(name, "unknown text encoding (tried UTF-8, GB18030, Big5, UTF-16)")
    encoding = best.encoding
    return _strict(data, encoding, name), encoding


_MAGIC = {".docx": (ZIP, "a Word (.docx) file"), ".pdf": (PDF, "a PDF file")}


def _declared_or_detected(data: bytes, declared: str | None, name: str) -> tuple[str, str]:
    """A page in the charset it declares, or, when that declaration is wrong or missing, as detected."""
    if declared and _decodes(data, declared):
        return data.decode(declared), declared
    return decode_bytes(data, name)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def read_source(path: Path) -> SourceText:
    """Read a document into decoded text: plain text as it is, other formats as their extracted text.

    For HTML, Word and PDF the spans index the extracted text, which the source node keeps.
    """
    data = _read_bytes(path)
    suffix = format_of(data, path.suffix.lower())
    text, encoding = _text_of(data, suffix, path.name)
    return SourceText(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        media_type=MEDIA_TYPES.get(suffix, "text/plain"),
        text=text,
        script=detect_script(text),
    )


def _text_of(data: bytes, suffix: str, name: str) -> tuple[str, str]:
    if not data.strip():
        raise LoadError(name, "the file is empty")
    if suffix in _MAGIC and not data.startswith(_MAGIC[suffix][0]):
        raise LoadError(name, f"not {_MAGIC[suffix][1]}: the content does not start like one")
    try:
        if suffix in WEB_PAGE_SUFFIXES:
            from .html import declared_charset, html_to_text

            markup, encoding = _declared_or_detected(data, declared_charset(data), name)
            text = html_to_text(markup, name)
            if not text.strip():
                raise LoadError(name, "the page has no text besides navigation, scripts and footers")
            return text, encoding
        if suffix in WEB_ARCHIVE_SUFFIXES:
            from .html import declared_charset, html_to_text
            from .mhtml import archived_page

            page, charset = archived_page(data, name)
            markup, encoding = _declared_or_detected(page, charset or declared_charset(page), name)
            text = html_to_text(markup, name)
            if not text.strip():
                raise LoadError(name, "the page has no text besides navigation, scripts and footers")
            return text, f"{encoding} (MHTML)"
        if suffix == ".docx":
            from .docx import docx_to_text

            return docx_to_text(data, name), "utf-8 (docx XML)"
        if suffix == ".pdf":
            from .pdf import pdf_to_text

            return pdf_to_text(data, name), "PDF text layer"
        if suffix in OFFICE_SUFFIXES:
            from .docx import docx_to_text

            return docx_to_text(office_to_docx(data, suffix, name), name), f"{suffix} converted by LibreOffice"
    except ModuleNotFoundError as exc:
        raise LoadError(name, f"reading {suffix} files needs {exc.name}, which plankg installs: pip install plankg") from exc
    return decode_bytes(data, name)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise LoadError(path.name, f"no such file: {path}")
    if not path.is_file():
        raise LoadError(path.name, f"not a regular file: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(path.name, f"cannot read {path}: {exc.strerror or exc}") from exc
