"""Radicals and compatibility forms a PDF's text layer holds where ideographs belong: ⼀、总体要求 for 一、总体要求.

Some PDF producers (a browser's print to PDF, some fonts of office suites) map the glyph of a common character to a
code point that looks the same: a Kangxi radical (U+2F00-U+2FD5: ⼀ for 一, ⼈ for 人, ⽂ for 文), a form of the CJK
radicals supplement (U+2E80-U+2EF3: ⺠ for 民, ⻅ for 见, ⻓ for 长) or a CJK compatibility ideograph. Read as they are,
a heading ⼀、 is no part and 国务院办公厅 written with ⼚ is no issuer. The stages read each as the ideograph it
stands for, one character for one, so every offset stays where it is; a quote shows the text as the file holds it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The supplement's forms that stand for a whole character (Unicode gives no decomposition for most of them); those
# that are only a part of characters (⺡ water, ⺮ bamboo) have no character to stand for and are left alone.
_SUPPLEMENT = {
    "⺟": "母",
    "⺠": "民",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻉": "贝",
    "⻋": "车",
    "⻓": "长",
    "⻔": "门",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻪": "黾",
    "⻬": "齐",
    "⻮": "齿",
    "⻰": "龙",
    "⻳": "龟",
}
_STAND_IN = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Each stand-in code point -> its ideograph: Kangxi radicals and compatibility ideographs by their Unicode
    decomposition (one character each), the supplement's forms by _SUPPLEMENT."""
    table = {ord(k): v for k, v in _SUPPLEMENT.items()}
    for start, end in ((0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for code in range(start, end + 1):
            ideograph = unicodedata.normalize("NFKC", chr(code))
            if len(ideograph) == 1 and ideograph != chr(code):
                table[code] = ideograph
    return table


def has_stand_ins(text: str) -> bool:
    """Whether text holds a radical or compatibility form that stands for an ideograph."""
    return any(ord(m.group()) in _table() for m in _STAND_IN.finditer(text))


def as_ideographs(text: str) -> str:
    """text with each stand-in replaced by its ideograph: the same length, offsets unchanged."""
    return text.translate(_table())
