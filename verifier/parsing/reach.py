"""How far a quantity's interval can reach from its figure, from floats alone: two figures further
apart than both reaches have intervals that cannot meet, so a comparison can say "disjoint" without
working out the intervals in Decimal. A check compares each number of a sentence with every
candidate claim of its subject, and most of those are other figures, far from it."""

from __future__ import annotations

from verifier.models import QuantityValue, Tolerance

# Qualifiers whose interval lies around the figure (the others reach to infinity or to a floor)
_AROUND = frozenset({None, "approximately", "nearly", "exactly"})
# Margins for the floats' own error against tolerance.interval's Decimal arithmetic: far wider
# than that error (1e-16 of the figures), far narrower than any figure that is nearly apart.
_RELATIVE, _SAFETY = 1e-9, 1.000001


def surely_apart(a: QuantityValue, fa: float, b: QuantityValue, fb: float, tol: Tolerance) -> bool:
    """Whether the intervals of `a` and `b` (in base units: times their factors fa, fb) cannot meet.
    False says nothing: the exact intervals decide."""
    if a.qualifier not in _AROUND or b.qualifier not in _AROUND or a.high is not None or b.high is not None:
        return False
    xa, xb = a.amount * fa, b.amount * fb
    margin = (_reach(a, xa, fa, tol) + _reach(b, xb, fb, tol)) * _SAFETY + _RELATIVE * (abs(xa) + abs(xb))
    return abs(xa - xb) > margin


def _reach(q: QuantityValue, x: float, factor: float, tol: Tolerance) -> float:
    """An upper bound of how far interval(q) reaches from x, its figure in base units."""
    if q.qualifier == "exactly":
        return 0.0
    if q.qualifier == "nearly":
        return abs(x) * abs(tol.nearly)
    half = _half_unit_bound(q.amount, q.scale is not None, tol.rounding) * factor
    return max(half, abs(x) * tol.approximately) if q.qualifier == "approximately" else half


def _half_unit_bound(amount: float, scaled: bool, rounding: float) -> float:
    """At least tolerance._half_unit(amount, scaled, rounding): a zero's half is 0.5; a whole number's
    is at most its cap (rounding of it, and 0.5 without a scale word); a decimal's, half its last
    written digit, is at most half of it."""
    if amount == 0:
        return 0.5
    size = abs(amount)
    if not float(amount).is_integer():
        return size * 0.5
    cap = size * abs(rounding)
    return cap if scaled else max(cap, 0.5)
