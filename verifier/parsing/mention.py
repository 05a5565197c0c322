"""A value found in a sentence: where it is, as written, and what it is."""

from __future__ import annotations

from dataclasses import dataclass

from verifier.models import DateValue, QuantityValue


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    value: QuantityValue | DateValue
