"""Counts in messages, in the singular for one: "1 warning", "17 warnings", "1 document"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
