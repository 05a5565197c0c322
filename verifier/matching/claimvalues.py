"""Claims' values (numbers, dates, names) as columns of the index, so that matching compares
candidates without decoding them.

A check compares each sentence's numbers with a dozen candidate claims, and most of those
candidates are never reported; decoding each one from its stored JSON (a pydantic model with its
subject, span and tags) was the largest single cost of a statement at a million claims. The index
keeps, per claim, a number or date value as three columns: its amount, its upper end (NaN: none)
and a "shape", the id of its other fields (scale, unit, currency, noun, qualifier; or the date and
the end of a period; or a place's, an organisation's or a person's name, role and aliases, or a
text) in a small table. `ClaimValues.value(i)` builds the same value model from them, once per
distinct value; a rank, or a value the columns cannot hold, has shape -1 and is read from the
decoded claim. `PerClaim` holds what is derived from a
claim on first use (its words, its fuzzy text) where the index stores nothing.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

from verifier.models import (
    Claim,
    DateValue,
    OrganizationValue,
    PersonValue,
    PlaceValue,
    QuantityValue,
    TextValue,
)
from verifier.parsing.units import measure_of

# A quantity's fields besides its numbers (scale, unit, currency, noun, qualifier): from the model, so
# that a field added there is a column too (a field that is not a string sends its claims to decoding,
# as `decimals` does: "4.00%" is rare, and its claim is read from the claim).
_QUANTITY_FIELDS = tuple(f for f in QuantityValue.model_fields
                         if f not in ("kind", "amount", "high", "decimals"))
_NAMED = {"place": PlaceValue, "organization": OrganizationValue, "person": PersonValue}  # name, aliases
_NONE = -1  # shape of a claim whose value is read from the claim itself
_KEEP = 100_000  # values built from the columns kept in memory
_UNSEEN = object()
_new, _set = object.__new__, object.__setattr__
T = TypeVar("T")


class ValueColumnsBuilder:
    """Collects the columns claim by claim, as the index is built."""

    def __init__(self) -> None:
        self.amount, self.high, self.shape = array("d"), array("d"), array("i")
        self._shapes: dict[tuple, int] = {}  # fields -> shape id, or _NONE for fields that are not strings
        self._rows: list[tuple] = []

    def add(self, kind: str, fields: Mapping[str, Any]) -> None:
        """`fields`: the value's fields, as stored JSON (absent: None) or a model's __dict__. Run for
        every claim of a build: the fields are checked once per distinct shape, not per claim."""
        get, amount, high, shape = fields.get, math.nan, math.nan, _NONE
        try:
            if kind == "quantity":
                amount, high = float(fields["amount"]), get("high")
                high = math.nan if high is None else float(high)
                key = ("quantity", get("scale"), get("unit"), get("currency"), get("noun"), get("qualifier"))
                plain = math.isfinite(amount) and not math.isinf(high) and get("decimals") is None
                shape = self._shape(key) if plain else _NONE  # "4.00%": read from the claim
            elif kind == "date":
                shape = self._shape(("date", fields["date"], get("end")))
            elif kind in _NAMED:
                aliases = get("aliases")
                if not isinstance(aliases, list | tuple | None):
                    raise TypeError("aliases are a list")
                aliases = tuple(aliases or ())
                role = (get("role"),) if kind == "person" else ()
                shape = self._shape((kind, fields["name"], *role), aliases)
            elif kind == "text":
                shape = self._shape(("text", fields["text"]))
        except (KeyError, TypeError, ValueError, OverflowError):  # left to the claim's own decoding
            shape = _NONE
        if shape == _NONE:
            amount = high = math.nan
        self.amount.append(amount), self.high.append(high), self.shape.append(shape)

    def _shape(self, key: tuple, aliases: tuple | None = None) -> int:
        """The id of a shape; a named value's aliases are kept in its row as one JSON list."""
        full = key if aliases is None else (*key, aliases)
        found = self._shapes.get(full)  # TypeError for a list among the fields: not a shape
        if found is None:
            found = _NONE
            if all(isinstance(x, str | None) for x in (*key, *(aliases or ()))):
                found = len(self._rows)
                self._rows.append(key if aliases is None else (*key, json.dumps(list(aliases))))
            self._shapes[full] = found
        return found

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[list]]:
        """amount, high, shape, and the shapes table (lists of strings and nulls, for JSON)."""
        return (
            np.frombuffer(self.amount, dtype=np.float64).copy(),
            np.frombuffer(self.high, dtype=np.float64).copy(),
            np.frombuffer(self.shape, dtype=np.int32).copy(),
            [list(k) for k in self._rows],
        )


class ClaimValues:
    """Reads the columns: claim i's number or date value, without decoding claim i (None: read
    it from the claim)."""

    def __init__(self, n: int, amount: np.ndarray, high: np.ndarray, shape: np.ndarray, table: list[list]):
        if not len(amount) == len(high) == len(shape) == n:
            raise ValueError("value columns do not fit the claims")
        if n and (int(shape.max()) >= len(table) or int(shape.min()) < _NONE):
            raise ValueError("a value shape out of range")
        self.amount, self.high, self.shape, self.table = amount, high, shape, table
        # memoryviews give Python numbers ~5x quicker than indexing numpy arrays
        views = (_view(amount, np.float64, "d"), _view(high, np.float64, "d"), _view(shape, np.int32, "i"))
        self._amount, self._high, self._shape = views
        self._made: dict[tuple, QuantityValue | DateValue] = {}
        self._by_claim: dict[int, QuantityValue | DateValue | None] = {}  # value(idx), as first made
        self._measures: dict[int, tuple | bool] = {}  # False: no quantity's shape
        self._templates: dict[int, QuantityValue | DateValue | bool] = {}  # False: a malformed row

    def value(self, idx: int) -> QuantityValue | DateValue | None:
        """Claim idx's value, the same object each time it is asked for (a candidate's value is read
        several times in a sentence; the comparisons' memo knows a value by its identity first), and
        the same object for claims of the same value."""
        found = self._by_claim.get(idx, _UNSEEN)
        if found is not _UNSEEN:
            return found
        found = self._value(idx)
        if len(self._by_claim) >= _KEEP:
            self._by_claim.clear()
        self._by_claim[idx] = found
        return found

    def _value(self, idx: int) -> QuantityValue | DateValue | None:
        shape = self._shape[idx]
        if shape == _NONE:
            return None
        amount, high = self._amount[idx], self._high[idx]
        if math.isnan(amount):  # a date: its shape is all of it (and NaN is not equal to itself)
            key: tuple = (shape,)
        elif not amount:  # 0.0 and -0.0 are one key, but print differently: not memoised
            return self._build(shape, amount, high)
        else:
            key = (shape, amount, None if math.isnan(high) else high)
        found = self._made.get(key)
        if found is None:
            if len(self._made) >= _KEEP:
                self._made.clear()
            found = self._build(shape, amount, high)
            if found is None:
                return None
            self._made[key] = found
        return found

    def measure(self, idx: int) -> tuple | None:
        """units.measure of claim idx's value, from its shape alone (None: the value is no quantity
        the columns hold)."""
        shape = self._shape[idx]
        if shape == _NONE:
            return None
        found = self._measures.get(shape)
        if found is None:
            found = self._measures[shape] = _row_measure(self.table[shape])
        return found or None

    def _build(self, shape: int, amount: float, high: float):
        """The value as the claim's own decoding gives it, not validated again: the columns were made
        from validated claims (a ledger's) or are read only when sealed by this user; a row's fields
        are checked once. A quantity is a copy of its shape's model with its numbers set (a third of
        the time model_construct takes, a twentieth of a statement's at 1M claims)."""
        template = self._templates.get(shape)
        if template is None:
            template = self._templates[shape] = self._template(self.table[shape])
        if template is False:
            return None
        if not isinstance(template, QuantityValue):  # a date or a name is all its shape: one model
            return template
        # template.__copy__(), without its generic steps (the template has no extra or private fields)
        fields = template.__dict__.copy()
        fields["amount"] = amount
        if not math.isnan(high):
            fields["high"] = high
        made = _new(QuantityValue)
        _set(made, "__dict__", fields)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_fields_set__", template.__pydantic_fields_set__.copy())
        _set(made, "__pydantic_private__", None)
        return made

    @staticmethod
    def _template(row) -> QuantityValue | DateValue | bool:
        if not _is_shape(row):
            return False
        kind, *rest = row
        if kind == "date":
            date, end = rest
            return DateValue.model_construct(date=date, **({"end": end} if end is not None else {}))
        if kind in _NAMED or kind == "text":  # validated, as decoding makes them (and quicker than construct)
            try:
                if kind == "text":
                    return TextValue(text=rest[0])
                *fields, aliases = rest
                aliases = [] if aliases == "[]" else json.loads(aliases)
                role = {"role": fields[1]} if kind == "person" else {}
                return _NAMED[kind](name=fields[0], **role, aliases=aliases)
            except (TypeError, ValueError):  # pydantic's ValidationError is a ValueError
                return False
        fields = {f: v for f, v in zip(_QUANTITY_FIELDS, rest, strict=True) if v is not None}
        return QuantityValue.model_construct(amount=0.0, **fields)


def _row_measure(row) -> tuple | bool:
    if not (isinstance(row, list) and row and row[0] == "quantity" and _is_shape(row)):
        return False  # most rows asked for are dates', one a day: no need to check their fields
    fields = dict(zip(_QUANTITY_FIELDS, row[1:], strict=True))
    return measure_of(fields["currency"], fields["unit"], fields["noun"], fields["scale"])


def _view(array: np.ndarray, dtype, code: str) -> memoryview:
    """The array's items as Python numbers (native byte order; a copy only when it is not already)."""
    return memoryview(np.ascontiguousarray(array, dtype=dtype)).cast("B").cast(code)


_ROW_LENGTHS = {"quantity": 1 + len(_QUANTITY_FIELDS), "date": 3, "place": 3, "organization": 3, "person": 4,
                "text": 2}  # fmt: skip
_STR_OR_NONE = (str, type(None))


def _is_shape(row) -> bool:
    return (
        isinstance(row, list) and bool(row) and _ROW_LENGTHS.get(row[0]) == len(row)
        and all(isinstance(x, _STR_OR_NONE) for x in row)
        and (row[0] not in ("text", *_NAMED) or isinstance(row[1], str))
    )  # fmt: skip


class ClaimRef:
    """A candidate claim as matching reads it: `value`, `property` and `quote_flags` (what its quote
    words, see parsing.wording; None: not known) from the index's columns; anything else (its
    statement, source span, subject) from the claim, decoded on first use."""

    __slots__ = ("_claims", "_idx", "property", "quote_flags", "value")

    def __init__(self, claims: Sequence[Claim], idx: int, value, quote_flags: int | None = None,
                 prop: str | None = None) -> None:
        self._claims, self._idx, self.value, self.quote_flags = claims, idx, value, quote_flags
        self.property = prop if prop is not None else claims[idx].property

    def __getattr__(self, name: str):
        return getattr(self._claims[self._idx], name)


class PerClaim(Sequence[T]):
    """A value derived from each claim, made the first time it is asked for: a check or a query
    touches a few claims of a large ledger, so deriving all of them up front would be wasted."""

    def __init__(self, claims: Sequence[Claim], make: Callable[[Claim], T],
                 stored: Callable[[int], T | None] | None = None):  # fmt: skip
        self._claims, self._make, self._stored = claims, make, stored
        self._made: dict[int, T] = {}

    def __getitem__(self, idx):  # type: ignore[override]
        found = self._made.get(idx)
        if found is None:
            if self._stored is not None:
                found = self._stored(idx)
            if found is None:
                found = self._make(self._claims[idx])
            self._made[idx] = found
        return found

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))
