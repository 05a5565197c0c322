"""Questions about one token of a spaCy dependency parse, shared by the readers of extraction.grammar:
its clause's verb, its children by relation, whether its own words name it."""

from __future__ import annotations

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
VALUE_LABELS = {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}


def clause_verb(token):
    """The verb (or copula) whose clause holds `token`."""
    seen = 0
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX") and seen < 40:
        token, seen = token.head, seen + 1
    return token


def governs(token, inside: set[int]) -> bool:
    """Whether the value lies inside this token's own phrase ("most (71.0%) cases")."""
    return any(t.i in inside for t in token.subtree) and token.dep_ in SUBJECT_DEPS \
        and not any(c.dep_ in ("relcl", "acl") and any(t.i in inside for t in c.subtree)
                    for c in token.children)


def child(token, dep: str, word: str | None = None):
    return next((c for c in token.children if c.dep_ == dep and (word is None or c.lower_ == word)), None)


def children(token, dep: str):
    return [c for c in token.children if c.dep_ == dep]


def np_head(token):
    while token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def compounds(token) -> list:
    """The compound words that make up a name with `token` ("Harbour Wind farm")."""
    out = []
    for c in token.children:
        if c.dep_ == "compound":
            out += [c, *compounds(c)]
    return out


def named(token) -> bool:
    """A proper noun, or a common noun its own words single out ("the Czech scheme", "ILDD
    contracts"), not a bare "a programme"."""
    if token.ent_type_ in VALUE_LABELS:
        return False
    return token.pos_ == "PROPN" or any(c.dep_ in ("compound", "amod", "nmod", "poss") and not c.like_num
                                        and c.ent_type_ not in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")
                                        for c in token.children)


def modified(token) -> bool:
    """A noun with words of its own that say which one ("hospital admissions", "Utah's"); an
    adjective ("net profit") does not."""
    return any(c.dep_ in ("compound", "nmod", "poss") for c in token.children)


def bare_definite(token) -> bool:
    """ "The scheme", "those turbines": a definite common noun with nothing else to name it."""
    kids = [c for c in token.children if c.dep_ != "case"]  # "the college's": the college
    return token.pos_ == "NOUN" and len(kids) == 1 and kids[0].dep_ == "det" \
        and kids[0].lower_ in ("the", "this", "these", "that", "those")


def kind(label: str) -> str:
    return {"GPE": "place", "LOC": "place", "ORG": "organization", "PERSON": "person",
            "NORP": "group", "EVENT": "event", "LAW": "agreement"}.get(label, "other")
