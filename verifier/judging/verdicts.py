"""Claim groups: the claims about one subject and property, which must agree.

The same rules decide a draft statement's verdict against a group (`check`) and whether a
group is contested on its own (`contested`). Refuted and retracted claims no longer speak
for their group; figures that hold at different dates (`as_of`) do not conflict, and the
newest is the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from verifier.common.text import STOPWORDS
from verifier.judging.compare import SlotResult, claims_agree, same_time
from verifier.ledger import evidence
from verifier.ledger.load import Ledger
from verifier.matching.index import Index
from verifier.models import Claim, DateValue, QuantityValue, Tolerance
from verifier.parsing.baselines import BASELINE_DATE
from verifier.parsing.dates import OWN_DATE_GAP, baseline_before, yearless
from verifier.parsing.describe import describe
from verifier.parsing.quantities import find_values
from verifier.parsing.tolerance import date_range

_SETTLED_OUT = ("refuted", "retracted")


@dataclass
class GroupVerdict:
    verdict: str
    reason: str
    claim: Claim
    others: list[Claim] = field(default_factory=list)


def active(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.status not in _SETTLED_OUT]


def conflicts(claims: list[Claim], tol: Tolerance) -> list[tuple[Claim, Claim]]:
    """Pairs of live claims that state different things about the same time."""
    return [
        (a, b)
        for a, b in combinations(active(claims), 2)
        if same_time(a, b) and claims_agree(a, b, tol) is False
    ]


def newest(claims: list[Claim]) -> Claim:
    """Verified before unreviewed, then the latest as_of: the figure a reader should see."""
    return max(claims, key=lambda c: (c.as_of or "", c.status == "verified"))


def cite(claim: Claim, ledger: Ledger) -> str:
    """'84.75 million people as of 2020-11-01 ("counted ...", Publisher, 2021-05)'."""
    src = ledger.sources[claim.source.id]
    as_of = f" as of {claim.as_of}" if claim.as_of and claim.as_of != src.published else ""
    return f'{describe(claim.value)}{as_of} ("{claim.source.quote}", {evidence.cite(src)})'


def judge_group(
    index: Index,
    key: tuple[str, str],
    results: dict[int, SlotResult],
    ledger: Ledger,
    tol: Tolerance,
    when: DateValue | None = None,
) -> GroupVerdict:
    """The verdict of a statement against a claim group. `when` is the date the sentence gives
    its figure ("In 2020 ...", "in the third quarter of 2024"): then only the figures that hold
    at that time speak, and a group with none is no evidence ("the 1993 census" is not judged by
    today's figure).

    consistent: a live claim implies the statement (the source says at least as much);
    unverified: the claims only overlap it ("more than $3 trillion" against "more than $1
    trillion": not contradicted, not supported), and the reason says what they do support;
    inconsistent: the claims contradict it."""
    everyone = [index.claims[i] for i in index.groups[key]]
    stated = _sentence_case_off(next(iter(results.values())).stated)
    members = _at_time(everyone, when, ledger)
    if when is None and (earlier := _earlier_figures(members)):
        # "won 9 seats, up from 6": a statement of no time speaks of the 9; the 6 is the figure before
        members = [c for c in members if c not in earlier]
        if any(results[i].agree for i in results if index.claims[i] in earlier) and \
                not any(results[i].agree for i in results if index.claims[i] in members):
            return _earlier(stated, earlier, members, ledger)
    results = {i: r for i, r in results.items() if index.claims[i] in members}
    if not results:  # no figure of that time, or none the sentence's value could be compared with
        dates = sorted({_held_at(c, ledger) or "an unknown date" for c in active(everyone) or everyone})
        claim = newest(active(everyone) or everyone)
        only = ", ".join(dates)
        if when is None:  # only the undated baselines could be compared, and the statement gives no time
            reason = f"states {stated}; the source gives no figure of its own for this (only as of {only})"
            return GroupVerdict("unverified", reason, claim)
        period = f"{when.date} to {when.end}" if when.end else when.date
        reason = f"states {stated} for {period}; the ledger has no figure for that time (only as of {only})"
        return GroupVerdict("unverified", reason, claim)
    by_id = {index.claims[i].id: r for i, r in results.items()}
    live = active(members)
    agree = [c for c in live if by_id.get(c.id) and by_id[c.id].agree]
    disagree = [c for c in live if by_id.get(c.id) and by_id[c.id].agree is False]
    supports = [c for c in agree if by_id[c.id].supported]
    dead_agree = [c for c in members if c not in live and by_id.get(c.id) and by_id[c.id].agree]
    if agree and disagree and (pairs := conflicts(members, tol)):
        if all(a.source.id == b.source.id for a, b in pairs):
            return _ambiguous(stated, agree, disagree, ledger)
        return _contested(stated, agree, disagree, ledger)
    # Claims that agree with each other but not with the statement at a finer precision
    # ("2015" and "15 September 2015" against "15 October 2015"): the precise one decides.
    blocking = [d for d in disagree if any(same_time(d, a) and claims_agree(d, a, tol) for a in agree)]
    if blocking:
        return _inconsistent(stated, blocking, dead_agree, ledger)
    if supports:
        return _consistent(stated, supports, members, ledger, dated=when is not None)
    if agree:
        return _unsupported(stated, agree, ledger)
    if disagree:
        return _inconsistent(stated, disagree, dead_agree, ledger)
    dead = [c for c in members if c not in live and c.id in by_id]
    claim = dead[0] if dead else index.claims[next(iter(results))]
    return GroupVerdict("unverified", f"states {stated}; the only claims on this are {claim.status}", claim)


def _earlier_figures(members: list[Claim]) -> list[Claim]:
    """The members the source gives only as an undated baseline ("up from 6"), where the group
    also holds another figure: that other is what the source says now."""
    earlier = [c for c in members if not c.as_of and not c.period
               and _baseline_quote(c.source.quote, getattr(c.value, "amount", None))]
    return earlier if len(earlier) < len(members) else []


def _earlier(stated: str, earlier: list[Claim], members: list[Claim], ledger: Ledger) -> GroupVerdict:
    """The statement gives, with no time, the figure the source has only as the earlier one."""
    claim, current = earlier[0], newest(active(members) or members)
    reason = (f"states {stated}; the source gives that as an earlier figure, {cite(claim, ledger)}, and "
              f"{cite(current, ledger)} as the later one; the statement does not say when")
    return GroupVerdict("unverified", _unreviewed(reason, claim), claim)


def _held_at(claim: Claim, ledger: Ledger) -> str | None:
    """When a figure holds: its as_of, else the period its data covers, else its source's date."""
    if claim.period:  # a figure over a period holds for it, whatever date the source gave it
        if claim.period.start == claim.period.end:
            return claim.period.start
        return f"{claim.period.start} to {claim.period.end}"
    if claim.as_of:
        return claim.as_of
    source = ledger.sources.get(claim.source.id)
    return source.published if source else None


def _at_time(members: list[Claim], when: DateValue | None, ledger: Ledger) -> list[Claim]:
    """The figures that hold at `when`, compared by the days both cover ("August 2012" is not
    July 2012; "2012" takes either; a period holds through its years). A figure over a period
    (growth in a quarter, cases from May to December) answers a sentence that names a time longer
    than a day only when the two cover nearly the same days: the growth of the third quarter is
    not the fourth's, nor the year's ("For 2024 as a whole, GDP rose 0.9%")."""
    if when is None:
        return members
    w0, w1 = date_range(when)

    def holds(c: Claim) -> bool:
        if c.period:
            c0, c1 = date_range(DateValue(date=c.period.start, end=c.period.end))
            if _to_the_day(when.date, when.end, c.period.start, c.period.end) \
                    or _same_precision(when.date, when.end, c.period.start, c.period.end):
                # "1 September 2024 to 31 July 2025" is not from 1 August; "the 12 months to July
                # 2025" is not the 12 months to August
                return (w0, w1) == (c0, c1)
            if _split_year(when) and 330 <= (c1 - c0).days <= 380:
                return (c0.year, c1.year) == (w0.year, w1.year)  # "2024–25": a year from 2024 into 2025
            return _same_span((w0, w1), (c0, c1)) if w1 > w0 else c0 <= w1 and w0 <= c1
        source = ledger.sources.get(c.source.id)
        published = source.published if source else None
        amount = getattr(c.value, "amount", None)
        own = _quote_dates(c.statement, published, amount) + _quote_dates(c.source.quote, published, amount)
        # a span ("the three months to June"): only a figure its words give for that span; but a
        # financial year written "2024–25" has bounds no one stated, so a figure held within it speaks
        split = _split_year(when)
        if when.end and not split:
            return any(_same_span((w0, w1), (d0, d1)) for d0, d1 in own)
        flow = _FLOW.search(c.property) is not None  # a change over its time: a month's is not the year's
        if any(w0 <= d0 and d1 <= w1 and not (flow and not _same_span((w0, w1), (d0, d1))) for d0, d1 in own):
            return True  # the claim's own words date it within the time ("As of February 2019, ... 866 MW")
        if any(d0 <= w1 and w0 <= d1 for d0, d1 in own):
            # its words give a longer or another period ("rose 5.5% in 2025" is no figure of
            # September; "2026/27" is not "2025/26")
            return False
        if not c.as_of and _baseline_quote(c.source.quote, getattr(c.value, "amount", None)):
            return False  # "up from €2.9 million", dated nowhere: an earlier figure, not the publication's
        if held := (c.as_of or _held_at(c, ledger)):
            c0, c1 = date_range(DateValue(date=held))
        else:
            return False
        if flow and len(held) in (7, 10) and not _same_span((w0, w1), (c0, c1)):
            # "rose 3% in June 2025" is no rise in 2025, nor is a rise over a time the source does
            # not state ("grew 5% over the past five years", held at its publication day)
            return False
        return w0 <= c0 and c1 <= w1 or split and c0 <= w1 and w0 <= c1  # May's figure is not 14 May's

    return [c for c in members if holds(c)]


# A period stated at a coarser precision than the claim's ("May to December 2022" for May 10 to
# December 31) covers nearly the same days; a quarter is not its year.
SAME_SPAN = 0.9


def _to_the_day(*dates: str | None) -> bool:
    """Whether both periods are given to the day: then nearly the same days are not the same period."""
    return all(d is not None and len(d) == 10 for d in dates)


_FLOW = re.compile(r"(?i:change|growth|increase|decrease|decline|rise|fall|gain|loss)")


def _split_year(when: DateValue) -> bool:
    """ "2024–25", "2024/25": two years in a row, as a financial or school year is written."""
    return len(when.date) == 4 and when.end is not None and len(when.end) == 4 \
        and int(when.end) == int(when.date) + 1


def _same_precision(*dates: str | None) -> bool:
    """Whether both periods are given in whole months, or both in whole years: then a span a month
    longer or shorter is another span, not the same one at another precision."""
    given = [len(d) for d in dates if d]
    return len(set(given)) == 1 and given[0] in (4, 7)


def _same_span(a: tuple, b: tuple) -> bool:
    """Whether two spans of days overlap by at least SAME_SPAN of the longer one."""
    overlap = (min(a[1], b[1]) - max(a[0], b[0])).days + 1
    return overlap >= SAME_SPAN * max((a[1] - a[0]).days + 1, (b[1] - b[0]).days + 1)


_BASELINE_WORD = re.compile(r"\b(?:from|after|than|versus|compared)\b")


@lru_cache(maxsize=16384)
def _baseline_quote(quote: str, amount: float | None) -> bool:
    """Whether the claim's own words give its figure as a baseline ("up from €2.9 million")."""
    if amount is None or not _BASELINE_WORD.search(quote):
        return False
    return any(isinstance(m.value, QuantityValue) and m.value.amount == amount
               and baseline_before(quote, m.start) for m in find_values(quote))


@lru_cache(maxsize=65536)
def _quote_dates(text: str, published: str | None, amount: float | None = None) -> tuple:
    """The spans of days the dates in a claim's own words cover ("in March" of a 2019 source), but
    not the date of another figure of the sentence ("71%, up from 64% in 2024": 2024 is 64%'s) nor
    a baseline ("12% more than this year"), nor one without its year ("in August": the claim's
    own date holds the year extract gave it)."""
    found = find_values(text, published)
    others = [m for m in found if isinstance(m.value, QuantityValue) and m.value.amount != amount]
    return tuple(date_range(m.value) for m in found if isinstance(m.value, DateValue) and not yearless(m.text)
                 and not any(_OWN_DATE.fullmatch(text, q.end, m.start)
                             or _DATE_THEN.fullmatch(text, m.end, q.start) for q in others)
                 and not _names_a_thing(text, m.end)
                 and not BASELINE_DATE.search(text, 0, m.start))


# "the 2019 trade plan", "the 2013 NCHS scheme": a year that names a thing, not a time of the figure.
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w-]*)\s+[a-zA-Z]")
_LINKS = STOPWORDS | frozenset("under after before when while compared since until through than".split())


def _names_a_thing(text: str, end: int) -> bool:
    found = _WORD_AFTER.match(text, end)
    return bool(found) and found[1].lower() not in _LINKS


# The date right after a figure is that figure's own ("64% in 2024").
# "41 days in 2024": the date right after a figure and the noun it counts is that figure's
_OWN_DATE = re.compile(r"(?:\s+[^\W\d]+)?" + OWN_DATE_GAP.pattern)
# "its budget for 2026 is €3.4 million, up from €2.9 million": 2026 is the year of the figure it leads to
_DATE_THEN = re.compile(r"\s+(?:is|was|are|were|will\s+be|reached|totall?ed|stood\s+at)\s+")


def _unsupported(stated: str, agree: list[Claim], ledger: Ledger) -> GroupVerdict:
    """Not contradicted, but not implied either: the source says less than the statement."""
    claim = newest(agree)
    reason = f"states {stated}; the source supports only {cite(claim, ledger)}"
    return GroupVerdict("unverified", _unreviewed(reason, claim), claim)


def _ambiguous(stated: str, agree: list[Claim], disagree: list[Claim], ledger: Ledger) -> GroupVerdict:
    """One source giving two figures for what the ledger files as one property: two facts the
    property does not tell apart ("£41.2 million from a funder", "a £38 million building"), not
    sources that disagree. Which one the statement speaks of is unknown: unverified."""
    claim = newest(agree)
    reason = (f"states {stated}; the source gives more than one figure for this, "
              f"{cite(claim, ledger)} and {cite(newest(disagree), ledger)}, and which one the "
              f"statement speaks of is not clear")
    return GroupVerdict("unverified", _unreviewed(reason, claim), claim)


def _contested(stated: str, agree: list[Claim], disagree: list[Claim], ledger: Ledger) -> GroupVerdict:
    side_a, side_b = newest(agree), newest(disagree)
    reason = f"states {stated}; the sources disagree: {cite(side_a, ledger)} vs {cite(side_b, ledger)}"
    return GroupVerdict("contested", reason, side_a, [c for c in disagree])


def _consistent(
    stated: str, agree: list[Claim], members: list[Claim], ledger: Ledger, dated: bool
) -> GroupVerdict:
    """Consistent with the newest figure, or with the figure of the time the sentence names. A
    figure the sentence leaves undated that matches only an older one is unverified: the reader
    would take it for today's ("rose 2.1 percent" when that was July's, and August's is 1.9)."""
    claim = newest(agree)
    reason = f"states {stated}; the source says {cite(claim, ledger)}"
    current = newest(active(members))
    if current not in agree and (current.as_of or "") > (claim.as_of or ""):
        newer = f"{describe(current.value)} (as of {current.as_of})"
        held = f"is as of {claim.as_of}" if claim.as_of else "has no stated time"
        reason += f"; that figure {held}, the newest is {newer}"
        if not dated:
            reason += "; the statement does not say when"
            return GroupVerdict("unverified", _unreviewed(reason, claim), claim)
    settled = [c for c in members if c.status in _SETTLED_OUT]
    if settled:
        reason += "; " + ", ".join(f"{c.status} claim {c.id} said {describe(c.value)}" for c in settled)
    return GroupVerdict("consistent", _unreviewed(reason, claim), claim, settled)


def _inconsistent(
    stated: str, disagree: list[Claim], dead_agree: list[Claim], ledger: Ledger
) -> GroupVerdict:
    claim = newest(disagree)
    reason = f"states {stated}; the source says {cite(claim, ledger)}"
    if dead_agree:
        reason += "; it agrees only with " + ", ".join(f"{c.status} claim {c.id}" for c in dead_agree)
    return GroupVerdict("inconsistent", _unreviewed(reason, claim), claim, dead_agree)


_LEAD_WORDS = frozenset(
    """some about around roughly approximately nearly almost more over above fewer less under below up
    at exactly just close an a from between one two three four five six seven eight nine ten eleven
    twelve""".split()
)


def _sentence_case_off(wording: str) -> str:
    """'Some 80 million' opened the sentence; in a reason it reads 'some 80 million' ('Beijing' stays)."""
    first = wording.split(" ", 1)[0]
    return wording[:1].lower() + wording[1:] if first.lower() in _LEAD_WORDS else wording


def _unreviewed(reason: str, claim: Claim) -> str:
    return reason + (f" [claim {claim.id} is unreviewed]" if claim.status == "proposed" else "")


def contested_groups(index: Index, tol: Tolerance) -> list[tuple[tuple[str, str], list[Claim]]]:
    """Every group whose live members disagree, with the claims involved, in ledger order."""
    out = []
    for key, idxs in index.groups.items():
        members = [index.claims[i] for i in idxs]
        pairs = conflicts(members, tol)
        if pairs:
            involved = {c.id for pair in pairs for c in pair}
            out.append((key, [c for c in members if c.id in involved]))
    return out
