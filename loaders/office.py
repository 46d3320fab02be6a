"""Word 97-2003 (.doc), WPS Writer (.wps), RTF and OpenDocument (.odt) files -> .docx bytes, by LibreOffice, for
loaders.docx to read.

Government offices publish many documents in these older or other formats: 附件 as .doc, and .wps from WPS Office,
whose format is Word 97-2003 at base. No Python library reads them all; LibreOffice does, offline, and its own
format detection also reads the common "Word" file that is really RTF or a saved web page
(loaders.formats.starts_like_office). It runs headless with a profile of its own in a temporary folder, so that it
neither meets a LibreOffice the user has open nor leaves anything behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import LoadError
from .formats import OFFICE_SUFFIXES, starts_like_office

TIMEOUT_SECONDS = 300  # a long document converts in seconds; this only stops a LibreOffice that hangs


def office_to_docx(data: bytes, suffix: str, name: str) -> bytes:
    """The file's content converted to .docx by LibreOffice; a LoadError says why when it cannot be."""
    what = OFFICE_SUFFIXES.get(suffix, f"a {suffix} file")
    if not starts_like_office(data, suffix):
        raise LoadError(name, f"not {what}: the content does not start like one")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise LoadError(name, f"reading {what} needs LibreOffice (soffice on PATH); or save it as .docx, .pdf or .txt")
    with tempfile.TemporaryDirectory(prefix="plankg-office-") as work:
        folder = Path(work)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(folder / "out"),
                    str(source),
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise LoadError(name, f"LibreOffice did not convert {what} within {TIMEOUT_SECONDS} s") from exc
        converted = folder / "out" / "document.docx"
        if done.returncode != 0 or not converted.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"exit status {done.returncode}"
            raise LoadError(name, f"not {what} LibreOffice can read: {reason}")
        return converted.read_bytes()
