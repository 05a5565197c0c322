"""Who a text's entities are across its sentences: one entity under one name, and the publisher as
the owner of its own report's figures.
"""

from __future__ import annotations

from verifier.common.text import normal
from verifier.extraction.context import Context
from verifier.models import Subject


def one_name_each(subjects: list[Subject]) -> dict[tuple[str, str], Subject]:
    """A subject named by what another subject of the text has for an alias is that one: "Skerrow
    Ferries" after "Skerrow Ferries Ltd" (its alias without the legal form), "MacRae" after "Fiona
    MacRae". Only a body or a person takes another's facts so, and only where the name is the alias
    of one of them; a place keeps its own name ("Orrin" is the island, whatever route it names).
    (name, type) → the subject its facts are filed under instead."""
    owners: dict[str, dict[str, Subject]] = {}
    for s in subjects:
        if s.type in ("organization", "person"):
            for alias in s.aliases:
                if normal(alias) != normal(s.name):
                    owners.setdefault(normal(alias), {}).setdefault(normal(s.name), s)
    out = {}
    for s in subjects:
        mine = normal(s.name)
        found = owners.get(mine, {})
        if s.type != "place" and len(found) == 1 and mine not in found:
            out[s.name, s.type] = next(iter(found.values()))
    return out


def reporting_on_itself(ctx: Context) -> Subject | None:
    """The publisher, where the text speaks as "we" of it, or most of what it has filed so far is the
    publisher's: "Financial performance" then "Revenue rose 7%" in a ferry company's report is the
    company's revenue. A statistics office reporting on a country, or a newspaper that once gives
    its own staff, is no subject of its text's figures, so its "Revenue" stays unowned."""
    mine = ctx.masthead
    if mine is None or mine.type != "organization":
        return None
    own = sum(1 for key in ctx.seen if normal(key[1]) == normal(mine.name))
    return mine if own and ctx.own_voice or own >= 3 and 2 * own >= len(ctx.seen) else None


def head_noun(subject: Subject | None) -> str | None:
    """ "agency" of "Tarn Emergency Agency": what the text may call the subject by."""
    return normal(subject.name).split()[-1] if subject is not None and subject.name.split() else None
