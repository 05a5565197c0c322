"""Every value of a sentence accounted for: compared with a claim, the time scope of a figure,
or reported as not covered.

A sentence is consistent only when nothing in it is contradicted or left unchecked: "The summit
took place in Beijing on 8 June 2017" must not pass on its place alone while its date goes
unread. A value counts as checked when a matched fact compared it, when it is the time scope
of a figure that the sentence makes so ("In 2019, ...", "... in 2016", "the 1993 census"), or
when the matched claim's own source words state the same value (the source says "rose 1.9
percent over the last 12 months", so "12 months" is the claim's, not a fact of its own).
"""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.common.text import STOPWORDS, normal, words
from verifier.judging.comparable import elsewhere, is_reference, opposite_ways
from verifier.judging.group_match import Fact
from verifier.judging.kinds import baseline_checked
from verifier.matching.index import Index
from verifier.models import Claim, DateValue, QuantityValue, RankValue
from verifier.parsing.baselines import BASELINE_DATE
from verifier.parsing.dates import find_dates
from verifier.parsing.partitives import partitive_property
from verifier.parsing.periods import is_window_count, window_of
from verifier.parsing.quantities import Mention, find_values
from verifier.parsing.statements import Statement, own_date
from verifier.parsing.tolerance import compare
from verifier.parsing.yearless import (
    date_cue_before,
    holds_in,
    is_weekday,
    month_time,
    states_yearless,
    yearless_dates,
)

# A date scopes a figure where the sentence says so: "In 2019, ...", "... as of March 2019",
# "by 2024", "during 2022", "the 1993 census". "On 8 June 2017" dates an event, not a figure.
_SCOPE_BEFORE = re.compile(
    r"(?i:\b(?:in|as of|by|during|for|through|throughout|at the end of|until|ending|ended|to|at)\s+"
    r"(?:the\s+)?"
    r"(?:(?:first|second|third|fourth|last|final)\s+(?:quarter|half)\s+of\s+)?)$"
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_PERIOD_WORD = re.compile(r"(?i:between|from)\b")
_PERIOD_BEFORE = re.compile(r"(?i:\b(?:between|from)\s+)$")  # "From July to September 2023, ..."
# "the 1993 census", "Aldmoor's 2018 poll": a year before the noun it dates
_THE_YEAR = re.compile(r"(?i:\b(?:the|its|their|our)\s+|\w['’]s\s+)$")
_NOUN_AFTER = re.compile(r"\s+[a-z]+")
# A real superlative is a value of its own; "leads to" and "leading" alone are not ranks worth a finding.
_SUPERLATIVE = re.compile(
    r"(?i:\b(?:most|largest|biggest|highest|greatest|least|lowest|smallest|top|number one)\b)"
)


def used_spans(facts: list[Fact]) -> set[tuple[int, int]]:
    return {r.span for fact in facts for r in fact.results.values() if r.span}


def _is_figure(fact: Fact, index: Index) -> bool:
    return isinstance(index.claims[index.groups[fact.key][0]].value, QuantityValue | RankValue)


def _scope_phrased(stmt: Statement, m: Mention) -> bool:
    before = stmt.text[max(0, m.start - 40) : m.start]
    if BASELINE_DATE.search(before):
        return False  # "seven points more than in 2024": the baseline's year, not the figure's
    if date_cue_before(stmt.text, m.start, events_only=True):
        return False  # "the £14 million clinic opened in 2024": the opening's date, not the cost's time
    if m.value.end and (_PERIOD_WORD.match(stmt.text, m.start) or _PERIOD_BEFORE.search(before)):
        return True  # "Between July 2015 and July 2016, ...", "from 2010 to 2015": a period by its words
    return bool(_SCOPE_BEFORE.search(before)) or bool(
        _THE_YEAR.search(before) and len(m.value.date) == 4 and _NOUN_AFTER.match(stmt.text, m.end)
    )


def scopes_before_dates(stmt: Statement, facts: list[Fact], index: Index, threshold: float) -> list[Fact]:
    """A date worded as the time of a figure ("In July 2012 the change was 1.4 percent") scopes
    that figure; it is not matched to a date fact that the sentence's words barely name."""
    if not any(_is_figure(f, index) for f in facts):
        return facts
    spans = {(m.start, m.end): m for m in stmt.values if isinstance(m.value, DateValue)}
    # "fell to 84,730 at the end of September 2026": the figure's own date, whatever date fact shares words
    owned = {(d.start, d.end) for f in facts if _is_figure(f, index)
             for r in f.results.values() if r.span and (d := own_date(stmt, r.span[1])) is not None}

    def steals_scope(fact: Fact) -> bool:
        if _is_figure(fact, index):
            return False
        taken = [spans.get(r.span) for r in fact.results.values()]
        if any(m is not None and (m.start, m.end) in owned for m in taken):
            return True
        return fact.score < threshold and any(m is not None and _scope_phrased(stmt, m) for m in taken)

    return [f for f in facts if not steals_scope(f)]


def time_scope(stmt: Statement, fact: Fact, index: Index, used: set[tuple[int, int]]) -> Mention | None:
    """The date the sentence gives a figure ("In 2020 Jiangsu had ..."): not a value of its own."""
    if not _is_figure(fact, index):
        return None
    spans = [r.span for r in fact.results.values() if r.span]
    if spans and (own := own_date(stmt, spans[0][1], used)) is not None \
            and not date_cue_before(stmt.text, own.start, events_only=True):
        return own  # "0.9% in 2024, after 0.4% in 2023": each figure's own year, not "a deal signed on" it
    # "compared with 31% in 2024": the date of another figure of the sentence is not this one's time
    others = {(d.start, d.end) for q in stmt.values if isinstance(q.value, QuantityValue)
              and (d := own_date(stmt, q.end)) is not None}
    for m in stmt.values:
        if isinstance(m.value, DateValue) and (m.start, m.end) not in used | others:
            if _scope_phrased(stmt, m):
                return m
    return None


def uncovered(
    stmt: Statement, facts: list[Fact], scopes: list[Mention], index: Index, cited: str = ""
) -> list[str]:
    """The wording of each value of the sentence that nothing checked, in sentence order.
    `cited`: who the matched claims' sources are (title, publisher): "The European Commission
    approved ..." names the source's own publisher, which the source speaks for."""
    used = used_spans(facts) | {(m.start, m.end) for m in scopes}
    # the words of a scope are checked with it ("12" in "the 12 months to August 2012")
    used |= {(m.start, m.end) for m in stmt.values for s in scopes if s.start <= m.start and m.end <= s.end}
    claims = [index.claims[i] for fact in facts for i in fact.results]
    stated = " | ".join(normal(r.stated) for fact in facts for r in fact.results.values())
    # only the subjects a matched fact is about: "won for the Ratepayers' League" names a subject of
    # the ledger, but no fact of it was compared, so the party is no more checked than any name
    subjects = _subject_names(stmt, {fact.key[0] for fact in facts})
    left: list[tuple[int, str]] = []
    # a value the sentence says twice is said by the source's words only as often as they say it: "fell
    # 12% ... after the quota was cut by 12%" against "fell 12% ... cut by 20%" leaves the second
    said = [m.value for m in stmt.values if (m.start, m.end) in used]
    for m in stmt.values:
        if (m.start, m.end) in used or is_reference(stmt, m) or baseline_checked(stmt, m, claims):
            continue
        if _said_by(m, claims, stmt.text, sum(v == m.value for v in said)) \
                and partitive_property(stmt.text, m.end) is None:
            said.append(m.value)
            continue  # a count of those who did something is judged by that count, or not at all
        left.append((m.start, m.text))
    for p in stmt.places:
        name = normal(p.name)
        if name in _MONTHS:  # "in August." is a date without a year, not a place
            continue
        if (p.start, p.end) in used or any(name in s or s in name for s in subjects if s) or name in stated:
            continue
        if not any(name in text for text in map(_claim_text, claims)) \
                and not _publishers_place(name, cited, claims):
            left.append((p.start, p.name))
    for start, name in _names(stmt):
        if not any(start <= p.start < start + len(name) or p.start <= start < p.end for p in stmt.places):
            if facts and not _named_by(name, [*subjects, normal(cited)], stated, claims):
                left.append((start, name))
    # a figure's month is stated only where every figure's agreeing claim states it: "3.2 percent in
    # August, up from the July figure of 2.8 percent" states August of 3.2, not of 2.8
    agreeing = [[index.claims[i] for i, r in fact.results.items() if r.agree is not False]
                for fact in facts if _is_figure(fact, index)]
    left += _yearless_left(stmt, claims, agreeing, used)
    left += _relations_left(stmt, claims, used)
    left += _impossible_dates(stmt.text)
    for r in stmt.ranks:
        wording = stmt.text[r.start : r.end]
        at_least = re.search(r"(?i:\bat\s+)$", stmt.text[: r.start]) and wording.lower() == "least"
        real = _SUPERLATIVE.search(wording) and not at_least
        if (r.start, r.end) not in used and real and not _rank_said_by(claims):
            left.append((r.start, wording))
    return [text for _, text in sorted(left)]


# A run of capitalised words that is not the sentence's first word: a name ("Slovak", "Tampa").
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")
_NOT_NAMES = frozenset(
    "i a an the this that these those it its in on at of by for and or but from to as with".split()
) | _MONTHS | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


# Words a sentence often opens with that name nothing: the first word is a name only otherwise
# ("Sweden recorded the highest increase", "Japan's GDP grew": names; "Among ...", "Only ...": not).
_STARTERS = STOPWORDS | frozenset(
    """among after before during while since although however only just also both each every all
    most many several more less over under overall total in on at by for from with without as if when
    where once today yesterday this last next first then thus meanwhile compared including despite
    we they he she you i our their his her my your no not one two three four five six seven eight
    nine ten what how why who""".split()
)
_FIRST = re.compile(r"^\W*([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)")


_AFTER_ARTICLE = re.compile(r"^\W*(?:A|An|The)\s+([A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)")


def _names(stmt: Statement) -> list[tuple[int, str]]:
    """Names the sentence states beyond its subjects: each is a value to check."""
    return [(start, stmt.text[start:end]) for start, end in _name_spans(stmt.text, stmt.values)]


def _name_spans(text: str, values: list[Mention] | None = None) -> list[tuple[int, int]]:
    """Where `text` names something: its capitalised runs, the first word only if no mere opener."""
    found = [m.span(1) for m in _FIRST.finditer(text) if words(m.group(1))[:1] != []
             and words(m.group(1))[0] not in _STARTERS]
    found += [m.span() for m in _NAME.finditer(text)]
    values = find_values(text) if values is None else values
    return [(s, e) for s, e in found
            if normal(text[s:e]) not in _NOT_NAMES and not any(v.start <= s < v.end for v in values)]


def _named_by(name: str, subjects: list[str], stated: str, claims: list[Claim]) -> bool:
    """Every word of the name is a word of a subject, of a compared wording or of a matched claim."""
    known = set(stated.split()) | {w for s in subjects for w in s.split()}
    for claim in claims:
        known |= set(_claim_text(claim).split())
    return all(w in known or w.rstrip("s") in known for w in words(name))


def names_all(stmt: Statement, claim: Claim) -> bool:
    """Whether the claim's words name every name and place the sentence states: a claim found by
    its words alone must be about what the sentence names ("Germany's GDP" is no euro-area claim)."""
    text = _claim_text(claim)
    if any(normal(p.name) not in text for p in stmt.places):
        return False
    named = _names(stmt)
    # "Inflation in Veltria rose to 6.2%" against "Inflation in Ostmark, Veltria's largest trading
    # partner, rose to 6.2%": the claim's words name Veltria, but its figure is Ostmark's
    own = {w for n in claim.subject.names() for w in words(n)}
    if (stmt.places or named) and claim.subject.name[:1].isupper() and not own & set(words(stmt.text)):
        return False
    return all(_named_by(name, [], "", [claim]) for _, name in named)


def speaks_of_another(stmt: Statement, left: list[str]) -> str | None:
    """An unchecked name in the subject's place ("Japan's GDP ...", "Sweden recorded ..."): the
    sentence is about something the ledger does not cover, and the facts found through another
    name it holds are look-alikes."""
    first = _FIRST.match(stmt.text)
    after_article = _AFTER_ARTICLE.match(stmt.text)
    subjects = [s for s in _subject_names(stmt) if s]
    for name in left:
        name = re.sub(r"['’]s$", "", name)  # "Kelsby's maternity unit": Kelsby's
        if re.match(r"\W*" + re.escape(name) + r"['’]s\b", stmt.text):
            return name  # "Kelsby's unit delivered ...": Kelsby's figure, and no fact of Kelsby's was found
        if any(s in normal(name) or normal(name) in s for s in subjects):
            # "The Danish Harbour Wind Farm": the subject itself, with a word more; "The President":
            # a subject the ledger holds, though no fact of it was matched: not an unknown one
            continue
        if (first and first.group(1) == name) or (after_article and after_article.group(1) == name):
            return name
        if re.search(re.escape(name) + r"['’]s\b", stmt.text) or _opening_of(stmt.text, name):
            return name  # "Japan's GDP ...", "Guests from France spent ...": another's figure
    return None


# a sentence's opening noun phrase, up to a name it is of: "Guests from ", "Sales of timber in "
_OPENING_OF = re.compile(r"^\W*(?:(?:The|A|An)\s+)?(?P<noun>[A-Z]?[a-z][\w-]*)(?:\s+[a-z][\w-]*){0,3}?"
                         r"\s+(?:from|in|to|at|of)\s+(?:the\s+)?")
_OPENERS = {w.lower() for w in lexicon().openers} | STOPWORDS


def _opening_of(text: str, name: str) -> bool:
    """Whether the sentence opens with a noun phrase of `name` ("Guests from France spent ..."), not
    with a time or an opener ("As of November 2023, ...")."""
    found = _OPENING_OF.match(text)
    return found is not None and found["noun"].lower() not in _OPENERS \
        and text.startswith(name, found.end()) and not find_dates(name)


# "were below the national figure of 61%": how something compares with a checked figure
_GAPS = lexicon().alternation("relation_words")
_RELATION_BEFORE = re.compile(rf"(?i:\b(?P<way>{_GAPS})\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){{0,3}}?"
                              r"(?:of\s+)?)$")


def _relations_left(stmt: Statement, claims: list[Claim],
                    used: set[tuple[int, int]]) -> list[tuple[int, str]]:
    """A checked figure that the sentence says something is below or above ("Millbrook's results were
    below the national figure of 61%"): the figure is the reference's, and the relation is checked
    only where a matched claim's own words state it the same way."""
    out = []
    for m in stmt.values:
        found = _RELATION_BEFORE.search(stmt.text, max(0, m.start - 50), m.start)
        if (m.start, m.end) not in used or not isinstance(m.value, QuantityValue) or found is None:
            continue
        way = re.compile(rf"(?i:\b{re.escape(found['way'])}\b)")
        if not any(way.search(c.source.quote) for c in claims):
            out.append((found.start("way"), found["way"]))
    return out


def _publishers_place(name: str, cited: str, claims: list[Claim]) -> bool:
    """ "Inflation in Veltria fell to 3.1%" from the Central Bank of Veltria, whose claim names no
    place: the place the source's publisher or title is of. Not where the claim names a place of
    its own ("Marnham Town Council approved ..." in the Tollard Evening Post is no figure of Tollard)."""
    if not claims or not re.search(rf"\b{re.escape(name)}\b", normal(cited)):
        return False
    return not any(c.subject.type == "place" or any(e.role == "place" for e in c.entities)
                   or any(m.group().lower() not in _NOT_NAMES and not _in_words(m.group(), cited)
                          for m in _NAME.finditer(c.statement[1:]))  # "the Bank's 2% target": its own
                   for c in claims)


def _in_words(name: str, text: str) -> bool:
    return set(words(name)) <= set(words(text))


def _subject_names(stmt: Statement, keys: set[str] | None = None) -> list[str]:
    """The sentence's wording of the ledger subjects it names (of those with `keys`, if given)."""
    toks = words(stmt.text)
    return [" ".join(toks[h.start : h.end]) for h in stmt.subjects
            if not stmt.carried_subject and (keys is None or h.key in keys)]


def _same_measure(stated, claimed) -> bool:
    """Two figures in the same currency or unit: a sentence's figure the claim's words also give
    ("borrowed €3.8 billion" beside revenue "from €3.8 billion") is no detail of the claim then."""
    return isinstance(stated, QuantityValue) and isinstance(claimed, QuantityValue) \
        and (stated.currency or stated.unit) is not None \
        and (stated.currency, stated.unit) == (claimed.currency, claimed.unit)


def _said_by(m: Mention, claims: list[Claim], sentence: str, taken: int = 0) -> bool:
    """The matched claim's own source words state this value too (for what the sentence names:
    not "6 percent in the Keld Sea" for a sentence that names no sea; and the same way: "imports
    fell 3%" does not state the sentence's "imports rose 3%"), more often than the sentence's
    other mentions of it already `taken` up."""
    for claim in claims:
        if _same_measure(m.value, claim.value):
            continue  # "€3.8 billion" beside a group of euro figures is one of them: judged, or uncovered
        # a date's or a name's claim speaks for its own quote only: its sentence's figures are others'
        # ("rose 4% and 7%, respectively, in 2025": the year's claim says nothing of the 4%)
        texts = (claim.source.quote, claim.statement) if isinstance(claim.value, QuantityValue) \
            else (claim.source.quote,)
        for text in texts:
            times = sum(1 for v in _values_of(text)
                        if type(v) is type(m.value) and compare(m.value, v).implied
                        and compare(v, m.value).implied and not elsewhere(sentence, text, v)
                        and not opposite_ways(sentence, m, text, v))
            if times > taken:
                return True
    return False


def _yearless_left(stmt: Statement, claims: list[Claim], agreeing: list[list[Claim]],
                   used: set[tuple[int, int]]) -> list[tuple[int, str]]:
    """The months and weekdays without a year that nothing checked: "opened in June" has no date
    value, but a month the source must state as well; "rose 9 percent in August" is said of each
    figure of the sentence (`agreeing`: the claims that agree with each), "opened in June" of no
    figure. Next to "last year" or "a year ago" a month is another year's: never covered."""
    left = []
    other_year = _ANOTHER_YEAR.search(stmt.text) is not None
    for start, end, date in yearless_dates(stmt.text):
        wording = stmt.text[start:end].rstrip(".")
        if any(s <= start and end <= e for s, e in used):
            continue  # the time a figure was judged at
        own_time = not date_cue_before(stmt.text, start, events_only=True) and not is_weekday(wording)
        if own_time:
            covered = bool(agreeing) and not other_year and all(
                any(states_yearless(c.source.quote, wording, date) or holds_in(c, date) for c in claims_of)
                for claims_of in agreeing)
        else:
            covered = any(states_yearless(claim.source.quote, wording, date) for claim in claims)
        if not covered:
            left.append((start, wording))
    return left


# "in July last year", "a year ago", "last July", "of the previous year"
_ANOTHER_YEAR = re.compile(rf"(?i:\b(?:last|previous|prior|preceding|next)\s+(?:year|{'|'.join(_MONTHS)})\b"
                           r"|\bago\b|\byear\s+(?:earlier|before)\b)")


def windowed(stmt: Statement, scope: Mention) -> Mention:
    """The scope a date gives as the end of a window ("in the 12 months to August 2012"): the whole
    window, its words ("12 months") checked with it, its value the period it covers."""
    found = window_of(stmt.text, scope.start, scope.value)
    if found is None:
        return scope
    start, period = found
    return Mention(start, scope.end, stmt.text[start:scope.end], period)


# words that put a year-less month in another year than the source's ("in July last year"), or make
# a figure of the sentence a baseline whose month it may be ("up from 2.8 percent in July")
_OTHER_TIME = re.compile(r"(?i:\b(?:last|ago|previous|prior|earlier|next|before|since|from|against|than"
                         r"|compared|versus|after|when|while)\b|;)")


@lru_cache(maxsize=4096)
def _impossible_dates(text: str) -> list[tuple[int, str]]:
    """A date written with its year that is no day of the calendar ("on 31 April 2023"): nothing can
    check it, so it is always left over, never dropped."""
    if not _FOUR_DIGITS.search(text):
        return []
    return [(s, text[s:e]) for s, e, v in find_dates(text) if v is None and _FOUR_DIGITS.search(text, s, e)]


_FOUR_DIGITS = re.compile(r"\d{4}")


def figure_month(stmt: Statement, fact: Fact, index: Index) -> tuple[int, int, DateValue] | None:
    """The one year-less month a sentence gives as its one figure's time ("was 2.8 percent in
    July"), as yearless_dates reads it: none where the sentence names two, a day, a weekday, an
    event's date ("opened in June"), another figure, a baseline or a relative time ("in July last
    year"), nor where no figure of the group is of a month (the publication's day says when the
    source spoke, not which month its figure is of)."""
    if not _is_figure(fact, index) or _OTHER_TIME.search(stmt.text):
        return None
    figures = [q for q in stmt.values
               if isinstance(q.value, QuantityValue) and not is_window_count(stmt.text, q.end)]
    if len(figures) != 1:
        return None
    found = [(s, e, v) for s, e, v in yearless_dates(stmt.text)
             if not is_weekday(stmt.text[s:e]) and not date_cue_before(stmt.text, s, events_only=True)]
    if len(found) != 1 or len(found[0][2].date) != 7 or found[0][2].end:
        return None  # a day ("on 14 May") or two months are no month of a figure
    if not any(month_time(index.claims[i]) for i in index.groups[fact.key]):
        return None
    return found[0]


def month_scope(stmt: Statement, month: tuple[int, int, DateValue], published: str | None) -> Mention | None:
    """The figure_month read in the year of the matched claims' source, as a draft is read beside
    its source; "in December" beside a source of January is the December before."""
    if not published:
        return None
    start, end, date = month
    year = int(published[:4])
    when = f"{year:04d}{date.date[4:]}"
    if when > published[:7]:
        when = f"{year - 1:04d}{date.date[4:]}"
    return Mention(start, end, stmt.text[start:end], DateValue(date=when))


def _rank_said_by(claims: list[Claim]) -> bool:
    return any(isinstance(c.value, RankValue) for c in claims)


@lru_cache(maxsize=8192)
def _values_of(text: str) -> list:
    return [m.value for m in find_values(text)]


def _claim_text(claim: Claim) -> str:
    names = [*claim.subject.names(), *getattr(claim.value, "aliases", [])]
    named = [getattr(claim.value, "name", ""), getattr(claim.value, "role", "") or ""]
    quote, v = claim.source.quote, claim.value
    measure = (v.unit, v.currency, v.noun) if isinstance(v, QuantityValue) else None
    return _normal_joined((_own_sentence(claim.statement, quote, measure), quote, *names, *named))


@lru_cache(maxsize=16384)
def _own_sentence(sentence: str, quote: str, measure: tuple | None) -> str:
    """The claim's sentence without the names that belong to another figure of its kind: in "the
    busiest route was X, with 612,000 passengers, followed by Y (548,000)", Y is nearer the 548,000
    than the claim's own words, so a draft giving Y the 612,000 is not confirmed by naming Y. The
    names before the sentence's first figure are every figure's ("Members in A and B paid €1,090
    and €1,231, respectively"); a figure of another kind ("12 clinics in A, B and C, the three
    districts") is no rival."""
    lo = sentence.find(quote)
    if lo < 0 or measure is None:
        return sentence
    hi = lo + len(quote)
    values = find_values(sentence)
    figures = [m for m in values if isinstance(m.value, QuantityValue)]
    others = [(m.start, m.end) for m in figures
              if (m.end <= lo or m.start >= hi) and _rival(m.value, measure)]
    if not others:
        return sentence
    first = figures[0].start
    out = sentence
    for start, end in reversed(_name_spans(sentence, values)):
        mine = _gap((start, end), (lo, hi))
        if start > first and mine and any(_gap((start, end), other) < mine for other in others):
            out = out[:start] + " " * (end - start) + out[end:]
    return out


def _rival(value: QuantityValue, measure: tuple) -> bool:
    """A figure of the same measure as the claim's (unit, currency, noun): another item of its list."""
    unit, currency, noun = measure
    same_noun = None in (noun, value.noun) or noun == value.noun
    return (value.unit, value.currency) == (unit, currency) and same_noun


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


@lru_cache(maxsize=16384)
def _normal_joined(parts: tuple[str, ...]) -> str:  # a claim's words, asked of every sentence it matches
    return normal(" ".join(parts))
