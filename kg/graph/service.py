"""SERVICE refused unless allowed: Oxigraph evaluates `SERVICE <url> { … }` by an HTTP request to url, so a query
on the store (or on `plankg serve`) could make this machine reach any host it can reach. Neither pyoxigraph's
Store.query nor the Oxigraph server has an option to turn that off, so plankg looks for SERVICE in the query
itself before running it.

The SPARQL 1.1 grammar reserves the keyword SERVICE for the service pattern (ServiceGraphPattern) and nothing else,
so the query is split into its lexical tokens (comments, strings, IRIs, variables and prefixed names each one
token) and a SERVICE keyword token is a service pattern: the word inside a string literal, an IRI, a comment, a
variable (?service) or a prefixed name (service:x) is not. (Oxigraph reads \\u escapes only inside strings and IRIs,
so an escaped keyword is a syntax error there, not a service pattern: a test checks it.)
"""

from __future__ import annotations

import re

from plankg.errors import UsageProblem

ALLOW_FLAG = "--allow-service"

_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
        |(?P<atom>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}   # long strings
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'           # strings
        |[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+              # a variable
        |(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\.)*                 # a prefixed name (its prefix may be empty)
        )
        |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
        |(?P<word>[^\W\d]\w*)
        |(?P<other>\S)""",
    re.VERBOSE,
)


class ServiceRefused(UsageProblem):
    """A query with a SERVICE pattern, refused because outbound requests were not allowed."""


def service_targets(text: str) -> list[str]:
    """What each SERVICE pattern of the query would call (an IRI, a prefixed name or a variable), in order."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKENS.finditer(text) if m.lastgroup != "comment"]
    targets = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "SERVICE":
            rest = tokens[i + 1 : i + 3]
            if rest and rest[0][1].upper() == "SILENT":
                rest = rest[1:]
            targets.append(rest[0][1] if rest else "")
    return targets


def refuse_service(text: str, how_to_allow: str = ALLOW_FLAG) -> None:
    """Raise ServiceRefused if the query has a SERVICE pattern; the message says why and how to allow it."""
    if targets := service_targets(text):
        raise ServiceRefused(
            f"SERVICE {targets[0]} refused: a SERVICE pattern makes this machine send a request to "
            f"another endpoint, which plankg does only when allowed ({how_to_allow})"
        )
