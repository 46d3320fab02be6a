"""Web pages saved as one file (MHTML, .mhtml / .mht): a browser's "save as a single file", and Word's "single file
web page", which government sites often serve under a .doc name. The file is a MIME message whose first text/html
part is the page (quoted-printable or base64, in the charset its part or its own <meta> declares); the page is read
as any web page is (loaders.html), and its text is what the spans index.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage

from .errors import LoadError

# A MIME message's headers at the very start (From: <Saved by Blink>, MIME-Version: 1.0, Content-Type: …) that
# declare a multipart/related body: a web archive, whatever the file's name.
_HEADER_LINES = re.compile(rb"(?:[A-Za-z][\w-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+")
_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


def is_web_archive(start: bytes) -> bool:
    """Whether content starting so is an MHTML file: MIME headers first, among them a multipart/related type."""
    headers = _HEADER_LINES.match(start)
    return headers is not None and _RELATED.search(headers.group()) is not None


def archived_page(data: bytes, name: str) -> tuple[bytes, str | None]:
    """The page an MHTML file holds, as bytes decoded from its transfer encoding, and the charset its part declares."""
    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            page = part.get_payload(decode=True)
            if isinstance(page, bytes) and page.strip():
                return page, part.get_content_charset()
    raise LoadError(name, "a web page saved as one file (MHTML) holding no HTML page")
