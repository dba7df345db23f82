"""Numbers as the report writes them: "12", "1,250", "twelve", "twenty-one", "fourth"."""

from __future__ import annotations

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30}

WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS
WORDS |= {w: i for i, w in enumerate(_ORDINALS)} | _ORDINAL_TENS
for _t, _v in _TENS.items():
    for _i in range(1, 10):
        WORDS[f"{_t}-{_UNITS[_i]}"] = _v + _i
        WORDS[f"{_t}-{_ORDINALS[_i]}"] = _v + _i


def parse_number(text: str) -> int | None:
    """A whole number from digits, a number word or an ordinal; None if it is none of them."""
    word = text.strip().lower().replace("\u2010", "-").replace("\u2011", "-")
    digits = word.replace(",", "")
    for suffix in ("st", "nd", "rd", "th"):
        if digits.endswith(suffix) and digits[: -len(suffix)].isdigit():
            digits = digits[: -len(suffix)]
    if digits.isdigit():
        return int(digits)
    return WORDS.get(word)


#: direction words of a trend, by the stem they start with
_DIRECTIONS = (
    ("increas", "increased"), ("more", "increased"), ("higher", "increased"), ("greater", "increased"), ("doubl", "increased"),
    ("decreas", "decreased"), ("fewer", "decreased"), ("less", "decreased"), ("lower", "decreased"), ("reduc", "decreased"),
    ("maintain", "maintained"),
)


def parse_direction(text: str) -> str | None:
    word = text.strip().lower()
    for stem, trend in _DIRECTIONS:
        if word.startswith(stem):
            return trend
    return None
