"""Table Schema field semantics: a declared field's type, format and constraints, cell by cell.

A derived package may declare columns of its own, and may declare the contract's columns more
strictly; ``frictionless validate`` checks every cell against its declared field, so this
validator does too. Types and options that are not checked here are refused when the schema is
read (``unsupported``), never silently passed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Parsed = Any

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPECIAL_NUMBERS = {"NaN": math.nan, "INF": math.inf, "+INF": math.inf, "-INF": -math.inf}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_YEAR = re.compile(r"[0-9]{4}")
_YEARMONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DURATION = re.compile(
    r"P(?!$)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?"
    r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
)
# Email, URI and UUID forms no looser than the validators frictionless uses (a test holds them
# to it): a cell accepted here is accepted there.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL = re.compile(
    rf"(?=.{{1,64}}@){_ATOM}(?:\.{_ATOM})*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}"
)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")

_ORDERED = ("integer", "number", "date", "datetime", "time", "year", "yearmonth", "duration")
_SIZED = ("string", "array", "object")
KNOWN_CONSTRAINTS = frozenset(
    ("required", "unique", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
     "exclusiveMaximum", "pattern", "enum")
)  # fmt: skip
_DESCRIPTIVE = frozenset(
    ("name", "title", "description", "example", "examples", "rdfType", "constraints", "type",
     "format")
)  # fmt: skip


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.replace("Z", "+00:00"))


def _datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _shaped(pattern: re.Pattern[str], read: Callable[[str], Parsed]) -> Callable[[str], Parsed]:
    def cast(text: str) -> Parsed:
        if not pattern.fullmatch(text):
            raise ValueError(text)
        return read(text)

    return cast


def _number(text: str) -> float:
    if text in _SPECIAL_NUMBERS:
        return _SPECIAL_NUMBERS[text]
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    return float(text)


def _yearmonth(text: str) -> tuple[int, int]:
    found = _YEARMONTH.fullmatch(text)
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(text)
    return int(found[1]), int(found[2])


def _json_of(kind: type) -> Callable[[str], Parsed]:
    def cast(text: str) -> Parsed:
        value = json.loads(text)
        if not isinstance(value, kind):
            raise ValueError(text)
        return value

    return cast


def _base64(text: str) -> str:
    base64.b64decode(text, validate=True)
    return text


def _strptime(pattern: str, then: Callable[[dt.datetime], Parsed]) -> Callable[[str], Parsed]:
    return lambda text: then(dt.datetime.strptime(text, pattern))


_STRING_FORMATS: dict[str, Callable[[str], Parsed]] = {
    "default": str,
    "email": _shaped(_EMAIL, str),
    "uri": _shaped(_URI, str),
    "uuid": _shaped(_UUID, str),
    "binary": _base64,
}
_PLAIN: dict[str, Callable[[str], Parsed]] = {
    "integer": _shaped(_INTEGER, int),
    "number": _number,
    "date": _shaped(_DATE, dt.date.fromisoformat),
    "datetime": _shaped(_DATETIME, _datetime),
    "time": _shaped(_TIME, _time),
    "year": _shaped(_YEAR, int),
    "yearmonth": _yearmonth,
    "duration": _shaped(_DURATION, str),
    "object": _json_of(dict),
    "array": _json_of(list),
    "any": str,
}
_STRPTIME_THEN: dict[str, Callable[[dt.datetime], Parsed]] = {
    "date": lambda moment: moment.date(),
    "datetime": lambda moment: moment,
    "time": lambda moment: moment.time(),
}


@dataclass(frozen=True)
class DeclaredField:
    """One field of a declared Table Schema, ready to check cells with."""

    name: str
    type: str
    format: str
    constraints: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    cast: Callable[[str], Parsed] = field(default=str, hash=False, compare=False, repr=False)
    enum: tuple[Parsed, ...] | None = field(default=None, hash=False, compare=False)

    def problem(self, text: str | None) -> str | None:
        """The rule slug one cell (None: a missing value) breaks, or None if it is sound.
        ``unique`` needs the whole column: see :func:`repeated`."""
        if text is None:
            return "field-constraint" if self.constraints.get("required") else None
        try:
            value = self.cast(text)
        except (ValueError, TypeError, OverflowError, binascii.Error):
            return "field-type"
        for name, bound in self.constraints.items():
            if not _meets(self, name, bound, text, value):
                return "field-constraint"
        return None

    def describe(self, slug: str) -> str:
        """What a cell breaking ``slug`` got wrong, in words."""
        if slug == "field-type":
            return f"not a valid {self.type} (format {self.format}), as declared"
        told = ", ".join(f"{k} {v!r}" for k, v in self.constraints.items() if k != "unique")
        if self.constraints.get("unique"):
            told = ", ".join(x for x in (told, "unique") if x)
        return f"breaks its declared field's constraints ({told})"


def _bound(spec: DeclaredField, bound: object) -> Parsed:
    return spec.cast(bound) if isinstance(bound, str) and spec.type != "string" else bound


def _meets(spec: DeclaredField, name: str, bound: Any, text: str, value: Parsed) -> bool:
    try:
        if name == "minLength":
            return len(value) >= bound  # type: ignore[no-any-return]
        if name == "maxLength":
            return len(value) <= bound  # type: ignore[no-any-return]
        if name == "pattern":
            return re.fullmatch(bound, text) is not None
        if name == "enum":
            return value in (spec.enum or ())
        limit = _bound(spec, bound)
        if name == "minimum":
            return value >= limit  # type: ignore[no-any-return]
        if name == "maximum":
            return value <= limit  # type: ignore[no-any-return]
        if name == "exclusiveMinimum":
            return value > limit  # type: ignore[no-any-return]
        if name == "exclusiveMaximum":
            return value < limit  # type: ignore[no-any-return]
    except TypeError:
        return False
    return True  # required and unique are checked elsewhere


def _caster(kind: str, fmt: str, options: dict[str, Any]) -> Callable[[str], Parsed] | str:
    """The cast of a type and format, or why it cannot be checked here."""
    if kind == "string":
        return _STRING_FORMATS.get(fmt, f"string format {fmt!r} is not checked")
    if kind == "boolean":
        trues = tuple(options.get("trueValues", _TRUE))
        falses = tuple(options.get("falseValues", _FALSE))

        def boolean(text: str) -> bool:
            if text in trues:
                return True
            if text in falses:
                return False
            raise ValueError(text)

        return boolean
    if kind not in _PLAIN:
        return f"type {kind!r} is not checked"
    if fmt == "default":
        return _PLAIN[kind]
    if kind in _STRPTIME_THEN and fmt != "any":
        pattern = fmt[4:] if fmt.startswith("fmt:") else fmt
        if "%" in pattern:
            return _strptime(pattern, _STRPTIME_THEN[kind])
    return f"format {fmt!r} of type {kind!r} is not checked"


_NUMERIC_OPTIONS = {"bareNumber": True, "groupChar": "", "decimalChar": "."}


def declared_field(descriptor: object) -> DeclaredField | str:
    """A declared field, or why it is not a field this validator can check."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("name"), str):
        return "every field must be an object with a 'name' (a string)"
    name = descriptor["name"]
    kind = descriptor.get("type", "string")
    fmt = descriptor.get("format", "default")
    if not isinstance(kind, str) or not isinstance(fmt, str):
        return f"field {name!r}: 'type' and 'format' must be strings"
    for option, plain in _NUMERIC_OPTIONS.items():
        if option in descriptor and descriptor[option] != plain:
            return f"field {name!r}: {option} {descriptor[option]!r} is not supported"
    if "missingValues" in descriptor:
        return f"field {name!r}: field-level missingValues are not supported"
    cast = _caster(kind, fmt, descriptor)
    if isinstance(cast, str):
        return f"field {name!r}: {cast}; declare it as a string"
    constraints = descriptor.get("constraints", {})
    if not isinstance(constraints, dict):
        return f"field {name!r}: 'constraints' must be an object"
    unknown = sorted(set(constraints) - KNOWN_CONSTRAINTS)
    if unknown:
        return f"field {name!r}: unknown constraints {unknown}"
    if any(k in constraints for k in ("minLength", "maxLength")) and kind not in _SIZED:
        return f"field {name!r}: minLength and maxLength apply to strings, arrays and objects"
    bounds = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
    if any(k in constraints for k in bounds) and kind not in _ORDERED:
        return f"field {name!r}: minimum and maximum do not apply to type {kind!r}"
    if kind == "duration" and any(k in constraints for k in bounds):
        return f"field {name!r}: bounds on durations are not checked"
    spec = DeclaredField(name, kind, fmt, dict(constraints), cast)
    try:
        if "pattern" in constraints:
            re.compile(constraints["pattern"])
        enum = constraints.get("enum")
        if enum is not None:
            if not isinstance(enum, list):
                return f"field {name!r}: the enum constraint must be a list"
            values = tuple(_bound(spec, v) for v in enum)
            spec = DeclaredField(name, kind, fmt, dict(constraints), cast, values)
        for key in bounds:
            if key in constraints:
                _bound(spec, constraints[key])
    except (re.error, ValueError, TypeError, binascii.Error) as exc:
        return f"field {name!r}: a constraint cannot be read: {exc}"
    return spec


def plain_field(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The parts of a field descriptor that decide which cells it accepts."""
    out = {k: v for k, v in descriptor.items() if k not in _DESCRIPTIVE - {"type", "format"}}
    out.setdefault("type", "string")
    if out.get("format", "default") == "default":
        out.pop("format", None)
    constraints = dict(descriptor.get("constraints", {}) or {})
    if constraints:
        out["constraints"] = constraints
    return out


def repeated(cells: Iterable[str | None], spec: DeclaredField) -> list[bool]:
    """Per cell, whether an earlier cell of the column holds the same value (as frictionless
    reports the later copies under a unique constraint); missing values never repeat."""
    seen: set[object] = set()
    out: list[bool] = []
    for text in cells:
        if text is None:
            out.append(False)
            continue
        value = unique_value(text, spec)
        out.append(value in seen)
        seen.add(value)
    return out


def unique_value(text: str, spec: DeclaredField) -> object:
    """What a unique constraint compares of a cell: its value as the field reads it, else the
    text itself (two cells repeat each other when these are equal)."""
    try:
        value: object = spec.cast(text)
        hash(value)
    except (ValueError, TypeError, OverflowError, binascii.Error):
        value = ("text", text)
    return value


def field_names(fields: Sequence[object]) -> list[str | None]:
    return [f.get("name") if isinstance(f, dict) else None for f in fields]
