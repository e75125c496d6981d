"""Figures as words: number words (English, French) read by ``text2num``, and whether a figure
appears in a quote."""

from __future__ import annotations

import re

from text_to_num import alpha2digit, text2num

from conflict_claims.contract.cells import INT64_MAX

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred"))
_DIGITS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+|[0-9]+")
_GROUPED = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
LANGUAGES = ("en", "fr")
"""Languages whose number words are read, in this order: English, and French for the French
press (RFI, Le Monde, Libération) that the sources cite."""

TOO_LARGE = INT64_MAX + 1
"""What ``parse_number`` gives for an exact figure beyond 64-bit integers: no integer cell can
equal it, and capping keeps a cell of a thousand digits or words cheap to read."""


def to_words(n: int) -> str:
    """English words for a non-negative integer: 97 -> 'ninety-seven'."""
    if n < 0:
        raise ValueError(f"negative number {n}")
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    for value, name in _SCALES:
        if n >= value:
            head, rest = divmod(n, value)
            words = f"{to_words(head)} {name}"
            return words + (f" {to_words(rest)}" if rest else "")
    raise AssertionError("unreachable")  # pragma: no cover


def parse_number(text: str) -> int | None:
    """The integer a value_text states exactly, or None when it is vague.

    Digits ('46', '1,000') and number words in English or French ('ninety-seven', 'one hundred
    and five', 'quatre-vingt-dix-sept', any case) are exact, read by ``text2num``; anything
    else is vague: 'dozens', an approximation ('~30', 'about 30'), or a malformed number
    ('fifty-fifty', 'one one'), which has to be listed in the quantifiers table. A figure
    above the largest 64-bit integer is given as ``TOO_LARGE``.
    """
    text = text.strip()
    if _DIGITS.fullmatch(text):
        digits = text.replace(",", "").lstrip("0") or "0"
        # more digits than any 64-bit integer has: too large, and never handed to int()
        return TOO_LARGE if len(digits) > len(str(INT64_MAX)) else min(int(digits), TOO_LARGE)
    if not text or text[0].isdigit() or text[-1].isdigit():
        return None  # a mix of digits and words ('30 odd'): vague
    for language in LANGUAGES:
        try:
            value = text2num(text.lower(), language)
        except ValueError:
            continue
        return min(int(value), TOO_LARGE)
    return None


def _occurs(needle: str, haystack: str) -> bool:
    """Whether needle occurs in haystack as whole words (no letter or digit glued to it)."""
    if not needle:
        return False
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = haystack.find(needle, start + 1)
    return False


def figure_in_quote(value_text: str, value_low: int, quote: str) -> bool:
    """The figure appears in its quote: as value_text, as digits ('1,000' for 1000), or as
    number words in English or French ('ninety seven', 'one hundred and five', 'dix')."""
    lowered = quote.casefold()
    figure = str(value_low)
    if (
        _occurs(value_text.strip().casefold(), lowered)
        or _occurs(figure, lowered)
        or _occurs(to_words(value_low), lowered)
    ):
        return True
    if _occurs(figure, _GROUPED.sub("", lowered)):
        return True
    # number words in any form the parser knows, turned into digits (threshold 0: 'one' too)
    return any(
        _occurs(figure, _GROUPED.sub("", alpha2digit(lowered, language, threshold=0)))
        for language in LANGUAGES
    )
