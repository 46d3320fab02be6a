"""Chinese numerals as they number chapters and items: 三 -> 3, 十四 -> 14, 四十 -> 40, 二〇三五 -> 2035."""

_DIGITS = {"零": 0, "〇": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
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
