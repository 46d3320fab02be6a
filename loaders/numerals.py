"""Chinese numerals as they number chapters and items: 三 -> 3, 十四 -> 14, 四十 -> 40, 二〇三五 -> 2035."""

import re

_DIGITS = {  # zero is also written ○ (a circle) or the letter O
    **dict.fromkeys("零〇○OＯ", 0),
    **{"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9},
}
_UNITS = {"十": 10, "百": 100}


def chinese_to_int(numeral: str) -> int:
    """The value of a Chinese numeral of up to hundreds, or of a digit-by-digit year such as 二〇二一."""
    if numeral.isdigit():
        return int(numeral)
    if not any(c in _UNITS for c in numeral):
        value = 0
        for c in numeral:
            value = value * 10 + _DIGITS[c]
        return value
    total, digit = 0, 0
    for c in numeral:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (digit or 1) * _UNITS[c]
            digit = 0
    return total + digit


_POWERS = {"十": 10, "百": 100, "千": 1000}
_BIG = ("万", "亿")


def chinese_number(numeral: str, digits: bool = False) -> float | None:
    """The value of a number as written in a sentence: 1.2, 六千, 一万三千, 十三, 五千五百七十五, 三点五;
    with digits=True a digit-by-digit year (二〇三五). None when it is not a number."""
    try:
        return float(numeral)
    except ValueError:
        pass
    if digits or not any(c in _POWERS or c in _BIG for c in numeral.split("点")[0]):
        whole, _, frac = numeral.partition("点")
        if not whole or not all(c in _DIGITS for c in whole + frac):
            return None
        text = "".join(str(_DIGITS[c]) for c in whole) + ("." + "".join(str(_DIGITS[c]) for c in frac) if frac else "")
        return float(text)
    whole, _, frac = numeral.partition("点")
    high, wan, section, digit = 0, 0, 0, 0  # the 亿 part, the 万 part, the part below 万, the last digit
    for c in whole:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _POWERS:
            section += (digit or 1) * _POWERS[c]
            digit = 0
        elif c == "万":
            wan, section, digit = (section + digit or 1) * 10**4, 0, 0
        elif c == "亿":
            high, wan, section, digit = (high + wan + section + digit or 1) * 10**8, 0, 0, 0
        else:
            return None
    value = float(high + wan + section + digit)
    if frac:
        if not all(c in _DIGITS for c in frac):
            return None
        value += float("0." + "".join(str(_DIGITS[c]) for c in frac))
    return value


# A five-year plan named in full (第十五个五年规划) and by its number (“十五五”规划): the nation's plans run five years
# from the third (1966-1970) on, the first two having been followed by three years of adjustment (1963-1965).
_FIVE_YEAR_IN_FULL = re.compile(r"第(十[一二三四五六七八九]|[三四五六七八九])[个個]五年")
FIVE_YEAR_NAME = re.compile(r"十[一二三四五六七八九]五")


def five_year_names(text: str) -> str:
    """The text with each five-year plan named in full (第十四个五年) named by its number (十四五), same script."""
    return _FIVE_YEAR_IN_FULL.sub(lambda m: m.group(1) + "五", text)


def five_year_period(name: str) -> tuple[int, int]:
    """The years of the five-year plan named by its number: 十四五 -> (2021, 2025)."""
    start = 1966 + 5 * (chinese_to_int(name[:-1]) - 3)
    return start, start + 4


def five_year_name(first: int, last: int) -> str | None:
    """The number of the five-year plan that runs from first to last (2021, 2025 -> 十四五), None for other years."""
    number, rest = divmod(first - 1966, 5)
    number += 3
    if rest or last != first + 4 or not 11 <= number <= 19:
        return None
    return "十" + "一二三四五六七八九"[number - 11] + "五"
