"""A person's age as texts write it: a bare whole number set off by commas right after a name
("Osei-Lund, 47, has led ...", "said Ann Berg, 52."). Extract files such a number under the person as
the property "age"; check takes the same shape as evidence that a sentence speaks of that age.
"""

from __future__ import annotations

import re

from verifier.models import QuantityValue

_NAME_BEFORE = re.compile(r"(?:^|[\s(“\"])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),\s+$")
_SET_OFF_AFTER = re.compile(r"\s*[,.;)]")
_OLDEST = 120


def age_owner(text: str, start: int, end: int, value: object) -> str | None:
    """The name whose age the figure at [start, end) gives, as written before it; None when the
    figure is no age by its shape (a unit, a noun, a qualifier, a fraction, or no name before it)."""
    if not isinstance(value, QuantityValue) or value.unit or value.currency or value.noun or value.qualifier \
            or value.amount != int(value.amount) or not 0 < value.amount < _OLDEST:
        return None
    if not _SET_OFF_AFTER.match(text, end):
        return None
    found = _NAME_BEFORE.search(text, 0, start)
    return found["name"] if found else None
