"""Bounds on one input document, so that no file (a huge text, a .docx bomb, a page of millions of elements) can
take the machine's memory or the build's time. Each limit has its own error naming the file and the limit, and
its own flag of `plankg build` to raise it. What a document at the limits costs is measured by
benchmarks/limits_memory.py (README, "Input as it comes").
"""

from __future__ import annotations

import re
import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from plankg.loaders.errors import LoadError
from plankg.loaders.formats import SNIFFED_BYTES, WEB_ARCHIVE_SUFFIXES, WEB_PAGE_SUFFIXES, format_of

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """The bounds, with the defaults README's "Input as it comes" states; each field is one flag of `plankg build`."""

    file_mb: float = 20  # --max-file-size: bytes of the file on disk
    text_chars: int = 500_000  # --max-text: characters of the text read from it (any format)
    unzipped_mb: float = 100  # --max-unzipped: all parts of a .docx, decompressed
    elements: int = 1_000_000  # --max-elements: XML elements of a .docx body, tags of a web page
    seconds: float = 300  # --timeout: reading and parsing one document


DEFAULT_LIMITS = Limits()


class DocumentTimeout(BaseException):
    """Raised inside a document's parsing when its time is up (a BaseException, so no loader's handler takes it)."""


def _over(path: Path, what: str, limit: str, flag: str) -> LoadError:
    return LoadError(path.name, f"{what}, over the limit of {limit} per document (raise it with {flag})")


def check_file(path: Path, limits: Limits) -> None:
    """The limits that can be checked before reading the document: file size, a .docx's decompressed size and
    element count, a web page's element count; each is checked without reading more than it bounds."""
    size = path.stat().st_size
    if size > limits.file_mb * MB:
        raise _over(path, f"the file is {size / MB:.1f} MB", f"{limits.file_mb:g} MB", "--max-file-size MB")
    with path.open("rb") as file:
        suffix = format_of(file.read(SNIFFED_BYTES), path.suffix.lower())  # what the reader will read it as
    if suffix == ".docx":
        _check_package(path, limits)
    elif suffix in WEB_PAGE_SUFFIXES + WEB_ARCHIVE_SUFFIXES:
        _check_page(path, limits)


def check_text(path: Path, text: str, limits: Limits) -> None:
    if len(text) > limits.text_chars:
        raise _over(path, f"its text is {len(text):,} characters", f"{limits.text_chars:,} characters", "--max-text CHARS")


def _check_package(path: Path, limits: Limits) -> None:
    """A .docx's parts, decompressed, from the sizes its zip directory declares (Python's zip reader never yields
    more than declared, so they bound what the reader gets); then its body's elements, counted as they stream."""
    try:
        with zipfile.ZipFile(path) as package:
            unzipped = sum(info.file_size for info in package.infolist())
            if unzipped > limits.unzipped_mb * MB:
                raise _over(
                    path,
                    f"its parts decompress to {unzipped / MB:,.1f} MB ({path.stat().st_size / MB:.1f} MB compressed)",
                    f"{limits.unzipped_mb:g} MB",
                    "--max-unzipped MB",
                )
            if "word/document.xml" in package.namelist():
                with package.open("word/document.xml") as body:
                    _count_xml_elements(path, body, limits)
    except (zipfile.BadZipFile, OSError, EOFError):
        return  # not a readable package: the reader says so in its own words


# What the XML reader of .docx files (libxml2 through lxml) refuses to build, whatever the flags: deeper nesting and
# longer runs of text in one node. They are checked in the same pass, so that such a file is this clear error.
XML_MAX_DEPTH = 256
XML_MAX_TEXT_BYTES = 10_000_000


def _count_xml_elements(path: Path, stream, limits: Limits) -> None:
    """Stream the XML through expat, counting elements, their depth and each node's run of text, and stop at the
    first one over its limit."""
    count = depth = text = 0

    def start(_name: str, _attributes: dict) -> None:
        nonlocal count, depth, text
        count, depth, text = count + 1, depth + 1, 0
        if count > limits.elements:
            raise _over(
                path,
                f"its body has more than {limits.elements:,} XML elements",
                f"{limits.elements:,} elements",
                "--max-elements N",
            )
        if depth > XML_MAX_DEPTH:
            raise LoadError(
                path.name,
                f"its body nests XML elements more than {XML_MAX_DEPTH} deep, which the Word "
                "reader refuses (no real document does)",
            )

    def end(_name: str) -> None:
        nonlocal depth, text
        depth, text = depth - 1, 0

    def characters(data: str) -> None:
        nonlocal text
        text += len(data.encode("utf-8"))
        if text > XML_MAX_TEXT_BYTES:
            raise LoadError(
                path.name,
                f"its body has a run of text over {XML_MAX_TEXT_BYTES:,} bytes in one XML node, "
                "which the Word reader refuses (no real document does)",
            )

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, characters
    try:
        while chunk := stream.read(1 << 20):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return  # malformed XML: the reader reports it


_TAG = re.compile(rb"<[A-Za-z]")


def _check_page(path: Path, limits: Limits) -> None:
    for count, _ in enumerate(_TAG.finditer(path.read_bytes()), start=1):
        if count > limits.elements:
            raise _over(
                path, f"the page has more than {limits.elements:,} elements", f"{limits.elements:,} elements", "--max-elements N"
            )


@contextmanager
def time_limit(path: Path, limits: Limits) -> Iterator[None]:
    """Raise LoadError if the block runs longer than the limit (by SIGALRM; in the main thread only, elsewhere
    the block runs unbounded)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    try:
        yield
    except DocumentTimeout:
        raise _over(
            path, f"reading it took more than {limits.seconds:g} s", f"{limits.seconds:g} s", "--timeout SECONDS"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
