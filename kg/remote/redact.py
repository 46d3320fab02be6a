"""Credentials never printed: the user and password of a URL (http://user:password@host/) are replaced by ***, and
a server's error body is shown only without the lines that echo what was sent (a server may print the request's
Authorization header back) and without any known secret."""

from __future__ import annotations

import re
import urllib.parse

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")
# Header names whose values carry credentials, as an echoing server would print them (any case, quoted or not).
_SENSITIVE = re.compile(r"(?i)authorization|cookie|www-authenticate|digest\s+username|basic\s+[a-z0-9+/=]{8,}")


def url(text: str) -> str:
    """Every URL in text with its user and password replaced by ***."""
    return _USERINFO.sub(r"\1***@", text)


def address(text: str) -> str:
    """One URL as given (a scheme or none) with whatever precedes @ in its authority replaced by ***."""
    scheme, sep, rest = text.partition("://") if "://" in text else ("", "", text)
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return scheme + sep + authority + slash + path


def split_credentials(address: str) -> tuple[str, tuple[str, str] | None]:
    """A URL without its userinfo, and the (user, password) it carried, if any (percent-decoded)."""
    parts = urllib.parse.urlsplit(address)
    if "@" not in parts.netloc:
        return address, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=host))
    return bare, (urllib.parse.unquote(user), urllib.parse.unquote(password))


def userinfo_in(arguments: list[str]) -> list[str]:
    """The userinfo (user:password) of every URL among arguments, and its password, decoded and as given."""
    found = []
    for argument in arguments:
        for match in re.finditer(r"(?i)(?:[a-z][a-z0-9+.-]*://|^)([^/?#@\s]*)@", argument):
            userinfo = match.group(1)
            password = userinfo.partition(":")[2]
            found += [userinfo, password, urllib.parse.unquote(password)]
    return [value for value in found if value]


def secrets(text: str, hidden: list[str]) -> str:
    """text with each hidden value (a password, a token) replaced by *** and URLs' userinfo redacted."""
    for value in sorted((v for v in hidden if v), key=len, reverse=True):
        text = text.replace(value, "***")
    return url(text)


def server_body(body: bytes, hidden: list[str], limit: int = 300) -> str:
    """A server's error body as it may be shown: the lines that echo credentials or authentication headers dropped
    (with a note saying so), secrets replaced, at most limit characters."""
    lines = body.decode("utf-8", "replace").splitlines()
    kept = [line for line in lines if not _SENSITIVE.search(line) and not any(v and v in line for v in hidden)]
    shown = secrets("\n".join(kept).strip(), hidden)[:limit]
    if len(kept) < len(lines):
        shown += f" [{len(lines) - len(kept)} line(s) echoing credentials or headers not shown]"
    return shown.strip()
