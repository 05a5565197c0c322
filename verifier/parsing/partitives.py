"""Counts of a part of a group: "Five of the board's nine members voted for the plan; two
abstained". extract names such a count after the noun and the verb ("members_voted",
"members_abstained"), so that the two counts are two facts, and check compares a sentence's
count with one of them only where the sentence uses that verb.
"""

from __future__ import annotations

import re

# "Five of the board's nine members voted ...": the figure counts the members who did
PARTITIVE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:(?:[\w-]+\s+){0,3}[\w'’-]+['’]s\s+)?"
                       r"(?:[\w,.]+\s+)?(?P<noun>[a-z]+s)\s+(?P<verb>[a-z]+ed(?:\s+(?:for|against))?)\b")
# "...; two abstained from the vote": a number standing for the noun a partitive before it named
ELLIPTIC = re.compile(r"\s+(?P<verb>[a-z]+ed(?:\s+(?:for|against))?)"
                      r"(?:\s+(?:a|an|the|to|that|their|its|from)\b|(?=\s*[.;,]|\s*$))")
_PROPERTY = re.compile(r"[a-z]+s_(?P<verb>[a-z]+ed(?:_(?:for|against))?)")


def partitive_property(sentence: str, end: int) -> str | None:
    """The property of a bare count ending at `end` that opens a partitive or follows one."""
    if found := PARTITIVE.match(sentence, end):
        return f"{found['noun']}_{_snake(found['verb'])}"
    before = list(PARTITIVE.finditer(sentence, 0, end))
    if before and (verb := ELLIPTIC.match(sentence, end)):
        return f"{before[-1]['noun']}_{_snake(verb['verb'])}"
    return None


def _snake(verb: str) -> str:
    return "_".join(verb.split())


def verb_of(prop: str) -> str | None:
    """The words a partitive count's property names ("members_voted_for": "voted for"), else None:
    a sentence's count compares with it only where the sentence says the same ("voted against" is
    another count)."""
    found = _PROPERTY.fullmatch(prop)
    return found["verb"].replace("_", " ") if found else None
