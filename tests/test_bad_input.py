"""Text as it comes (GB18030, Big5, UTF-16, BOMs, CRLF) and input that is not a plan at all.

Every encoding is read into the same plan with the detected encoding recorded and every span quoting the
decoded text; every bad file gives one line naming the file and the problem, exit status 1, no traceback,
while the good documents of the same batch load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.graph.vocab import SPARQL_PREFIXES
from plankg.loaders.pipeline import parse_document
from plankg.loading.documents import bundled_corpus, load_document
from tests.test_cli import plankg
from tests.test_formats import content
from tests.test_spans import SPANS

CORPUS = bundled_corpus()
SIMPLIFIED = (CORPUS / "001_e6d1326eb6e5ef17.txt").read_text(encoding="utf-8")
TRADITIONAL = (CORPUS / "002_1d4cc66293008ec4.txt").read_text(encoding="utf-8")
# Big5 has no code for 002's Simplified spam line, its ≥ signs and no-break spaces (lines 1, 446, 756)
BIG5_TEXT = TRADITIONAL.encode("big5", errors="replace").decode("big5")

ENCODED = {
    # name: (the text, its bytes, the encoding plankg must record)
    "gb18030": (SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
    "gb18030-crlf": (SIMPLIFIED.replace("\n", "\r\n"), SIMPLIFIED.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    "big5": (BIG5_TEXT, BIG5_TEXT.encode("big5"), "big5"),
    "utf-16-bom": (SIMPLIFIED, SIMPLIFIED.encode("utf-16"), "utf-16-le (BOM)"),
    "utf-16-be": (TRADITIONAL, TRADITIONAL.encode("utf-16-be"), "utf-16-be"),
    "utf-8-bom": (TRADITIONAL, TRADITIONAL.encode("utf-8-sig"), "utf-8 (BOM)"),
    "utf-8-crlf": (TRADITIONAL.replace("\n", "\r\n"), TRADITIONAL.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
}


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_every_encoding_reads_the_same_plan(tmp_path: Path, case: str) -> None:
    text, data, encoding = ENCODED[case]
    encoded = tmp_path / f"{case}.txt"
    encoded.write_bytes(data)
    plain = tmp_path / "plain.txt"
    plain.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
    doc, _ = parse_document(encoded)
    assert (doc.source.encoding, doc.source.text) == (encoding, text)  # offsets index the decoded text, CRs kept
    assert content(doc) == content(parse_document(plain)[0])
    store = open_store(tmp_path / "store")
    result = load_document(store, encoded)
    query = SPARQL_PREFIXES + f"SELECT ?e WHERE {{ GRAPH <{result.graph}> {{ ?s a pk:SourceDocument ; pk:encoding ?e }} }}"
    assert [row["e"].value for row in store.query(query)] == [encoding]
    spans = list(store.query(SPANS))
    plain_store = open_store(tmp_path / "plain-store")
    load_document(plain_store, plain)
    assert len(spans) == len(list(plain_store.query(SPANS)))
    for row in spans:
        start, end = int(row["start"].value), int(row["end"].value)
        assert row["text"].value[start:end] == row["exact"].value


EMPTY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_of(content: bytes, font: bytes) -> bytes:
    """A one-page PDF whose page draws content with font F1 (its dictionary given), written out as a file."""
    page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>"
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>", page, font]
    objects.append(b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return (
        out
        + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        + table
        + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(out))
    )


# A Chinese font embedded as glyph numbers (Identity-H) without a Unicode map, as some offices' PDF printers write
# them: 20 lines of 30 glyphs whose characters are lost.
UNMAPPED_PDF = pdf_of(
    b"".join(b"BT /F1 12 Tf 72 %d Td <%s> Tj ET\n" % (760 - 20 * n, bytes(range(30)).hex().encode() * 2) for n in range(20)),
    b"<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[<</Type/Font/Subtype"
    b"/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000>>]>>",
)
NOISE = "\n".join([*SIMPLIFIED.splitlines()[:3], TRADITIONAL.splitlines()[-1]]) + "\n"  # 001 lines 1-3, 002 line 756

NO_CONTENT = "no policy content: no numbered parts or items, measures, table or box found"
BAD = {
    # file name: (bytes, the problem reported)
    "binary.txt": (bytes(range(256)) * 64, "binary data, not a text document"),
    "cut.txt": (SIMPLIFIED.encode("utf-8")[:-2], "text cut in the middle of a multibyte character at byte "),
    "cut-gb.txt": (SIMPLIFIED.encode("gb18030")[:-1], "gb18030 text cut in the middle of a multibyte character"),
    "noise.txt": (NOISE.encode("utf-8"), "only page noise (injected spam links, page widget, section label): no plan text left"),
    "news.txt": ("辽宁省民政厅召开全省民政工作会议。\n会议要求各地做好冬季救助工作。\n".encode(), NO_CONTENT),
    "chrome.html": (
        "<html><body><nav>首页 政务公开</nav><footer>版权所有</footer></body></html>".encode(),
        "the page has no text besides navigation, scripts and footers",
    ),
    "renamed.pdf": (SIMPLIFIED.encode("utf-8"), "not a PDF file: the content does not start like one"),
    "broken.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 8, "not a readable PDF: "),
    "scanned.pdf": (EMPTY_PDF, "the PDF has no text layer (a scanned image?)"),
    "broken.docx": (b"PK\x03\x04" + bytes(200), "not a readable Word (.docx) file: "),
    "unmapped.pdf": (
        UNMAPPED_PDF,
        "600 of its 600 characters are glyphs its fonts map to no character: the PDF's text cannot be read (find a "
        "copy with a text layer, or OCR it)",
    ),
    "text.doc": (SIMPLIFIED.encode("utf-8"), "not a Word 97-2003 (.doc) file: the content does not start like one"),
}


def test_a_pdf_glyph_mapped_to_no_character_is_marked_not_dropped() -> None:
    from plankg.loaders.pdf import _unmapped_marked

    line = "{}到2025年，基本建成覆盖城乡、布局合理的养老服务体系。\n"  # one glyph of 29 unmapped: a bullet
    assert _unmapped_marked(line.format("(cid:12)"), "a.pdf") == line.format("\ufffd")


def test_each_bad_file_is_one_clear_line_and_the_batch_still_loads(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, (data, _) in BAD.items():
        (batch / name).write_bytes(data)
    (batch / "004_816c855b418fc27c.txt").write_bytes((CORPUS / "004_816c855b418fc27c.txt").read_bytes())
    (batch / "004_816c855b418fc27c.meta.json").write_bytes((CORPUS / "004_816c855b418fc27c.meta.json").read_bytes())
    # 50 MB of 001 without its line breaks: read, cleaned and rejected in linear time
    long_line = SIMPLIFIED.replace("\n", "")
    (batch / "oneline.txt").write_text(long_line * (50_000_000 // len(long_line.encode("utf-8")) + 1), encoding="utf-8")
    missing = tmp_path / "missing.txt"
    # the limits on one document raised past oneline.txt (which they would refuse first): it is the cleaner's time
    result = plankg(
        "build",
        "--no-validate",
        "--no-lineage",
        "--no-views",
        "--max-file-size",
        "60",
        "--max-text",
        "20000000",
        str(batch),
        str(missing),
        store=tmp_path / "store",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("error ")]
    expected = {**{name: problem for name, (_, problem) in BAD.items()}, "oneline.txt": NO_CONTENT}
    assert len(errors) == len(expected) + 1
    for name, problem in expected.items():
        assert [e for e in errors if e.startswith(f"error {batch / name}: {problem}")], (name, errors)
    assert f"error {missing}: no such file" in errors[-1]
    assert f"loaded 1 of {len(expected) + 2} documents, {len(expected) + 1} failed" in result.stdout
    listed = plankg("list", store=tmp_path / "store").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["004_816c855b418fc27c.txt"]


def test_a_loader_bug_fails_one_document_not_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception in a stage is reported for its file; the other documents still load."""
    from plankg.loading import documents as build

    real = build.document_quads

    def broken_for_003(doc, region):
        if doc.source.name.startswith("003"):
            raise ZeroDivisionError("division by zero")
        return real(doc, region)

    monkeypatch.setattr(build, "document_quads", broken_for_003)
    store = open_store(tmp_path / "store")
    results = {r.path.name: r for r in build.load_paths(store, [bundled_corpus()])}
    assert results["003_1530986ba0a39128.txt"].error == (
        "internal error while loading (ZeroDivisionError: division by zero); please report it with this file"
    )
    assert sorted(name for name, r in results.items() if r.ok) == [
        "000_7c45746ca5003da4.txt",
        "001_e6d1326eb6e5ef17.txt",
        "002_1d4cc66293008ec4.txt",
        "004_816c855b418fc27c.txt",
    ]
