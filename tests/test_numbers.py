"""Figures as words and digits (``contract.numbers``): what a value_text states, and whether a
figure appears in its quote."""

from __future__ import annotations

import pytest

from conflict_claims.contract.cells import INT64_MAX
from conflict_claims.contract.numbers import TOO_LARGE, figure_in_quote, parse_number, to_words


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("46", 46),
        ("1,000", 1000),
        ("12,345,678", 12_345_678),
        ("  12  ", 12),
        ("007", 7),
        ("0", 0),
        ("0" * 30 + "7", 7),
        ("zero", 0),
        ("nineteen", 19),
        ("twenty one", 21),
        ("ninety-seven", 97),
        ("Forty-Six", 46),
        ("hundred", 100),
        ("thousand", 1000),
        ("one hundred and five", 105),
        ("One Hundred And Five", 105),
        ("two thousand and twenty-three", 2023),
        ("five hundred thousand", 500_000),
        ("twelve thousand", 12_000),
        ("one million two hundred thousand and one", 1_200_001),
        ("three billion", 3_000_000_000),
        (str(INT64_MAX), INT64_MAX),
    ],
)
def test_exact_figures(text: str, number: int) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text", ["dozens", "", "   ", "~", "a hundred", "and five", "ten-ish", "-5", "1.5", "x10"]
)
def test_vague_figures(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        str(INT64_MAX + 1),
        "9" * 19,
        "1" + "0" * 400,
        "1" + "0" * 5000,  # more digits than int() accepts from a string
        "1,000,000,000,000,000,000,000",
    ],
)
def test_figures_beyond_64_bits_are_capped(text: str) -> None:
    assert parse_number(text) == TOO_LARGE
    assert TOO_LARGE == INT64_MAX + 1


@pytest.mark.parametrize("text", [" ".join(["hundred"] * 160), " ".join(["hundred"] * 5000),
                                  "~" + "7" * 30, "nine billion billion billion"])  # fmt: skip
def test_huge_words_are_read_within_bounds(text: str) -> None:
    stated = parse_number(text)
    assert stated is None or 0 <= stated <= TOO_LARGE


def test_a_capped_figure_still_needs_every_word_to_be_a_number() -> None:
    assert parse_number(" ".join(["hundred"] * 160) + " soldiers") is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (19, "nineteen"),
        (20, "twenty"),
        (97, "ninety-seven"),
        (100, "one hundred"),
        (105, "one hundred five"),
        (999, "nine hundred ninety-nine"),
        (1000, "one thousand"),
        (2023, "two thousand twenty-three"),
        (1_000_000, "one million"),
        (3_000_000_001, "three billion one"),
    ],
)
def test_to_words(number: int, words: str) -> None:
    assert to_words(number) == words
    assert parse_number(words) == number


def test_to_words_refuses_negative_numbers() -> None:
    with pytest.raises(ValueError, match="negative"):
        to_words(-1)


def test_words_and_digits_read_back() -> None:
    # (from 10**12 on, to_words says "one thousand ... billion", which does not read back)
    for n in [*range(2100), 10**6 + 7, 123_456_789, 2**38]:
        assert parse_number(to_words(n)) == n, n


@pytest.mark.parametrize(
    ("value_text", "low", "quote", "found"),
    [
        ("10", 10, "10 killed", True),
        ("10", 10, "they said 10", True),
        ("10", 10, "100 killed", False),
        ("10", 10, "killed: a10", False),
        ("10", 10, "x10 then 10 more", True),  # the second occurrence stands alone
        ("ten", 10, "Ten soldiers", True),  # case does not matter
        ("TEN", 10, "ten soldiers", True),
        ("46", 46, "forty-six attackers", True),  # the figure in words
        ("dozens", 24, "24 of them", True),  # the figure in digits
        ("dozens", 24, "dozens of them", True),
        ("dozens", 24, "scores of them", False),
        (" ", 7, "", False),
        ("several", 3, "severally 3x", False),
    ],
)
def test_figure_in_quote(value_text: str, low: int, quote: str, found: bool) -> None:
    assert figure_in_quote(value_text, low, quote) is found
