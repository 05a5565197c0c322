"""A sentence's figures, dates and ranks → facts: which property each states, when it holds, and
which numbers state nothing at all.

extract reads who each fact is *of* (verifier/grammar.py); this module reads *what* it is: the
cue nearest a value ("population", "opened"), the change a verb makes ("rose 2%", with its
baseline), the figures compared or coordinated with one another, the time scope a sentence gives
("In 2019, ...", "in the fourth quarter of 2024"), and the numbers that are labels, citations,
windows or denominators rather than facts. The cue words come from the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from verifier.common.lexicon import lexicon
from verifier.extraction import names
from verifier.extraction.figure_times import (
    DATE_CUES,
    TIME_UNIT,
    YEAR_EARLIER_FIRST,
    apposed_change,
    figure_dates,
    is_baseline,
    relative_time,
)
from verifier.extraction.patterns import Fact
from verifier.extraction.properties import CHANGE_BEFORE, GENERIC_PROPS, after_previous, ends, value_property
from verifier.models import DateValue, Period, QuantityValue, RankValue
from verifier.parsing.baselines import baselines
from verifier.parsing.dates import FIGURE_NOUNS, YEAR_EARLIER, year_before
from verifier.parsing.periods import is_window_count, window_period
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import RankMention
from verifier.parsing.yearless import date_cue_before

_LEX = lexicon()
_DIGIT = re.compile(r"\d")


def value_facts(sentence: str, mentions: list[Mention]) -> Iterator[Fact]:
    props = _value_properties(sentence, mentions)
    mentions, props = _counted(sentence, mentions, props)
    period = next((Period(start=m.value.date, end=m.value.end) for m, p in zip(mentions, props, strict=True)
                   if isinstance(m.value, DateValue) and m.value.end and p == "data_period"), None)
    dates = figure_dates(sentence, mentions, props)
    scopes = _time_scopes(sentence, mentions)
    scope = _when(sentence, scopes)
    figures = any(isinstance(m.value, QuantityValue) for m in mentions)
    last_own = None  # the own date of the sentence's figure before, for "a year earlier"
    for i, (m, prop) in enumerate(zip(mentions, props, strict=True)):
        if m in scopes:
            continue  # "In the third quarter of 2024, ...": when the figures hold, no fact of its own
        if i in dates or isinstance(m.value, DateValue) and len(m.text) == 4 \
                and re.match(r"\s+[A-Z](?!\w*\s+\d)", sentence[m.end:]):
            continue  # the date of a figure; "the 2016 US-China Summit": a year that is part of a name
        if _no_fact(sentence, m) or figures and _month_alone(sentence, m):
            continue  # "rose 2% in July", "the 2.1% figure in July": a month alone is the figures' time
        when = next((mentions[d] for d, q in dates.items() if q == i), None)  # the figure's own date
        lo, hi = names.clause(sentence, m.start, when.end if when else m.end)
        quantity = isinstance(m.value, QuantityValue)
        time = when or scope  # the date a window ends stands for the window ("the 12 months to August")
        own = (window_period(sentence, time.start, time.value) or time.value) if time else None
        if quantity and when is None:
            own = relative_time(sentence, mentions, i, own, last_own)
        elif quantity and when.start < m.start and own \
                and (YEAR_EARLIER.match(sentence, m.end) or YEAR_EARLIER_FIRST.match(sentence)):
            own = year_before(own)  # "down from the July figure of 3.4 percent a year earlier"
        if quantity and not is_baseline(sentence, mentions, i):
            last_own = own  # the time a later baseline is before
        span = Period(start=own.date, end=own.end) if own and own.end else period
        # "up from €2.9 million" with no date of its own: an earlier figure, not one of the publication day
        baseline = quantity and own is None and (is_baseline(sentence, mentions, i)
                                                 or YEAR_EARLIER.match(sentence, m.end) is not None)
        yield Fact(lo, hi, prop, m.value, period=span if quantity else None,
                   as_of=own.date if own and not own.end else None, dated=quantity and not baseline,
                   anchor=(m.start, m.end))


def _month_alone(sentence: str, m: Mention) -> bool:
    """A month without a day or a year that no date cue governs ("peaking in August" is the peak's)."""
    return isinstance(m.value, DateValue) and not _DIGIT.search(m.text) \
        and not date_cue_before(sentence, m.start)


def reference_period(sentence: str, mentions: list[Mention]) -> Period | None:
    """The period a sentence sets for its figures ("In the fourth quarter of 2024, GDP rose ..."):
    a statistical release states it once, and the changes after it are over that period."""
    first = getattr(_when(sentence, _time_scopes(sentence, mentions)), "value", None)
    return Period(start=first.date, end=first.end) if first is not None and first.end else None


def is_change(sentence: str, fact: Fact) -> bool:
    """A figure that is a change ("+1.6%", "rose by 2%", a property named a change or growth):
    a change is always over some period, stated or not."""
    if not isinstance(fact.value, QuantityValue) or fact.anchor is None:
        return False
    lo = fact.anchor[0]
    return bool(re.search(r"change|growth|increase|decrease|decline", fact.prop)
                or re.match(r"\(?[+−–-]\s*\d", sentence[max(0, lo - 1):lo + 2].lstrip("( "))
                or CHANGE_BEFORE.search(sentence, 0, lo))


_FRONTED = re.compile(r"\s*(?:In|During|For|Over|Through|Throughout|As of|At the end of|By the end of"
                      r"|Since)\b"
                      r"[^,;]{0,60}$")


def _time_scopes(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Dates that say when, not what: one that opens the sentence ("In 2019, ...", "During May–June
    2022, ...") or names a quarter is when its figures hold (the first is their scope); in a
    sentence without figures or an event verb, a date after "in", "during", "over" sets the scene
    ("In the 1990s, most poor people lived ...", "Components evolved in the fourth quarter");
    "reported today", "said on Thursday" date the report; "compared to today" is a baseline."""
    figures = any(isinstance(m.value, QuantityValue) for m in mentions)
    event = any(rx.search(sentence) for rx in DATE_CUES) or re.search(r"\bbec[oa]me\b", sentence)
    out = []
    for m in mentions:
        if not isinstance(m.value, DateValue):
            continue
        before = sentence[:m.start]
        # "In 2019, ...", and without its comma where the date follows the opening word itself
        # ("In 2023 freight was 2.9 million tonnes")
        fronted = (not before.strip() or _FRONTED.fullmatch(sentence, 0, m.start)) \
            and (re.match(r"[^,;]{0,30},", sentence[m.end:])
                 or re.fullmatch(r"\s*(?:In|During|For|Over|Throughout)\s+(?:the\s+)?", before)
                 and re.match(r"\s+[A-Za-z]", sentence[m.end:]) is not None)
        quarter = figures and re.search(r"\bquarter\b|^Q[1-4]", m.text)
        scene = not figures and not event \
            and re.search(r"\b(?:in|during|over|throughout)\s+(?:the\s+)?$", before)
        aside = _aside(sentence, m)
        if fronted and (figures or not event) or quarter or scene or aside:
            out.append(m)
    return out


def _aside(sentence: str, m: Mention) -> bool:
    """ "said on Thursday", "than this year": a date of the report or of a baseline, which is no fact
    of its own and no time of the sentence's figures either."""
    before = sentence[:m.start]
    # "up 12% on 2024": a year after "on" is no day an event falls on, but what a change is on
    on_year = re.fullmatch(r"(?:FY)?\d{4}", m.text) and re.search(r"\bon\s+$", before)
    return bool(_REPORTED_WHEN.search(before) or _BASELINE.search(before) or on_year)


def _when(sentence: str, scopes: list[Mention]) -> Mention | None:
    """The time the sentence's figures hold: its first scope that is no aside."""
    return next((m for m in scopes if not _aside(sentence, m)), None)


_REPORTED_WHEN = re.compile(r"\b(?:said|says|reported|stated|noted|added|told\s+\w+)\s+(?:on\s+)?$")
# "than in 2023", "than in the same quarter of 2024", "up 4% on the same month of 2023": a baseline
# "below its level in the third quarter of 2024": a baseline too
# "than in the same period of 2025": the span of a baseline that the date does not name itself
_SPAN = r"(?:(?:period|time|stage|point|season|months?|weeks?|days?)\s+(?:of|in)\s+)?"
_BASELINE = re.compile(rf"\b(?:(?:compared\s+(?:to|with)|than|versus|vs\.?)\s+(?:in\s+|on\s+|during\s+)?"
                       rf"(?:the\s+(?:same\s+)?)?{_SPAN}|on\s+the\s+same\s+{_SPAN}"
                       r"|(?:below|above|than|from|on)\s+(?:its|their|the)\s+(?:level|figure|rate|total)\s+in\s+(?:the\s+)?)$")


_CITATION = re.compile(r"\(\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\)")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
# "the 12-month change", "the 30-day average": the window of a measure; "a five-year project" lasts
# five years, a fact.
_LABEL_AFTER = re.compile(rf"-{TIME_UNIT}\s+(?P<noun>[a-z]+)")
_WINDOW_BEFORE = re.compile(r"\b(?:last|past|previous|next|coming|first)\s+$", re.IGNORECASE)
_DENOMINATOR = re.compile(r"\bper\s+$")
_THE = re.compile(r"(?i:\bthe\s+)$")


_LABELLED = re.compile(rf"(?<![\w.])(?:{_LEX.alternation('label_nouns')})\s*$")
_RANK_WINDOW = re.compile(r"\b(?:highest|lowest|largest|smallest|biggest|most|least|best|worst|first)\b"
                          r"[^;]{0,40}\bin\s+(?:at\s+least\s+|more\s+than\s+|over\s+|the\s+(?:past|last)\s+)?$")


def _no_fact(sentence: str, m: Mention) -> bool:
    """Numbers that state nothing: a citation "(3,4)", the denominator in "cases per 100,000
    population", the label in "the 12-month change", the window of "over the last 12 months"."""
    if not isinstance(m.value, QuantityValue):
        return False
    plain = not (m.value.unit or m.value.currency)
    cited = (_CITATION.fullmatch(sentence, max(0, m.start - 1), min(len(sentence), m.end + 1))
             or (m.start and sentence[m.start - 1] == "(" and _CITATION.match(sentence, m.start - 1))) \
        and not _GROUPED.fullmatch(m.text)  # "(388,100)": a number in thousands, no citation of two
    if plain and ends(_LABELLED, sentence, m.start, 24):
        return True  # "Order 522", "p. 44": a number that names a thing
    if plain and ends(_RANK_WINDOW, sentence, m.start, 120) \
            and re.match(rf"\s+{TIME_UNIT}s?\b", sentence[m.end:]):
        return True  # "the highest price in at least five years": the window of a rank
    return bool(plain and cited or plain and ends(_DENOMINATOR, sentence, m.start, 12)
                or plain and (w := _LABEL_AFTER.match(sentence, m.end)) is not None
                and _LEX.is_measure(w["noun"])
                or plain and ends(_THE, sentence, m.start, 8) and is_window_count(sentence, m.end)
                or plain and ends(_WINDOW_BEFORE, sentence, m.start, 24)
                and re.match(rf"\s+{TIME_UNIT}s\b", sentence[m.end:]) is not None)


# "the number of households on the register rose to 7,950", "Recorded crimes fell to 18,240": what a
# bare figure counts, named before it
_PART_OF = re.compile(r"\s*(?:Of|Among)\s+(?:these|them|those|whom|which)\b")
_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?P<noun>(?:[a-z-]+\s+)??[a-z-]+s)\b")
_COUNT_NOUN = re.compile(rf"(?i:\b(?P<noun>{'|'.join(sorted(_LEX.count_nouns))})\b)")


def _counted(sentence: str, mentions: list[Mention], props: list[str]) -> tuple[list[Mention], list[str]]:
    """The figures with the noun of what they count where only the words before them name it, so
    that no count of other things is compared with them; their property names it too."""
    out, names_ = list(mentions), list(props)
    for i, m in enumerate(mentions):
        v = m.value
        if not isinstance(v, QuantityValue) or v.noun or v.unit or v.currency:
            continue
        lo = after_previous(mentions, m)
        said = [*_NUMBER_OF.finditer(sentence, lo, m.start)] \
            or [*_COUNT_NOUN.finditer(sentence, lo, m.start)][:1]
        if not said:
            continue
        noun = said[-1]["noun"].lower()
        out[i] = replace(m, value=v.model_copy(update={"noun": noun}))
        if props[i] in GENERIC_PROPS:
            names_[i] = f"number_of_{names.snake(noun)}"
    if _PART_OF.match(sentence):  # "Of these, 1,240 households were ...": a part, never the whole's figure
        for i, m in enumerate(out):
            if isinstance(m.value, QuantityValue) and m.start < 40:
                names_[i] = f"{names_[i]}_of_them"
    return out, names_


def compared_with(before: list, value) -> int:
    """Which of the figure values `before` (in order) a baseline `value` is compared with: the last,
    past a duration that only says what is counted ("1,127 patients waited more than 12 hours, down
    from 1,486": the patients, not the hours), and past a percentage when the baseline is none ("1.87
    million passengers, up 4.5% from 1.79 million": the passengers)."""
    if is_duration(value):
        return len(before) - 1
    last = [j for j in reversed(range(len(before))) if not is_duration(before[j])]
    fallback = last[0] if last else len(before) - 1
    return next((j for j in last if _percent(before[j]) == _percent(value)), fallback)


def _percent(value) -> str | None:
    """Which of a percentage and a change in percentage points a figure is, if either."""
    return value.unit if isinstance(value, QuantityValue) and value.unit in ("percent", "percentage points") \
        else None


def is_duration(value) -> bool:
    return isinstance(value, QuantityValue) and (value.noun or "") in _LEX.time_nouns


def _counts_things(value: QuantityValue) -> bool:
    """A count of things named by its noun ("19 wards"), which no share or sum after it is a figure of."""
    return bool(value.noun) and not _measured(value)


def _measured(value: QuantityValue) -> bool:
    return bool(value.unit or value.currency)


def _value_properties(sentence: str, mentions: list[Mention]) -> list[str]:
    """Each value's property. "8.4% in 2022, up from 6.1%": the figure compared with is of the same;
    "rose by 0.2% in A and by 0.4% in B": a figure coordinated with one before it too. A change
    names its baseline where the sentence gives one ("compared with the previous quarter"), so that
    a quarter-on-quarter and a year-on-year change never share a group."""
    props = [value_property(sentence, m, mentions) for m in mentions]
    for i in range(1, len(mentions)):
        q = [j for j in range(i) if isinstance(mentions[j].value, QuantityValue)
             and not _no_fact(sentence, mentions[j])]  # "for the 12 months ending August" is no figure
        if not q or not isinstance(mentions[i].value, QuantityValue):
            continue
        if props[i] in (*GENERIC_PROPS, mentions[i].value.unit) \
                and (k := apposed_change(sentence, mentions, i)) is not None \
                and _named(props[k], mentions[k].value):
            props[i] = _change_of(props[k], mentions[k].value)  # "3,120 meters, 12% more than in 2024"
            continue
        if _counts_things(mentions[q[-1]].value) and _measured(mentions[i].value):
            continue  # "across its 19 wards, from 24.1% in A to 52.7% in B": a count is no share
        # "... and 400 teachers" keeps its own property
        generic = props[i] in GENERIC_PROPS and not mentions[i].value.noun
        peer = q[compared_with([mentions[j].value for j in q], mentions[i].value)]
        if ends(_COMPARED, sentence, mentions[i].start, 48) \
                and not (is_duration(mentions[peer].value) and _bare(mentions[i].value)):
            # "from 11 to 19" after "running every 10 minutes": a count, no duration compared with
            props[i] = props[peer]
        elif _FROM_TO.fullmatch(sentence, mentions[q[-1]].end, mentions[i].start) \
                and ends(_FROM, sentence, mentions[q[-1]].start, 40) and _bare(mentions[q[-1]].value) \
                and mentions[i].value.noun and not _measured(mentions[i].value):
            props[q[-1]] = props[i]  # "fell from 118 to 109 posts": 118 posts too
        elif generic and _REACHED.fullmatch(sentence, mentions[q[-1]].end, mentions[i].start) \
                and props[q[-1]].endswith("_change") and props[q[-1]] != "change":
            props[i] = props[q[-1]].removesuffix("_change")  # "revenue rose by 7.3% to £68.4m": revenue
        elif generic and _COORDINATED.fullmatch(sentence, mentions[q[-1]].end, mentions[i].start) \
                or generic and _FROM_TO.fullmatch(sentence, mentions[q[-1]].end, mentions[i].start) \
                and ends(_FROM, sentence, mentions[q[-1]].start, 40):
            props[i] = props[q[-1]]
    found = list(baselines(sentence))
    return [p + "_vs_" + "_".join(words)
            if found and p.endswith("change") and (words := _baseline_of(found, mentions[i])) else p
            for i, p in enumerate(props)]


def _bare(value) -> bool:
    return isinstance(value, QuantityValue) and not (value.noun or _measured(value))


def _named(prop: str, value: QuantityValue) -> bool:
    """Whether a figure's property says what it is: a count's noun, or a property of its own words (not
    "share", "count" or a bare unit such as "per 100,000"), which a change beside it can be named by."""
    return bool(value.noun and not _measured(value)) or prop not in (*GENERIC_PROPS, value.unit) \
        and not prop.startswith("per ")


def _change_of(prop: str, value: QuantityValue) -> str:
    """The property of a change of a figure: of its count ("leaks_change", as "lost 120 residents" is
    "residents_change"), else of its property ("revenue_change")."""
    if value.noun and not _measured(value):
        return f"{names.snake(value.noun)}_change"
    return prop if prop.endswith("_change") else f"{prop}_change"


def _baseline_of(found: list[tuple[int, int, list[str]]], figure: Mention) -> list[str] | None:
    """The words of the baseline of a change figure among the sentence's `found` ones: the first
    stated after it ("rose 2.5% year-on-year, while imports rose 0.4% on the previous quarter"; "by
    0.2% in A and by 0.4% in B, compared with the previous quarter"), else the last before it
    ("Compared with a year earlier, ...")."""
    after = next((words for start, _, words in found if start >= figure.end), None)
    return after or next((words for _, stop, words in reversed(found) if stop <= figure.start), None)


_COMPARED = re.compile(r"(?:\b(?:up|down) from\s+|\bcompared (?:with|to)\s+|\bagainst\s+|\bafter\s+[+−-]?"
                       r"|\bfrom\s+(?:last year['’]s\s+|the\s+)?)"
                       rf"(?:the\s+\w+\s+(?:{FIGURE_NOUNS})\s+of\s+)?$")  # "the July figure of"
# "by 0.2% in the euro area and by 0.4% in the EU": the second figure is the same verb's
# "from €388.4 million in 2024 to €412.6 million": the figure a change reaches is of the same
_FROM = re.compile(r"\bfrom\s+$")
_REACHED = re.compile(r",?\s+to\s+")  # "up 7.3% to £68.4 million": the level the change reached
_FROM_TO = re.compile(r"(?:\s+(?:in|at|during)\s+[\w\s-]{1,20}?)?\s+to\s+")
_COORDINATED = re.compile(r"[^;.(),]{0,30}?\s+(?:and|or|while|but)\s+(?:(?:by|to|at|of)\s+)?[+−-]?")
def rank_facts(sentence: str, ranks: list[RankMention]) -> Iterator[Fact]:
    for r in ranks:
        before, after = sentence[: r.start], sentence[r.end:]
        if re.match(r"\s*(?:to\b|\d)", after) or _ONE_OF.search(before) or not _RANK_LEAD.search(before):
            continue  # "leading to", "the top 10", "one of the largest": no rank 1
        if r.rank < 1:
            continue  # "the lowest": a place counted from the end, which a claim's rank cannot hold
        if re.match(r"\s+since\b", after):
            continue  # "the largest since June 2009": a record, whose fact is the date
        lo, hi = names.clause(sentence, r.start, r.end)
        scope = sentence[r.start:hi].strip()
        words = [w for w in re.findall(r"[a-z]+", sentence[r.end:hi].lower())
                 if w not in _SCOPE_STOP][:3]
        yield Fact(lo, hi, "_".join([*words, "rank"]), RankValue(rank=r.rank, scope=scope),
                   anchor=(r.start, r.end))


_SCOPE_STOP = set("the a an of in on at to for by and or every each year years since its their this that"
                  .split())
_ONE_OF = re.compile(r"\b(?:one|some|many|any|all) of (?:the|its)\s+$")
_RANK_LEAD = re.compile(r"(?:\bthe|['’]s|\bits|\btheir|\bbeen|\bis|\bwas|\bare|\bwere|\branked)\s+$")
