"""What makes one cell well-formed: the predicates both validation layers share.

Regular expressions here are written so that Python's ``re`` and the RE2 engine pandas uses for
Arrow-backed strings read them the same way: ASCII classes, and literal characters instead of
Unicode class escapes.
"""

from __future__ import annotations

import datetime as dt
import re

# Every character Python treats as whitespace, and every control character except tab and line
# breaks: spelled out so both regex engines agree on them. WHITESPACE_CHARS is what
# ``str.isspace`` accepts, written out because scanning all of Unicode for it took most of a
# second at every start-up; a test checks it against that scan.
WHITESPACE_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
CONTROL_CHARS = "".join(
    chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n\r"
)


# Character classes spelled out character by character: Python reads \s and \S as Unicode
# classes and RE2 (Arrow) as ASCII ones, so a no-break space would split the engines.
_ESCAPED_WHITESPACE = "".join(re.escape(c) for c in WHITESPACE_CHARS)
CONTROL = "[" + "".join(re.escape(c) for c in CONTROL_CHARS) + "]"
BLANK = f"[{_ESCAPED_WHITESPACE}]"
NOT_BLANK = f"[^{_ESCAPED_WHITESPACE}]"
"""Any character but whitespace: what ``\\S`` means to Python, written so RE2 agrees."""
FORMULA = r"^(?:[=+@]|-[A-Za-z])"
EDGE_BLANK = f"^{BLANK}|{BLANK}$"
# INTEGER and DATE are applied with fullmatch: in Python a "$" would also accept a final newline.
INTEGER = r"-?[0-9]+"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
INT64_MAX = 2**63 - 1

_control = re.compile(CONTROL)
_formula = re.compile(FORMULA)
_integer = re.compile(INTEGER)
_date = re.compile(DATE)


def has_control(text: str) -> bool:
    return _control.search(text) is not None


def is_formula(text: str) -> bool:
    return _formula.search(text) is not None


def has_edge_blank(text: str) -> bool:
    return text != text.strip()


def parse_int(text: str) -> int | None:
    """The integer a cell holds, or None when it is not a whole number that fits in 64 bits."""
    if not _integer.fullmatch(text):
        return None
    # Leading zeros do not count ("010" is 10); more digits than 64 bits hold never reach
    # int(), which refuses strings of thousands of digits.
    digits = text.lstrip("-").lstrip("0") or "0"
    if len(digits) > len(str(INT64_MAX)):
        return None
    value = -int(digits) if text.startswith("-") else int(digits)
    return value if -INT64_MAX - 1 <= value <= INT64_MAX else None


def parse_date(text: str) -> dt.date | None:
    """The date an ISO ``YYYY-MM-DD`` cell holds, or None."""
    if not _date.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def matches(pattern: str, text: str) -> bool:
    """Table Schema patterns match the whole cell."""
    return re.fullmatch(pattern, text) is not None
