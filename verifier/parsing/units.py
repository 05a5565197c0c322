"""The unit a quantity is compared in, and the factor from its stated amount to that unit: kW, MW
and GW in W, feet in metres, a rate per its number of people. Two quantities compare only in one
unit and one currency (their `measure`)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from verifier.models import SCALE_FACTOR, QuantityValue

# kW, MW and GW are compared in W, so "1,200 MW" can agree with "1.2 GW".
_BASE = {f"{p}{u}": (u, 10**e) for u in ("W", "Wh")
         for p, e in (("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12))}


# Counted nouns that are units of their own: a change in percentage points is no percentage,
# and a duration ("10 years") is no count and no year.
_POINTS = frozenset({"point", "points", "pp", "percentage"})
_DURATIONS = frozenset({"year", "month", "week", "day", "hour", "decade", "minute", "second"})


def base(q: QuantityValue) -> tuple[str | None, Decimal]:
    """The unit compared in (W for kW, MW, ...) and the factor from the stated amount to it.

    A rate keeps its denominator ("per 100,000" is "per 100000", never "per 1000")."""
    return _base_of(q.unit, q.noun, q.scale)


@lru_cache(maxsize=4096)  # every comparison asks it of both values; units and nouns are few
def _base_of(q_unit: str | None, q_noun: str | None, scale: str | None) -> tuple[str | None, Decimal]:
    unit, factor = (_BASE.get(q_unit) or _word_unit(q_unit) or (q_unit, 1)) if q_unit else (None, 1)
    if unit in ("percentage points", "percentage point", "pp", "points"):
        unit = "percentage point"  # however the reader names it
    elif unit and unit.startswith("per "):  # "per 100,000 persons": its number; whom it counts, apart
        number = re.match(r"[\d,.\s]*", unit[4:]).group()
        unit = "per " + (re.sub(r"[,\s]", "", number) or unit[4:].strip())
    elif unit is None and q_noun:
        noun = q_noun.lower()
        singular = noun[:-1] if noun.endswith("s") else noun
        if noun in _POINTS:
            unit = "percentage point"
        elif singular in _DURATIONS:
            unit = singular
        elif measured := _word_unit(noun):  # "30 feet" is 9.144 m: never 30 metres
            unit, factor = measured
    return unit, Decimal(factor) * Decimal(SCALE_FACTOR[scale])


def float_factor(q: QuantityValue) -> float:
    """base()'s factor as a float (for a quick bound; never for the comparison itself)."""
    return _float_factor_of(q.unit, q.noun, q.scale)


@lru_cache(maxsize=4096)
def _float_factor_of(q_unit: str | None, q_noun: str | None, scale: str | None) -> float:
    return float(_base_of(q_unit, q_noun, scale)[1])


def _word_unit(word: str) -> tuple[str, Decimal] | None:
    """A unit written as a word or a symbol the lexicon knows: its base unit and the factor to it."""
    return _noun_units().get(word.lower())


@lru_cache(maxsize=1)
def _noun_units() -> dict[str, tuple[str, Decimal]]:
    from verifier.common.lexicon import lexicon  # read on the first comparison: `validate` never needs it

    return {w: (unit, Decimal(f)) for w, (unit, f) in lexicon().noun_units.items()}


def measure(q: QuantityValue) -> tuple[str | None, str | None]:
    """What two quantities must share to be compared at all: the currency, and the unit compared in."""
    return q.currency, base(q)[0]


def measure_of(currency: str | None, unit: str | None, noun: str | None, scale: str | None) -> tuple:
    """`measure` of a quantity with these fields."""
    return currency, _base_of(unit, noun, scale)[0]
