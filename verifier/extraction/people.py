"""The people a text names: whose age a number set off after a name is ("Osei-Lund, 47,"), and the
person a last name alone stands for."""

from __future__ import annotations

from dataclasses import replace

from verifier.common.text import normal
from verifier.extraction import names
from verifier.extraction.context import Context
from verifier.extraction.grammar import Reading
from verifier.extraction.patterns import ORG_WORDS, Fact
from verifier.models import Subject
from verifier.parsing.ages import age_owner


def ages(ctx: Context, sentence: str, reading: Reading, found: list[Fact]) -> list[Fact]:
    """The sentence's facts, a person's age among them filed under that person (the one the text
    named with that last name, else a name the parse or its shape gives as a person's) as the
    property "age"."""
    named = reading.entities()
    people = {p.text for p in named if p.kind == "person"}
    bodies = {p.text for p in named if p.kind == "organization"}
    out = []
    for fact in found:
        if fact.anchor and (name := age_owner(sentence, *fact.anchor, fact.value)) \
                and (person := _person(ctx, name, people, bodies)) is not None:
            fact = replace(fact, prop="age", subject=person)
        out.append(fact)
    return out


def _person(ctx: Context, name: str, people: set[str], bodies: set[str]) -> Subject | None:
    """The person the text named whose name is or ends in `name` ("Osei-Lund"); else a person the
    parse names here ("said Ann Berg, 58"), or a full name no word of which names a body or a place
    (the parse often misreads invented names: "Ines Marlowe" as a place); else none ("Brill Foods, 30")."""
    if (known := person_named(ctx, name)) is not None:
        return known
    if ORG_WORDS.search(name) or names.body_or_place(name):
        return None
    full = 2 <= len(name.split()) <= 4 and name not in bodies and not any(
        normal(s.name) == normal(name) and s.type != "person" for s in ctx.topics.values())
    return Subject(name=name, type="person") if name in people or full else None


def person_named(ctx: Context, name: str) -> Subject | None:
    """The person the text named by this full name or by its last word ("Osei-Lund")."""
    return next((p for p in ctx.people if p.name == name or p.name.endswith(f" {name}")), None)
