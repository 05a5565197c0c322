"""The one wording of a value every command shows: check's reasons, contested, the claims list
("approximately 80 million", "more than $1 trillion", "8 June 2016", "Jerry Brown, Governor of
California")."""

from __future__ import annotations

from decimal import Decimal

from verifier.models import DateValue, PersonValue, QuantityValue, RankValue, TextValue, Value
from verifier.parsing.dates import describe_date

_SYMBOL_OF = {"USD": "$", "EUR": "€", "GBP": "£"}
_UNIT_WORD = {"percent": " percent", "celsius": " °C", "fahrenheit": " °F"}


def _amount(x: float, decimals: int | None = None) -> str:
    whole, _, frac = format(abs(Decimal(repr(x))), "f").partition(".")
    frac = frac.rstrip("0").ljust(decimals or 0, "0")  # "4.00%" keeps the zeros its writer wrote
    return ("-" if x < 0 else "") + f"{int(whole):,}" + (f".{frac}" if frac else "")


def _describe_quantity(q: QuantityValue) -> str:
    cur = _SYMBOL_OF.get(q.currency, f"{q.currency} ") if q.currency else ""
    again = cur if q.currency in _SYMBOL_OF else ""  # "$10 to $20", "CNY 10 to 20"
    text = cur + _amount(q.amount, q.decimals) \
        + (f" to {again}{_amount(q.high, q.decimals)}" if q.high is not None else "")
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
