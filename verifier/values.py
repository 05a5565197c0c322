"""Typed values → intervals by the tolerance model; comparing and describing values.

Split out of quantities.py, which reads values from text. A stated number becomes an interval
by the tolerance model (see `interval`); two quantities agree when their intervals meet.
Dates are compared and described by dates.py, which `compare` and `describe` dispatch to.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from verifier.config import Tolerance
from verifier.dates import compare_dates, date_range, describe_date
from verifier.models import (
    SCALE_FACTOR,
    DateValue,
    PersonValue,
    QuantityValue,
    RankValue,
    TextValue,
    Value,
)

__all__ = ["Tolerance", "Interval", "interval", "date_range", "Comparison", "compare", "describe"]


# ---------------------------------------------------------------- the tolerance model

# kW, MW and GW are compared in W, so "1,200 MW" can agree with "1.2 GW".
_BASE = {f"{p}{u}": (u, 10**e) for u in ("W", "Wh")
         for p, e in (("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12))}

DEFAULT_TOLERANCE = Tolerance()


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def __contains__(self, x: float) -> bool:
        above = self.lo < x or (self.lo == x and self.lo_closed)
        return above and (x < self.hi or (x == self.hi and self.hi_closed))

    def meets(self, other: Interval) -> bool:
        """Whether the two share at least one point."""
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return lo < hi or (lo == hi and lo in self and lo in other)


def _base(q: QuantityValue) -> tuple[str | None, Decimal]:
    """The unit compared in (W for kW, MW, ...) and the factor from the stated amount to it."""
    unit, factor = _BASE.get(q.unit, (q.unit, 1)) if q.unit else (None, 1)
    return unit, Decimal(factor) * Decimal(SCALE_FACTOR[q.scale])


_MEMO: dict[tuple, Comparison] = {}
_INTERVALS: dict[tuple, Interval] = {}
_MEMO_MAX = 20_000  # repeats are mostly within a sentence; more would only hold memory


def _half_unit(amount: float, scaled: bool = True) -> Decimal:
    """Half a unit of the last significant digit; an integer's trailing zeros are not significant.

    A whole number written out without a scale word ("300 people", "1,200 MW") is read more
    strictly: its trailing zeros may be rounding, but by no more than 1% of it (and never less
    than half a unit), so "250 people" does not agree with "300 people" while "1,200 MW" still
    agrees with "1.2 GW".
    """
    d = Decimal(repr(amount)).normalize()
    half = Decimal("0.5") if d == 0 else Decimal(5).scaleb(d.as_tuple().exponent - 1)
    if scaled or half <= Decimal("0.5"):
        return half
    return max(Decimal("0.5"), min(half, abs(Decimal(repr(amount))) / 100))


def _band(
    amount: float, factor: Decimal, qualifier: str | None, floor: float, tol: Tolerance, scaled: bool = True
) -> Interval:
    x, half = Decimal(repr(amount)) * factor, _half_unit(amount, scaled) * factor
    match qualifier:
        case "approximately":
            w = max(half, abs(x) * Decimal(repr(tol.approximately)))
            return Interval(float(x - w), float(x + w))
        case "nearly":  # a little under x: "almost $1 trillion" is not "more than $1 trillion"
            return Interval(float(x - abs(x) * Decimal(repr(tol.nearly))), float(x))
        case "more_than":
            return Interval(float(x), math.inf, False, False)
        case "at_least":
            return Interval(float(x), math.inf, True, False)
        case "up_to":
            return Interval(min(floor, float(x)), float(x), floor > -math.inf, True)
        case "fewer_than":
            return Interval(min(floor, float(x)), float(x), floor > -math.inf, False)
        case "exactly":
            return Interval(float(x), float(x))
    # Rounding half up: 9.5 is written "10", so "9" covers [8.5, 9.5) and does not meet "10".
    return Interval(float(x - half), float(x + half), True, False)


def interval(q: QuantityValue, tol: Tolerance = DEFAULT_TOLERANCE) -> Interval:
    """The values a stated quantity allows, in base units (amount × scale, kW/MW/GW → W).

    Memoised: a sentence's number is compared with every candidate claim (zeros are not: 0.0 and
    -0.0 are one key but give different bounds)."""
    if not q.amount or q.high == 0:
        return _interval(q, tol)
    key = (tuple(q.__dict__.values()), tuple(tol.__dict__.values()))
    found = _INTERVALS.get(key)
    if found is None:
        if len(_INTERVALS) >= _MEMO_MAX:
            _INTERVALS.clear()
        found = _INTERVALS[key] = _interval(q, tol)
    return found


def _interval(q: QuantityValue, tol: Tolerance) -> Interval:
    unit, factor = _base(q)
    # Counts and amounts stop at zero; temperatures (and "fewer than 0") do not.
    floor = 0.0 if q.amount > 0 and unit not in ("celsius", "fahrenheit") else -math.inf
    scaled = q.scale is not None
    low = _band(q.amount, factor, q.qualifier, floor, tol, scaled)
    if q.high is None:
        return low
    high = _band(q.high, factor, q.qualifier, floor, tol, scaled)
    return Interval(low.lo, high.hi, low.lo_closed, high.hi_closed)


# ---------------------------------------------------------------- comparing and describing


@dataclass(frozen=True)
class Comparison:
    agree: bool | None  # None: the two cannot be compared
    detail: str


def _human(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    for name in ("trillion", "billion", "million"):
        if abs(x) >= SCALE_FACTOR[name]:
            return f"{x / SCALE_FACTOR[name]:.6g} {name}"
    return f"{x:,.6g}"


def _show(iv: Interval, unit: str | None) -> str:
    text = f"{'[' if iv.lo_closed else '('}{_human(iv.lo)}, {_human(iv.hi)}{']' if iv.hi_closed else ')'}"
    return f"{text} {unit}" if unit else text




def _compare_quantities(a: QuantityValue, b: QuantityValue, tol: Tolerance) -> Comparison:
    """Memoised: a check compares the same stated and claimed values many times (options, then
    the assigned number, for each candidate of a group). A zero is not memoised: 0.0 and -0.0
    are one key but are shown differently."""
    if not (a.amount and b.amount and a.high != 0 and b.high != 0):
        return _compare_quantities_once(a, b, tol)
    key = (tuple(a.__dict__.values()), tuple(b.__dict__.values()), tuple(tol.__dict__.values()))
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        found = _MEMO[key] = _compare_quantities_once(a, b, tol)
    return found


def _compare_quantities_once(a: QuantityValue, b: QuantityValue, tol: Tolerance) -> Comparison:
    if a.currency != b.currency:
        if a.currency and b.currency:
            return Comparison(None, f"different currencies ({a.currency} vs {b.currency}) cannot be compared")
        return Comparison(None, f"only one value states a currency ({a.currency or b.currency})")
    (ua, _), (ub, _) = _base(a), _base(b)
    if ua != ub:
        return Comparison(None, f"incompatible units ({ua or 'none'} vs {ub or 'none'}) cannot be compared")
    ia, ib = interval(a, tol), interval(b, tol)
    agree = ia.meets(ib)
    verb = "meets" if agree else "does not meet"
    return Comparison(agree, f"{describe(a)} {_show(ia, ua)} {verb} {describe(b)} {_show(ib, ub)}")


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def compare(stated: Value, claimed: Value, tol: Tolerance = DEFAULT_TOLERANCE) -> Comparison:
    """Whether `stated` (a draft's) agrees with `claimed` (a ledger's); None: they cannot be compared."""
    if stated.kind != claimed.kind:
        return Comparison(None, f"different kinds of value ({stated.kind} vs {claimed.kind})")
    if isinstance(stated, QuantityValue):
        return _compare_quantities(stated, claimed, tol)
    if isinstance(stated, DateValue):
        return Comparison(*compare_dates(stated, claimed))
    if isinstance(stated, RankValue):
        agree = stated.rank == claimed.rank
    elif isinstance(stated, TextValue):
        agree = _norm(stated.text) == _norm(claimed.text)
    else:
        agree = bool({_norm(n) for n in (stated.name, *stated.aliases)}
                     & {_norm(n) for n in (claimed.name, *claimed.aliases)})
    return Comparison(agree, f"{describe(stated)} {'is' if agree else 'is not'} {describe(claimed)}")


_SYMBOL_OF = {"USD": "$", "EUR": "€", "GBP": "£"}
_UNIT_WORD = {"percent": " percent", "celsius": " °C", "fahrenheit": " °F"}


def _amount(x: float) -> str:
    whole, _, frac = format(abs(Decimal(repr(x))), "f").partition(".")
    frac = frac.rstrip("0")
    return ("-" if x < 0 else "") + f"{int(whole):,}" + (f".{frac}" if frac else "")


def _describe_quantity(q: QuantityValue) -> str:
    cur = _SYMBOL_OF.get(q.currency, f"{q.currency} ") if q.currency else ""
    again = cur if q.currency in _SYMBOL_OF else ""  # "$10 to $20", "CNY 10 to 20"
    text = cur + _amount(q.amount) + (f" to {again}{_amount(q.high)}" if q.high is not None else "")
    if q.scale:
        text += f" {q.scale}"
    if q.unit:
        text += _UNIT_WORD.get(q.unit, f" {q.unit}")
    if q.noun:
        text += f" {q.noun}"
    return (q.qualifier.replace("_", " ") + " " if q.qualifier else "") + text


def describe(v: Value) -> str:
    """Human wording: "approximately 80 million", "more than $1 trillion", "8 June 2016", "1.2 GW".

    The one wording of a value every command shows (check's reasons, contested, claims list).
    A person's role is the point of a role claim, so it is named: "Jerry Brown, Governor of California".
    """
    if isinstance(v, QuantityValue):
        return _describe_quantity(v)
    if isinstance(v, DateValue):
        return describe_date(v)
    if isinstance(v, RankValue):
        return f"rank {v.rank} ({v.scope})"
    if isinstance(v, TextValue):
        return repr(v.text)
    if isinstance(v, PersonValue) and v.role:
        return f"{v.name}, {v.role}"
    return v.name
