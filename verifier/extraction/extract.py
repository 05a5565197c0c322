"""`extract`: a source's sentences → proposed claims, each quoting its exact span.

The same readers as `check` find the values (quantities.find_values, statements.find_ranks),
so what extract proposes is what check can later compare. Names, roles and lists of
organisations or places come from the sentence patterns of names.py and roles.py (appositions,
"by X and Y", "including A, B and C"); whom each fact is of, from subjects.py. Proposals are
only proposals: they get status `proposed`, and `check` says so in every finding that rests on
one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from itertools import count

from verifier.common.lexicon import lexicon
from verifier.common.text import normal
from verifier.extraction import names
from verifier.extraction.clauses import joined_clause_times, kinds_of_measures, reached_times
from verifier.extraction.context import Context
from verifier.extraction.figures import is_change, rank_facts, reference_period, value_facts
from verifier.extraction.grammar import Reading
from verifier.extraction.identity import one_name_each
from verifier.extraction.lists import ITEM, listed_facts, read_list_heading
from verifier.extraction.patterns import Fact, dateline_end, titled
from verifier.extraction.people import ages
from verifier.extraction.subjects import (
    named_in,
    not_itself,
    phrase_subject,
    proper,
    role_owner,
    sentence_names,
    sentence_subject,
    subjects_of,
)
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import (
    Claim,
    DateValue,
    Entity,
    Period,
    PersonValue,
    QuantityValue,
    RankValue,
    Source,
    Span,
    Subject,
)
from verifier.parsing.dates import (
    OWN_DATE_GAP,
    baseline_before,
    date_range,
    parse_published,
    year_before,
    yearless,
)
from verifier.parsing.quantities import Mention, find_values
from verifier.parsing.statements import parse
from verifier.reading.source_lines import source_sentences

_LEX = lexicon()
_NAME_READERS = (names.role_facts, names.agent_facts, names.place_facts, names.member_facts, names.seat_facts)


# ---------------------------------------------------------------- public API


def extract_claims(ledger: Ledger, source_id: str) -> list[Claim]:
    """Proposed claims for every check-worthy fact of the source, in text order, ids unique in the ledger."""
    text = ledger.source_text(source_id)  # UsageError for an unknown id
    return extract_text(text, ledger.sources[source_id], ledger.claims)


def extract_text(text: str, source: Source, known: list[Claim] = ()) -> list[Claim]:
    """Proposed claims for the facts of `text`, the text of `source`; subjects the `known` claims
    name keep their names, and ids stay clear of theirs."""
    ctx = Context(text, source.published, build_index(list(known)), names.abbreviations(text),
                   names.proper_words(text), source_sentences(text))
    ctx.masthead = _masthead_subject(source)
    ctx.title_period = _title_period(source)
    facts: list[Fact] = []
    for start, end in ctx.spans:
        facts += _sentence_facts(ctx, start, end)
    renamed = one_name_each([f.subject for f in facts if f.subject is not None])
    facts = [replace(f, subject=renamed.get((f.subject.name, f.subject.type), f.subject)) if f.subject else f
             for f in facts]
    taken = {c.id for c in known}
    shared = names.shared_names((f.subject for f in facts), ctx.text)
    return [_claim(ctx, source, fact, taken, shared) for fact in facts]


def _masthead_facts(ctx: Context, line: str, start: int, labelled: bool = True) -> list[Fact]:
    """ "Release Date: 3 June 2024 | Next Release: 1 July", a lone date under a title, "embargoed until
    Friday, May 3": dates of the publication itself, each named by the label before it. Offsets are
    the line's (`start`: where it begins in the source)."""
    out = []
    for m in find_values(line, ctx.published):
        if not isinstance(m.value, DateValue):
            continue
        label = re.split(r"[|/•]", line[:m.start])[-1]
        words = [w for w in re.findall(r"[A-Za-z]+", label.lower()) if w not in _LABEL_STOP]
        if labelled and words and not re.search(r"(?::|\b(?:for|on|of|as of|updated|published|released))\s*$",
                                                label):
            continue  # "Health Report 2023": a year in a title names the report, no date of it
        if not labelled and not _ISSUED.search(label):
            continue  # a title's dates say what it covers, not when it came out
        prop = "_".join(words) if words and len(words) <= 4 else "publication_date"
        out.append(Fact(m.start, m.end, prop, m.value, subject=ctx.masthead, dated=False,
                        anchor=(m.start, m.end)))
    return [replace(f, start=f.start + start, end=f.end + start) for f in out] if labelled else out


_ISSUED = re.compile(r"(?i)\b(?:embargo\w*|releas\w*|publish\w*|issued|updated|posted|dated?)\b")
_LABEL_STOP = {"with", "for", "on", "the", "of", "a", "m", "am", "pm", "edt", "est", "gmt", "utc", "monday",
               "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _title_period(source: Source) -> Period | None:
    """The span of days a title names ("July to September 2025", "Q3 2025"), or the year or month
    of a report's title ("Annual Report 2025", "Rail Statistics: 2024", "Price Index - August
    2012"); a year elsewhere in a title
    ("Ten years after the 2015 accord") names what the text is about, not when its figures hold."""
    title = source.title or ""
    dates = [m for m in find_values(title, source.published) if isinstance(m.value, DateValue)]
    spans = [m.value for m in dates if m.value.end]
    if len(spans) == 1:
        return Period(start=spans[0].date, end=spans[0].end)
    # a report's year or month before its publication's is the one it covers ("Annual Report 2025",
    # out in March 2026; "Price Index - August 2012", out in September); its own says no more than
    # the publication date does
    published = source.published or ""
    years = [m for m in dates if len(m.value.date) in (4, 7) and _REPORT_YEAR.search(title, 0, m.start)
             and m.value.date < published[: len(m.value.date)]]
    if len(years) != 1 or spans:
        return None
    return Period(start=years[0].value.date, end=years[0].value.date)


_REPORT_YEAR = re.compile(r"(?:(?i:report|review|statistics|accounts|results|bulletin|budget|yearbook"
                          r"|summary|update|data|index)(?:\s+for)?|[:–—]|\s-)\s*$")


def _masthead_subject(source: Source) -> Subject:
    """Whom a date in a masthead ("Release Date: May 24", a lone date line) is of: the publication."""
    # "Energy Agency (EA)": the name and its alias; "Health Centers (HC), Weekly Report": two names
    parts = [p.strip() for p in re.split(r",\s+", source.publisher) if p.strip()]
    name = re.sub(r"\s*\([^()]*\)$", "", parts[0])
    named = names.subject_named(name, names.abbreviations(source.publisher))
    aliases = [a for a in [*named.aliases, *parts[1:], source.publisher, source.title] if a != name]
    return Subject(name=name, aliases=list(dict.fromkeys(aliases)), type="organization")


def _sentence_facts(ctx: Context, start: int, end: int) -> list[Fact]:
    sentence = ctx.text[start:end]
    words = len(re.findall(r"[A-Za-z]{2,}", sentence))
    if not ctx.body and (words >= 3 or re.search(r"\d", sentence)) and sentence.rstrip()[-1:] in ".!?":
        ctx.body = True  # the first full sentence ends the masthead
    read_list_heading(ctx, sentence)
    if not ctx.body and words <= 12:
        ctx.heading_period = _heading_period(sentence, find_values(sentence, ctx.published), ctx.published) \
            or ctx.heading_period  # "With data for March 2019": what the figures below hold for
        return _masthead_facts(ctx, sentence, start)
    # A line before the first full sentence that ends without a full stop ("Embargoed until 8:30 a.m.
    # Friday, May 3, 2024"): its dates are the publication's, its figures read as usual.
    masthead = [] if ctx.body or sentence.rstrip()[-1:] in ".!?" else \
        _masthead_facts(ctx, sentence, start, labelled=False)
    # "GDP rose 2%.", and a list item of its own: "- Kelmark (+2.4%)" under "Sales by region:"
    short_fact = re.search(r"\d", sentence) and (sentence.rstrip()[-1:] in ".!?" or ITEM.match(sentence))
    if words < 3 and not short_fact:
        if sentence.rstrip()[-1:] not in ".!?":  # "SALES REPORT": a heading, a new topic
            ctx.previous, ctx.recent = None, []
            ctx.heading_period = _heading_period(sentence, find_values(sentence, ctx.published),
                                                 ctx.published)
        return []  # datelines and list fragments state nothing on their own
    if _TOPIC_SHIFT.match(sentence):  # "Separately, the port ...": nothing before carries over
        ctx.previous, ctx.recent = None, []
    stmt = parse(sentence, ctx.index, published=ctx.published)
    cut = dateline_end(sentence)  # "RIVERTON, May 2 — The Ministry ...": parse what follows
    reading = None  # the parse is the costly step: made once, and only where it is asked
    amounts = [m for m in stmt.values if isinstance(m.value, QuantityValue)]  # read once per sentence
    if _HEADING.fullmatch(sentence.strip()) and not amounts:
        reading = Reading(" " * cut + sentence[cut:]) if stmt.values else None
        if reading is None or not reading.predicates():  # a headline with a verb states its date
            # A heading starts a new topic: what it names, else nothing carries over from before it.
            ctx.previous, ctx.recent = named_in(ctx, stmt.text), []
            return []
    if sentence.rstrip()[-1:] not in ".!?" and not amounts:
        # "Action snapshot (as of 2 September 2017)": a line without a full stop or a figure
        ctx.heading_period = _heading_period(sentence, stmt.values, ctx.published)
    mentions = _past_dates(ctx, sentence, cut, stmt.values)
    found = [*value_facts(sentence, mentions), *rank_facts(sentence, stmt.ranks)]
    ctx.period = reference_period(sentence, stmt.values) or ctx.period
    # "Denmark (+1.6%)" after "In the fourth quarter of 2024, ...": a change over the period set before
    # (not a baseline: "after 1.6% in the previous quarter" is of a period before it)
    found = [replace(f, period=ctx.period) if not (f.period or f.as_of) and ctx.period and f.dated
             and is_change(sentence, f) else f for f in found]
    found = _dated_by_context(ctx, sentence, mentions, found)
    found = kinds_of_measures(sentence, found, ctx.proper)
    found = listed_facts(ctx, sentence, found)
    found = joined_clause_times(sentence, reached_times(sentence, found))
    found += [f for read in _NAME_READERS for f in read(sentence)]
    if masthead:
        found = [f for f in found if not isinstance(f.value, DateValue)] + masthead
    subject = sentence_subject(ctx, stmt)
    reading = reading or Reading(" " * cut + sentence[cut:])
    found = ages(ctx, sentence, reading, found)
    extras = sentence_names(reading)
    ctx.lately = [n for n, _, _ in extras["entities"]] + ctx.lately[:8]  # the names of the last sentences
    # the bodies named lately, newest sentence first, in it who spoke first ("Kerrow Water's director"
    # names Kerrow Water)
    spoke = sorted(extras["entities"], key=lambda e: e[1] != "attribution")
    ctx.bodies = [names.without_possessive(n) for n, _, kind in spoke
                  if kind == "organization" and not titled(n)] + ctx.bodies[:4]
    ctx.named_bodies.update(normal(n) for n in ctx.bodies)
    out: list[Fact] = []
    for fact in sorted(found, key=lambda f: (f.start, f.end)):
        if isinstance(fact.value, PersonValue) and fact.value.role:
            fact = replace(fact, value=role_owner(ctx, fact.value))  # "of the city": of the one named
        for own in subjects_of(ctx, sentence, reading, fact, out, amounts) or [subject]:
            own = not_itself(reading, fact, own, found)
            placed = replace(fact, start=fact.start + start, end=fact.end + start, subject=own, **extras)
            said = (getattr(fact.value, "name", None), getattr(fact.value, "role", None)) \
                if getattr(fact.value, "name", None) else fact.value.model_dump_json()  # two roles, two facts
            key = (start, own.name, fact.prop, said)
            if key not in ctx.seen:  # two readers finding one fact of a sentence make one claim
                ctx.seen.add(key)
                out.append(placed)
                if own.type in ("place", "organization"):
                    ctx.recent = [own, *(r for r in ctx.recent if r.name != own.name)][:2]
                if own.type == "person":  # "Okafor" later names the person a role or an age was given
                    ctx.people = [own, *(p for p in ctx.people if p.name != own.name)][:20]
    named = [f.subject for f in out if f.anchor and proper(ctx, f.subject)]
    # "KESTONBURY, 11 Feb – Collisions in Ardmoor killed 48, the partnership said": the text goes on
    # about Ardmoor, not about who spoke at the dateline
    named.sort(key=lambda s: any(f.subject is s and f.prop.startswith("announcement_") for f in out))
    said = reading.main_subject()
    # "Clothing sales fell 1.9%. They had risen ...": the nearest unnamed subject a pronoun may take
    ctx.last_main = said if said and not (said.refers_back or said.measure or said.proper) else None
    main = said if not named else None
    # "A had the lowest figure, while B reached 88.9%": parts compared; the whole before stays the topic
    compared_parts = len({s.name for s in named}) > 1 and ctx.previous is not None
    if named:
        ctx.previous = ctx.previous if compared_parts else named[0]  # a name carries; "admissions" does not
    elif main and ctx.body and not (main.refers_back or main.measure) and main.proper \
            and proper(ctx, Subject(name=main.text)):  # a headline's clause names no topic for the text
        ctx.previous = phrase_subject(ctx, main)  # not "Urbanicity was assessed ...": a capital, no name
    elif ctx.previous is None and subject.name != "(unknown)":
        ctx.previous = subject
    elif ctx.previous is None and main and not (main.refers_back or main.measure
                                                 or _LEX.is_measure(main.text.split()[-1])):
        # "Average weekly earnings were €1,046": a measure with no owner is no topic for the next
        # sentence's "real earnings grew 1.4%" either
        ctx.previous = phrase_subject(ctx, main)  # a new topic's first subject: "the port authority"
    newest = {s.name: s for s in [*named, ctx.previous] if s}
    older = {name: s for name, s in ctx.topics.items() if name not in newest}
    ctx.topics = dict(list({**newest, **older}.items())[:12])
    return out


def _dated_by_context(ctx: Context, sentence: str, mentions: list[Mention], found: list[Fact]) -> list[Fact]:
    """The period of the sentence's undated figures that the text gives elsewhere: "for that
    quarter" is the date named last, where it is a quarter; a sentence with no time of its own
    ("Employment rose to 4.12 million") holds for the span its title names ("Labour Market Bulletin:
    July to September 2025"). A sentence with a date or a relative time ("a year earlier", "five
    years ago", "the previous quarter") is none of these."""
    dates = [m.value for m in mentions if isinstance(m.value, DateValue)]
    last, ctx.last_date = ctx.last_date, (dates[-1] if dates else ctx.last_date)
    # a baseline's date ("from €388 million in 2024", "than 4% in 2023") dates only the baseline; any
    # other date ("... and vacancies averaged 14,200 in 2024") may be the whole sentence's time
    own = any(isinstance(m.value, DateValue) and not _baseline_date(sentence, m, mentions) for m in mentions)
    period = None
    if that := _THAT_PERIOD.search(sentence):
        if not dates and last is not None and _spans(last, that["unit"]):
            period = Period(start=last.date, end=last.end or last.date)
    elif not own and not _RELATIVE_TIME.search(sentence) and not _NOT_OF_A_PERIOD.search(sentence):
        period = ctx.heading_period or ctx.title_period
    elif ctx.heading_period and (dates or _RELATIVE_TIME.search(sentence)) \
            and sentence.rstrip()[-1:] in ".!?":
        ctx.heading_period = None  # "In 2019, ...", "Last year ...": the text has moved to another time
    if period is None:
        return found
    return [replace(f, period=period) if isinstance(f.value, QuantityValue) and not (f.period or f.as_of)
            and f.dated else f for f in found]


# What puts a heading's date over the figures below it: a label that names data ("as of", "data for",
# "Highlights:", "Snapshot (as of ..."), not a baseline, a review, a deadline or an opening.
_HEADING_DATE = re.compile(r"(?i:\bas\s+(?:of|at)|\b(?:data|figures|statistics|highlights|results|snapshot"
                           r"|summary|key\s+points|at\s+a\s+glance)\b(?:\s+for)?\s*[:(–—-]?\s*\(?)\s*$")
_NOT_DATA = re.compile(r"(?i)\b(?:next|upcoming|baseline|review|deadline|due|closes?|opened|until)\b")


def _heading_period(line: str, values: list[Mention], published: str | None) -> Period | None:
    """The date a heading or masthead line sets for the undated figures below it ("Highlights:
    March 2019", "Action snapshot (as of September 2, 2017)", "With data for March 2019"), not a
    release date ("Release date: May 24") nor a target ("capacity to double by 2023")."""
    for m in values:
        label = re.split(r"[|/•]", line[: m.start])[-1]
        if isinstance(m.value, DateValue) and _HEADING_DATE.search(label) and not _ISSUED.search(label) \
                and not _NOT_DATA.search(label) and (not published or m.value.date <= published):
            return Period(start=m.value.date, end=m.value.end or m.value.date)
    return None


def _baseline_date(sentence: str, date: Mention, mentions: list[Mention]) -> bool:
    """Whether a date is the date of a baseline figure right before it: "from €388 million in 2024"."""
    figure = next((m for m in mentions if isinstance(m.value, QuantityValue)
                   and OWN_DATE_GAP.fullmatch(sentence, m.end, date.start)), None)
    return figure is not None and baseline_before(sentence, figure.start)


def _spans(date: DateValue, unit: str) -> bool:
    """Whether a date is one `unit` long: "that quarter" after April to June, "that year" after 2024."""
    start, end = date.date, date.end or date.date
    if unit in ("period", "season", "week"):
        return True
    if unit == "year":
        return len(start) == 4 and start == end
    if unit == "month":
        return len(start) == 7 and start == end
    return len(start) == 7 and len(end) == 7 and (int(end[:4]) * 12 + int(end[5:])) - (
        int(start[:4]) * 12 + int(start[5:])) == 2  # a quarter: three months


def _past_dates(ctx: Context, sentence: str, cut: int, mentions: list[Mention]) -> list[Mention]:
    """A date written without its year is read in the year of publication; where that puts it
    after the publication and its clause is told in the past ("Most occurred during a heatwave from
    July 14 to July 27", published the next February), it is of the year before."""
    pub = parse_published(ctx.published)
    if not pub:
        return mentions
    after = [i for i, m in enumerate(mentions) if isinstance(m.value, DateValue) and yearless(m.text)
             and date_range(m.value)[0] > dt.date(*pub, *(1,) * (3 - len(pub)))]
    if not after:
        return mentions
    reading, out = Reading(" " * cut + sentence[cut:]), list(mentions)
    for i in after:
        if reading.told_in_past(out[i].start) and (before := year_before(out[i].value)):
            out[i] = replace(out[i], value=before)
    return out


# ---------------------------------------------------------------- sentence shapes and times


# "the rate for that quarter"; not "compared with the same quarter of the previous year", a baseline
_THAT_PERIOD = re.compile(r"(?<!than )(?<!with )(?<!to )(?<!on )\bthat\s+"
                          r"(?P<unit>quarter|month|year|period|week|season)\b")
# "a year earlier", "five years ago", "the previous quarter", "last month": a time other than the title's
_RELATIVE_TIME = re.compile(r"(?i)\b(?:ago|earlier|previous|prior|preceding|before|last|next|since|former)\b"
                            r"|\b(?:fiscal|financial)\s+year\b")
# A figure of no one period: a total so far, a forecast, a running total ("has paid out £9.4 million")
_NOT_OF_A_PERIOD = re.compile(r"(?i)\b(?:in\s+total|so\s+far|to\s+date|altogether|cumulative\w*|will|would"
                              r"|expect(?:s|ed)|forecasts?|forecasted|projected|projections?"
                              r"|(?:has|have)\s+(?:\w+\s+)?(?:\w+ed|\w+en|built|paid|made|sold|spent|won|lost|had))\b")
_TOPIC_SHIFT = re.compile(rf"\s*(?i:{_LEX.alternation('topic_shifts')})\s*,")
_HEADING = re.compile(r"[^,\n]{1,100}(?<![.!?:;\"”’')])")  # one short line without a comma or a full stop
# ---------------------------------------------------------------- claims


def _entities(fact: Fact) -> list[Entity]:
    names_ = {fact.subject.name.lower(), *(a.lower() for a in fact.subject.aliases)}
    out = [Entity(name=fact.subject.name, role="subject", type=fact.subject.type)]
    out += [Entity(name=n, role=r, type=t) for n, r, t in fact.entities if n.lower() not in names_]
    return list({e.name: e for e in out}.values())


def _claim(ctx: Context, source: Source, fact: Fact, taken: set[str], shared: set[str]) -> Claim:
    stem = f"{source.id[:80]}-{names.snake(fact.prop).replace('_', '-')[:30]}".strip("-")
    n = next(n for n in count(1) if f"{stem}-{n}" not in taken)
    taken.add(f"{stem}-{n}")
    text, start, end = ctx.text, fact.start, fact.end
    sentence = next(text[s:e] for s, e in ctx.spans if s <= start < e)
    dated = fact.dated or isinstance(fact.value, RankValue | PersonValue) and fact.prop == "role"
    return Claim(
        id=f"{stem}-{n}",
        statement=" ".join(sentence.split()),
        subject=names.with_last_name(fact.subject, shared),
        property=fact.prop,
        value=fact.value,
        as_of=fact.as_of or (source.published if dated or isinstance(fact.value, RankValue) else None),
        period=fact.period,
        attribution=fact.attribution,
        entities=_entities(fact),
        source=Span(id=source.id, start=start, end=end, quote=text[start:end],
                    prefix=text[max(0, start - 32):start] or None, suffix=text[end:end + 32] or None),
        tags=["extracted"],
        status="proposed",
    )
