"""An age the sentence writes as an age ("Reyes, 31, ..."): evidence that it speaks of the age the
ledger gives that person, whatever else it says (extract files such a figure the same way,
parsing.ages)."""

from __future__ import annotations

from verifier.matching.index import Index
from verifier.parsing.ages import age_owner
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import Statement


def age_stated(stmt: Statement, index: Index, members: list[int], mention: Mention | None = None) -> bool:
    """Whether the sentence writes the age the group gives, as an age ("Reyes, 31, ..." for Reyes's
    age): the figure's shape says what it is, whatever else the sentence speaks of."""
    if index.property_of(members[0]) != "age":
        return False
    names = index.claims[members[0]].subject.names()
    for m in [mention] if mention else stmt.values:
        owner = age_owner(stmt.text, m.start, m.end, m.value)
        if owner is not None and any(n == owner or n.endswith(f" {owner}") for n in names):
            return True
    return False
