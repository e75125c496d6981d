"""Figures as words: English number words, and whether a figure appears in a quote."""

from __future__ import annotations

import re

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
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {
    w: 10 * i for i, w in enumerate(_TENS) if w != "_"
}
_SCALE_VALUES = {name: value for value, name in _SCALES}
_DIGITS = re.compile(r"~?[0-9]+")

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

    Digits ('46'), approximate digits ('~30') and English number words ('ninety-seven',
    'one hundred and five', any case) are exact; anything else ('dozens') is vague. A figure
    above the largest 64-bit integer is given as ``TOO_LARGE``.
    """
    text = text.strip()
    if _DIGITS.fullmatch(text):
        digits = text.lstrip("~").lstrip("0") or "0"
        # more digits than any 64-bit integer has: too large, and never handed to int()
        return TOO_LARGE if len(digits) > len(str(INT64_MAX)) else min(int(digits), TOO_LARGE)
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total = current = 0
    seen = False
    for word in words:
        if word == "and" and seen:
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in _SCALE_VALUES:
            scale = _SCALE_VALUES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        # capped as it goes, so "hundred" said a thousand times stays a small integer
        total, current = min(total, TOO_LARGE), min(current, TOO_LARGE)
        seen = True
    return min(total + current, TOO_LARGE)


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
    """The figure appears in its quote: as value_text, as digits, or as English number words."""
    lowered = quote.casefold()
    return (
        _occurs(value_text.strip().casefold(), lowered)
        or _occurs(str(value_low), lowered)
        or _occurs(to_words(value_low), lowered)
    )
