"""Two figures told apart from floats (parsing.reach) are figures whose intervals never meet: the
comparison that skips their intervals gives what the intervals give, detail included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.models import QuantityValue, Tolerance
from verifier.parsing import tolerance
from verifier.parsing.reach import surely_apart
from verifier.parsing.tolerance import interval
from verifier.parsing.units import float_factor

# Figures near each other's bands: whole numbers with trailing zeros, decimals, zeros, negatives, halves
_AMOUNTS = st.one_of(
    st.sampled_from([0.0, -0.0, 0.5, 1.0, 9.0, 9.5, 10.0, 95.0, 100.0, 105.0, 110.0, 0.1, 0.15, 0.05, 4.3,
                     4.35, 4.25, 1200.0, 1250.0, 1e20, 1.05e20, 164.0, 164.79, -3.0, -3.3, 2.0, 1.1]),
    st.integers(-5000, 5000).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)  # fmt: skip
_QUALIFIERS = st.sampled_from([None, "approximately", "nearly", "exactly", "more_than", "at_least", "up_to",
                               "fewer_than"])  # fmt: skip


@st.composite
def _quantities(draw) -> QuantityValue:
    amount = draw(_AMOUNTS)
    high = draw(st.one_of(st.none(), _AMOUNTS.filter(lambda h: h > amount)))
    return QuantityValue(amount=amount, high=high, qualifier=draw(_QUALIFIERS),
                         scale=draw(st.sampled_from([None, "thousand", "million"])),
                         unit=draw(st.sampled_from([None, "MW", "GW", "percent"])))  # fmt: skip


_TOLERANCES = st.builds(Tolerance, approximately=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
                        nearly=st.sampled_from([0.0, 0.1, 1.0]), rounding=st.sampled_from([0.0, 0.05, 0.5, 1.0]))


@settings(max_examples=3000, deadline=None)
@given(_quantities(), _quantities(), _TOLERANCES)
def test_figures_told_apart_have_intervals_that_never_meet(a, b, tol):
    fa, fb = float_factor(a), float_factor(b)
    if surely_apart(a, fa, b, fb, tol):
        assert not interval(a, tol).meets(interval(b, tol))


@settings(max_examples=1500, deadline=None)
@given(_quantities(), _quantities(), _TOLERANCES)
def test_a_comparison_told_apart_reads_as_the_intervals_say(a, b, tol):
    quick = tolerance._compare_quantities_once(a, b, tol)
    saved = tolerance.surely_apart
    tolerance.surely_apart = lambda *args: False
    try:
        full = tolerance._compare_quantities_once(a, b, tol)
    finally:
        tolerance.surely_apart = saved
    assert (quick.agree, quick.implied, quick.detail) == (full.agree, full.implied, full.detail)


def test_far_figures_are_told_apart_and_near_ones_are_left_to_the_intervals():
    tol = Tolerance()
    q = lambda amount, **kw: QuantityValue(amount=amount, **kw)  # noqa: E731
    assert surely_apart(q(300.0), 1.0, q(4300.0), 1.0, tol)
    assert not surely_apart(q(300.0), 1.0, q(310.0), 1.0, tol)  # within 300's rounding of 5%: exact test
    assert not surely_apart(q(1.0, qualifier="more_than"), 1.0, q(1e9), 1.0, tol)  # no upper bound
    assert not surely_apart(q(1.0, high=2.0), 1.0, q(1e9), 1.0, tol)  # ranges: left to the intervals
