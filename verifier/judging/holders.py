"""A title one person holds at a time, given to another person: "Ida Berg is Tarnwell's head of
safety" where the source names Oda Brun as Tarnwell's head of safety.

People hold several roles, so a title the source does not give a person is only unsupported
(compare.py). But some titles have one holder in one body at a time (the lexicon's sole_titles:
a governor, a head of safety, a finance minister), and when the ledger names someone else with
exactly that role, the sentence and the source cannot both be true now. Only a sentence that
states no date or number of its own counts (a past holder is no contradiction), and not a title
given with "a"/"an" ("a director of Tarnwell": one of several).
"""

from __future__ import annotations

import re

from verifier.common.lexicon import lexicon
from verifier.common.text import normal
from verifier.judging.compare import SlotResult, stated_role
from verifier.judging.group_match import Fact
from verifier.matching.index import Index, subject_key
from verifier.models import Claim, PersonValue
from verifier.parsing.statements import Statement

_LEX = lexicon()
_ONE_OF_SEVERAL = re.compile(r"\b(?:is|was|as|became)\s+(?:a|an|one of)\b", re.IGNORECASE)
# a post held once, given up, hoped for or to come: no claim about who holds it now
_NOT_NOW = re.compile(r"(?i)\b(?:was|were|had|previously|formerly|former|once|until|ex|running|ran|run|"
                      r"candidate|nominee|nominated|will|would|could|may|might|should|hopes?|wants?|plans?|"
                      r"expected|succeed\w*|replac\w*|resign\w*|retir\w*|step(?:s|ped)?|left|leaves|quit\w*|"
                      r"fired|dismissed|acting|interim|before|after)\b")


def held_by_another(stmt: Statement, index: Index, facts: list[Fact]) -> list[Fact]:
    """For each title the sentence gives a person that differs from the person's claimed role, the
    claim of another person holding exactly that title, as a fact the sentence contradicts."""
    if stmt.negated or stmt.values or _ONE_OF_SEVERAL.search(stmt.text) or _NOT_NOW.search(stmt.text):
        return []
    out: list[Fact] = []
    for fact in facts:
        if any(r.titled and r.supported for r in fact.results.values()):
            out += _succeeded(stmt, index, fact)
            continue  # a source gives the person this very post: a later one may have given it to them
        for i, result in fact.results.items():
            value = index.value_of(i)
            if not (result.titled and result.implied is False and isinstance(value, PersonValue)):
                continue
            if (holder := _holder(stmt, index, value, index.claims[i])) is not None:
                contradicted = SlotResult(False, result.stated, titled=True)
                out.append(_holder_fact(index, holder, fact.score, contradicted))
    return out


def _holder_fact(index: Index, holder: int, score: float, result: SlotResult) -> Fact:
    """The holder's claim as a fact of the sentence, judged as `result` says."""
    claim = index.claims[holder]
    return Fact((subject_key(claim), claim.property), score, {holder: result})


def _succeeded(stmt: Statement, index: Index, fact: Fact) -> list[Fact]:
    """ "Oda Brun is Tarnwell's head of safety", which a 2019 source says, where a 2025 source gives
    that post to Ines Vold: the newer holder, as what the ledger supports instead (unverified)."""
    held = [(i, r) for i, r in fact.results.items() if r.titled and r.supported]
    newest = max(held, key=lambda ir: index.claims[ir[0]].as_of or "")
    i, result = newest
    value = index.value_of(i)
    if not isinstance(value, PersonValue):
        return []
    holder = _holder(stmt, index, value, index.claims[i], newer=True)
    if holder is None:
        return []
    instead = SlotResult(True, result.stated, implied=False, titled=True)
    return [_holder_fact(index, holder, fact.score, instead)]


def _holder(
    stmt: Statement, index: Index, person: PersonValue, own: Claim, newer: bool = False
) -> int | None:
    """The one other person the ledger gives exactly the stated role, where it is a sole title, as
    of no earlier than the person's own claim (an older holder may have been succeeded). A title
    alone ("the Governor") names one body only within one source: the person's own."""
    titles, role = stated_role(stmt, person)
    if not titles & _LEX.sole_titles or role & _LEX.shared_title_words:
        return None
    mine = {normal(n) for n in (person.name, *person.aliases)}
    others = [j for j in index.people_by_role().get(frozenset(role), ())
              if normal(index.value_of(j).name) not in mine
              and (role - titles or index.claims[j].source.id == own.source.id)
              and _later(index.claims[j].as_of, own.as_of, strictly=newer)]
    names = {normal(index.value_of(j).name) for j in others}
    return others[0] if len(names) == 1 else None  # two holders: the title is not one person's


def _later(held: str | None, own: str | None, strictly: bool) -> bool:
    """Whether a holder's claim is as of no earlier (with `strictly`: later) than the person's own."""
    return (held or "") > (own or "") if strictly else (held or "") >= (own or "")
