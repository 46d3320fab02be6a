"""Chinese script handling: which script a text is in, and its Simplified form (OpenCC)."""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The Simplified rendering of text (unchanged for text already in Simplified)."""
    return _t2s().convert(text) if text else text


@lru_cache(maxsize=4)
def same_length_simplified(text: str) -> str:
    """The Simplified rendering of text with exactly text's length, so that an offset into it is an offset into
    text (a character whose conversion would change the length is kept as written)."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)


def detect_script(text: str, sample: int = 20000) -> str:
    """zh-Hant when a noticeable share of Han characters change under t2s conversion, else zh-Hans."""
    chunk = text[:sample]
    han = len(_HAN.findall(chunk))
    if not han:
        return "zh-Hans"
    converted = to_simplified(chunk)
    changed = sum(1 for a, b in zip(chunk, converted, strict=False) if a != b)
    return "zh-Hant" if changed / han > 0.03 else "zh-Hans"
