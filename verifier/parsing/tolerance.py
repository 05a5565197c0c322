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
from functools import partial

from verifier.models import (
    SCALE_FACTOR,
    DateValue,
    QuantityValue,
    RankValue,
    TextValue,
    Tolerance,
    Value,
)
from verifier.parsing.dates import date_range, describe_date
from verifier.parsing.describe import describe
from verifier.parsing.reach import surely_apart
from verifier.parsing.units import base, float_factor

__all__ = ["Tolerance", "Interval", "interval", "date_range", "Comparison", "compare"]


# ---------------------------------------------------------------- the tolerance model

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

    def within(self, other: Interval) -> bool:
        """Whether every point of this interval is in `other`."""
        lo = other.lo < self.lo or (other.lo == self.lo and (other.lo_closed or not self.lo_closed))
        hi = self.hi < other.hi or (self.hi == other.hi and (other.hi_closed or not self.hi_closed))
        return lo and hi


_MEMO: dict[tuple, Comparison] = {}
_INTERVALS: dict[tuple, Interval] = {}
_SAME: dict[tuple, tuple] = {}  # (id(a), id(b), id(tol)) -> (a, b, tol, comparison)
_MEMO_MAX = 20_000  # repeats are mostly within a sentence; more would only hold memory


def _half_unit(
    amount: float, scaled: bool = True, rounding: float = 0.05, decimals: int | None = None
) -> Decimal:
    """How far a bare number may be from the value its writer rounded: the precision they
    plausibly meant, and never more than `rounding` of it.

    Decimals written out are significant ("4.3 million" is 4.25..4.35 million, "0.2%" is
    0.15..0.25%). An integer's trailing zeros may be rounding, but by no more than `rounding`
    (5%) of it: "$100 million" is 95..105 million, "80 million" 76..84 million, "300" 285..315,
    "1,200 MW" 1,150..1,250 MW. A count without a scale word keeps at least half a unit ("9"
    is 8.5..9.5); a single digit before a scale word does not ("$1 trillion" is 0.95..1.05
    trillion, not 0.5..1.5). Zeros written after the point count too (`decimals`: "4.00%" is
    3.995..4.005%). A number too large for a float (a 400-digit string) has no band.
    """
    if not math.isfinite(amount):
        return Decimal(0)
    if decimals:
        return Decimal(5).scaleb(-decimals - 1)
    d = Decimal(repr(amount))
    if d == 0:
        return Decimal("0.5")
    exponent = d.normalize().as_tuple().exponent
    if exponent < 0:  # decimals: the last written digit is significant
        return Decimal(5).scaleb(exponent - 1)
    last_nonzero = Decimal(5).scaleb(exponent - 1)
    cap = abs(d) * Decimal(repr(rounding))
    if not scaled:
        cap = max(cap, Decimal("0.5"))
    return min(last_nonzero, cap)


def _band(
    amount: float, factor: Decimal, qualifier: str | None, floor: float, tol: Tolerance, scaled: bool = True,
    decimals: int | None = None,
) -> Interval:
    x, half = Decimal(repr(amount)) * factor, _half_unit(amount, scaled, tol.rounding, decimals) * factor
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
    unit, factor = base(q)
    # Counts and amounts stop at zero; temperatures (and "fewer than 0") do not.
    floor = 0.0 if q.amount > 0 and unit not in ("celsius", "fahrenheit") else -math.inf
    scaled = q.scale is not None
    low = _band(q.amount, factor, q.qualifier, floor, tol, scaled, q.decimals)
    if q.high is None:
        return low
    high = _band(q.high, factor, q.qualifier, floor, tol, scaled, q.decimals)
    return Interval(low.lo, high.hi, low.lo_closed, high.hi_closed)


# ---------------------------------------------------------------- comparing and describing


class Comparison:
    """How a stated value stands to a claimed one.

    `agree`: both can be true (their intervals meet); None when they cannot be compared.
    `implied`: the claimed value implies the stated one (its interval lies inside the stated
    one's), so the source supports the statement. Agreeing without being implied ("more than
    $3 trillion" against "more than $1 trillion") is an overlap: not contradicted, not supported.
    `detail` is worded on first use: a check compares each sentence's numbers with dozens of
    candidate claims and only needs yes or no, and wording both intervals was a tenth of its time.
    """

    __slots__ = ("agree", "implied", "_detail", "_word")

    def __init__(self, agree: bool | None, detail: str = "", implied: bool | None = None, word=None):
        self.agree, self.implied, self._detail, self._word = agree, implied, detail, word  # word() -> detail

    @property
    def detail(self) -> str:
        if self._word is not None:
            self._detail, self._word = self._word(), None
        return self._detail

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Comparison) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def _fields(self) -> tuple:
        return self.agree, self.detail, self.implied

    def __repr__(self) -> str:
        return f"Comparison(agree={self.agree!r}, detail={self.detail!r}, implied={self.implied!r})"

    @property
    def relation(self) -> str | None:
        """'implied', 'overlap', 'disjoint', or None when the two cannot be compared."""
        if self.agree is None:
            return None
        return "disjoint" if not self.agree else "implied" if self.implied else "overlap"


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
    # First by identity: the same two objects are compared 3-4 times for a sentence, and a content key
    # costs more than the look-up. Values are never changed in place; an entry holds both (ids stay).
    ident = (id(a), id(b), id(tol))
    seen = _SAME.get(ident)
    if seen is not None and seen[0] is a and seen[1] is b and seen[2] is tol:
        return seen[3]
    if not (a.amount and b.amount and a.high != 0 and b.high != 0):
        found = _compare_quantities_once(a, b, tol)
    else:
        key = (tuple(a.__dict__.values()), tuple(b.__dict__.values()), tuple(tol.__dict__.values()))
        found = _MEMO.get(key)
        if found is None:
            if len(_MEMO) >= _MEMO_MAX:
                _MEMO.clear()
            found = _MEMO[key] = _compare_quantities_once(a, b, tol)
    if len(_SAME) >= _MEMO_MAX:
        _SAME.clear()
    _SAME[ident] = (a, b, tol, found)
    return found


# Past this an amount times a scale (up to 10^12 W in TW) is no longer a float: not compared.
_TOO_LARGE = 1e290


def _compare_quantities_once(a: QuantityValue, b: QuantityValue, tol: Tolerance) -> Comparison:
    if a.currency != b.currency:
        if a.currency and b.currency:
            return Comparison(None, f"different currencies ({a.currency} vs {b.currency}) cannot be compared")
        return Comparison(None, f"only one value states a currency ({a.currency or b.currency})")
    (ua, _), (ub, _) = base(a), base(b)
    if ua != ub:
        return Comparison(None, f"incompatible units ({ua or 'none'} vs {ub or 'none'}) cannot be compared")
    if ua and ua.startswith("per ") and not _same_denominator(a, b):
        return Comparison(None, f"rates of other populations ({a.unit} vs {b.unit}) cannot be compared")
    if not all(abs(x) < _TOO_LARGE for x in (a.amount, b.amount, a.high or 0, b.high or 0)):
        return Comparison(None, "a number too large to compare")
    if a.qualifier == b.qualifier == "up_to":
        # "up to $30.1 million", "up to five years": a cap is a figure of its own, and another cap
        # is another figure, not a weaker claim ("up to $31.1 million" is wrong, not implied).
        bare_a, bare_b = (q.model_copy(update={"qualifier": None}) for q in (a, b))
        found = _compare_quantities_once(bare_a, bare_b, tol)
        return Comparison(found.agree, implied=found.implied, word=partial(_caps, found))
    ia = ib = None  # most candidates are other figures, far from the stated one: no intervals needed
    if not surely_apart(a, float_factor(a), b, float_factor(b), tol):
        ia, ib = interval(a, tol), interval(b, tol)
    agree = ia is not None and ia.meets(ib)
    if not agree and _truncated(a, b):
        # "an orbit of 164 years" for 164.79: the whole years, not a wrong figure; nor the source's
        return Comparison(True, f"{describe(a)} is {describe(b)} cut to a whole number", False)
    implied = agree and (ib.within(ia) or _same_figure(a, b))
    verb = "contains" if implied else "meets" if agree else "does not meet"
    # A partial, not a closure: memoised comparisons outlive young collections, and a closure over
    # eight names is ten objects for the collector to walk, a partial two (see tuned_collector).
    word = partial(_worded, a, ia, b, ib, ua, ub, verb, tol)
    return Comparison(agree, implied=implied, word=word)


def _worded(a: QuantityValue, ia, b: QuantityValue, ib, ua, ub, verb: str, tol: Tolerance) -> str:
    shown_a, shown_b = _show(ia or interval(a, tol), ua), _show(ib or interval(b, tol), ub)
    return f"{describe(a)} {shown_a} {verb} {describe(b)} {shown_b}"


def _caps(found: Comparison) -> str:
    return f"caps: {found.detail}"


def _denominator(q: QuantityValue) -> set[str]:
    """Whom a rate counts per ("per 100,000 persons", or "per 100,000" with the noun "residents")."""
    named = re.sub(r"^per\s+[\d,.\s]*", "", q.unit or "") or q.noun or ""
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", named.lower())}


def _same_denominator(a: QuantityValue, b: QuantityValue) -> bool:
    """Rates per the same number of the same people: where both name them, they share a word."""
    da, db = _denominator(a), _denominator(b)
    return not (da and db) or bool(da & db)


def _truncated(a: QuantityValue, b: QuantityValue) -> bool:
    """A bare whole number that is the other's whole part, in the same scale and unit ("4.00" is no
    whole number cut short: its zeros are written)."""
    return not (a.qualifier or b.qualifier or a.high is not None or b.high is not None or a.decimals) \
        and a.scale == b.scale and a.unit == b.unit and float(a.amount).is_integer() \
        and not float(b.amount).is_integer() and math.trunc(b.amount) == a.amount != 0


def _same_figure(a: QuantityValue, b: QuantityValue) -> bool:
    """Two bare numbers naming the same figure in other units ("1,200 MW" and "1.2 GW"): the
    statement restates the source, though its wording is more precise than the source's."""
    if a.qualifier or b.qualifier:
        return False
    (_, fa), (_, fb) = base(a), base(b)
    da, db = Decimal(repr(a.amount)) * fa, Decimal(repr(b.amount)) * fb
    high_a = Decimal(repr(a.high)) * fa if a.high is not None else None
    high_b = Decimal(repr(b.high)) * fb if b.high is not None else None
    return da == db and high_a == high_b


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def compare(stated: Value, claimed: Value, tol: Tolerance = DEFAULT_TOLERANCE) -> Comparison:
    """Whether `stated` (a draft's) agrees with `claimed` (a ledger's); None: they cannot be compared."""
    if stated.kind != claimed.kind:
        return Comparison(None, f"different kinds of value ({stated.kind} vs {claimed.kind})")
    if isinstance(stated, QuantityValue):
        return _compare_quantities(stated, claimed, tol)
    if isinstance(stated, DateValue):
        return _compare_dates(stated, claimed)
    if isinstance(stated, RankValue):
        agree = stated.rank == claimed.rank
    elif isinstance(stated, TextValue):
        agree = _norm(stated.text) == _norm(claimed.text)
    else:
        agree = bool({_norm(n) for n in (stated.name, *stated.aliases)}
                     & {_norm(n) for n in (claimed.name, *claimed.aliases)})
    word = lambda: f"{describe(stated)} {'is' if agree else 'is not'} {describe(claimed)}"  # noqa: E731
    return Comparison(agree, implied=agree, word=word)


def _compare_dates(stated: DateValue, claimed: DateValue) -> Comparison:
    """A date as the span of days it covers: "2016" is implied by "8 June 2016" (the source's days
    lie inside the statement's), "8 June 2016" only overlaps "2016", "June 2016" and "July 2016"
    are disjoint. A period's two ends are compared each on its own ("2004 to 2011" is not "2003
    to 2011"); a period and a single date cannot be compared."""
    if (stated.end is None) != (claimed.end is None):
        both = f"{describe_date(stated)} and {describe_date(claimed)}"
        return Comparison(None, f"{both}: a period and a single date")
    if stated.end is not None:
        ends = [
            _compare_dates(DateValue(date=s), DateValue(date=c))
            for s, c in ((stated.date, claimed.date), (stated.end, claimed.end))
        ]
        agree, implied = all(e.agree for e in ends), all(e.implied for e in ends)
    else:
        (s_lo, s_hi), (c_lo, c_hi) = date_range(stated), date_range(claimed)
        agree = s_lo <= c_hi and c_lo <= s_hi
        implied = s_lo <= c_lo and c_hi <= s_hi
    verb = "includes" if agree and implied else "overlaps" if agree else "differs from"
    word = lambda: f"{describe_date(stated)} {verb} {describe_date(claimed)}"  # noqa: E731
    return Comparison(agree, implied=agree and implied, word=word)
