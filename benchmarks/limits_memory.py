"""Peak memory and wall time of `plankg build` on one document at the default limits (plankg.loading.limits), and on
documents over them (refused before they are read).

Run:  python benchmarks/limits_memory.py [--fraction 0.98]

Writes, in a temporary folder: a plan text of `fraction` of the text limit (the bundled corpus's 001 repeated,
real plan text whose structure the pipeline reads in full), the same as a .docx, and files over each limit (a
sparse 21 MB file, a 200 MB-whitespace .docx, a .docx of 2 million paragraphs). Each is built alone, with
validation and without lineage or views, in a fresh store; the peak resident memory is the child's (getrusage).
The target: a document at the limit loads in well under 4 GiB; a document over a limit is refused in seconds
within the memory of the interpreter and its imports. The peak is each build's own (its own parent's
children).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from plankg.loading.documents import bundled_corpus
from plankg.loading.limits import DEFAULT_LIMITS

PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
W = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx(path: Path, body) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", TYPES)
        package.writestr("_rels/.rels", RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as out:
            for chunk in body:
                out.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    return path


def _paragraphs(text: str):
    from xml.sax.saxutils import escape

    yield W
    for line in text.splitlines():
        yield f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
    yield "</w:body></w:document>"


def inputs(folder: Path, fraction: float) -> dict[str, Path]:
    plan = (bundled_corpus() / "001_e6d1326eb6e5ef17.txt").read_text(encoding="utf-8")
    text = plan * max(1, int(DEFAULT_LIMITS.text_chars * fraction) // len(plan))
    files = {"text at the limit": folder / "at_limit.txt"}
    files["text at the limit"].write_text(text, encoding="utf-8")
    files["docx at the limit"] = _docx(folder / "at_limit.docx", _paragraphs(text))
    sparse = folder / "huge.txt"
    with sparse.open("wb") as out:
        out.truncate(int(DEFAULT_LIMITS.file_mb * 1_000_000) + 1_000_000)
    files["file over the size limit"] = sparse
    files["docx bomb (200 MB of whitespace)"] = _docx(
        folder / "bomb.docx", [W + "<w:p><w:r><w:t>", *([" " * 1_000_000] * 200), "</w:t></w:r></w:p></w:body></w:document>"]
    )
    files["docx of 2 million paragraphs"] = _docx(
        folder / "paragraphs.docx", [W, *(["<w:p/>" * 100_000] * 20), "</w:body></w:document>"]
    )
    return files


# Each build runs under its own small parent, whose children's peak is that build's alone.
PEAK = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stdout.write(done.stdout); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def measure(path: Path, store: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB of a build of path alone, and the line saying what became of it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *PLANKG, "build", "--store", str(store), "--no-lineage", "--no-views", str(path)],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    peak = int(done.stderr.split()[-1]) / 1024  # KB on Linux
    lines = [line for line in done.stdout.splitlines() if line.startswith(("error", "loaded"))]
    return wall, peak, (lines[0] if lines and lines[0].startswith("error") else lines[-1] if lines else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.98, help="of the text limit, for the documents at it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number, (what, path) in enumerate(inputs(folder, args.fraction).items()):
            wall, peak, note = measure(path, folder / f"store{number}")
            print(f"{what:36} {path.stat().st_size / 1e6:8.1f} MB  {wall:6.1f} s  peak {peak:7.0f} MB  {note[:90]}")


if __name__ == "__main__":
    main()
