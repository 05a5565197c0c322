"""`extract`: a source's sentences → proposed claims, each quoting its exact span.

The same readers as `check` find the values (quantities.find_values, statements.find_ranks),
so what extract proposes is what check can later compare. Names, roles and lists of
organisations or places come from the sentence patterns of verifier.names (appositions,
"by X and Y", "including A, B and C"). Proposals are only proposals: they get status
`proposed`, and `check` says so in every finding that rests on one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from itertools import count

from verifier.common.lexicon import lexicon
from verifier.common.text import normal, words
from verifier.extraction import names
from verifier.extraction.figures import is_change, rank_facts, reference_period, value_facts
from verifier.extraction.grammar import Phrase, Reading
from verifier.extraction.names import Fact
from verifier.ledger.load import Ledger
from verifier.matching.index import Index, build_index
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
from verifier.parsing.dates import date_range, parse_published, year_before, yearless
from verifier.parsing.quantities import Mention, find_values
from verifier.parsing.statements import Statement, parse, refers_back
from verifier.reading.source_lines import source_sentences

_LEX = lexicon()
_NAME_READERS = (names.role_facts, names.agent_facts, names.place_facts, names.member_facts, names.seat_facts)


@dataclass
class _Context:
    """What extraction carries from sentence to sentence of one source."""

    text: str
    published: str | None
    index: Index
    aliases: dict[str, list[str]]
    proper: set[str]
    spans: list[tuple[int, int]]
    previous: Subject | None = None
    period: Period | None = None  # the period the text last set for its figures
    title_period: Period | None = None  # the period the title names ("Bulletin: July to September 2025")
    last_date: DateValue | None = None  # the last date a sentence named, for "that quarter"
    last_main: Phrase | None = None  # the previous sentence's unnamed subject phrase
    seen: set = field(default_factory=set)
    masthead: Subject | None = None
    body: bool = False  # past the masthead: a full sentence has been read
    recent: list = field(default_factory=list)  # the last two subjects facts were filed under
    topics: dict = field(default_factory=dict)  # name -> Subject of the subjects named lately, newest first


# ---------------------------------------------------------------- public API


def extract_claims(ledger: Ledger, source_id: str) -> list[Claim]:
    """Proposed claims for every check-worthy fact of the source, in text order, ids unique in the ledger."""
    text = ledger.source_text(source_id)  # UsageError for an unknown id
    return extract_text(text, ledger.sources[source_id], ledger.claims)


def extract_text(text: str, source: Source, known: list[Claim] = ()) -> list[Claim]:
    """Proposed claims for the facts of `text`, the text of `source`; subjects the `known` claims
    name keep their names, and ids stay clear of theirs."""
    ctx = _Context(text, source.published, build_index(list(known)), names.abbreviations(text),
                   names.proper_words(text), source_sentences(text))
    ctx.masthead = _masthead_subject(source)
    ctx.title_period = _title_period(source)
    facts: list[Fact] = []
    for start, end in ctx.spans:
        facts += _sentence_facts(ctx, start, end)
    taken = {c.id for c in known}
    return [_claim(ctx, source, fact, taken) for fact in facts]


def _masthead_facts(ctx: _Context, line: str, start: int, labelled: bool = True) -> list[Fact]:
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
    """The span of days a title names ("July to September 2025", "Q3 2025"), or the year of a
    report's title ("Annual Report 2025", "Rail Statistics: 2024"); a year elsewhere in a title
    ("Ten years after the 2015 accord") names what the text is about, not when its figures hold."""
    title = source.title or ""
    dates = [m for m in find_values(title, source.published) if isinstance(m.value, DateValue)]
    spans = [m.value for m in dates if m.value.end]
    if len(spans) == 1:
        return Period(start=spans[0].date, end=spans[0].end)
    # a report's year before its publication's is the year it covers ("Annual Report 2025", out in
    # March 2026); its own year says no more than the publication date does
    published = (source.published or "")[:4]
    years = [m for m in dates if len(m.value.date) == 4 and _REPORT_YEAR.search(title, 0, m.start)
             and m.value.date < published]
    if len(years) != 1 or spans:
        return None
    return Period(start=years[0].value.date, end=years[0].value.date)


_REPORT_YEAR = re.compile(r"(?:(?i:report|review|statistics|accounts|results|bulletin|budget|yearbook"
                          r"|summary)(?:\s+for)?|:)\s*$")


def _masthead_subject(source: Source) -> Subject:
    """Whom a date in a masthead ("Release Date: May 24", a lone date line) is of: the publication."""
    # "Energy Agency (EA)": the name and its alias; "Health Centers (HC), Weekly Report": two names
    parts = [p.strip() for p in re.split(r",\s+", source.publisher) if p.strip()]
    name = re.sub(r"\s*\([^()]*\)$", "", parts[0])
    named = names.subject_named(name, names.abbreviations(source.publisher))
    aliases = [a for a in [*named.aliases, *parts[1:], source.publisher, source.title] if a != name]
    return Subject(name=name, aliases=list(dict.fromkeys(aliases)), type="organization")


def _sentence_facts(ctx: _Context, start: int, end: int) -> list[Fact]:
    sentence = ctx.text[start:end]
    words = len(re.findall(r"[A-Za-z]{2,}", sentence))
    if not ctx.body and (words >= 3 or re.search(r"\d", sentence)) and sentence.rstrip()[-1:] in ".!?":
        ctx.body = True  # the first full sentence ends the masthead
    if not ctx.body and words <= 12:
        return _masthead_facts(ctx, sentence, start)
    # A line before the first full sentence that ends without a full stop ("Embargoed until 8:30 a.m.
    # Friday, May 3, 2024"): its dates are the publication's, its figures read as usual.
    masthead = [] if ctx.body or sentence.rstrip()[-1:] in ".!?" else \
        _masthead_facts(ctx, sentence, start, labelled=False)
    # "GDP rose 2%.", and a list item of its own: "- Kelmark (+2.4%)" under "Sales by region:"
    short_fact = re.search(r"\d", sentence) and (sentence.rstrip()[-1:] in ".!?" or _ITEM.match(sentence))
    if words < 3 and not short_fact:
        if sentence.rstrip()[-1:] not in ".!?":  # "SALES REPORT": a heading, a new topic
            ctx.previous, ctx.recent = None, []
        return []  # datelines and list fragments state nothing on their own
    if _TOPIC_SHIFT.match(sentence):  # "Separately, the port ...": nothing before carries over
        ctx.previous, ctx.recent = None, []
    stmt = parse(sentence, ctx.index, published=ctx.published)
    cut = names.dateline_end(sentence)  # "RIVERTON, May 2 — The Ministry ...": parse what follows
    reading = None  # the parse is the costly step: made once, and only where it is asked
    amounts = [m for m in stmt.values if isinstance(m.value, QuantityValue)]  # read once per sentence
    if _HEADING.fullmatch(sentence.strip()) and not amounts:
        reading = Reading(" " * cut + sentence[cut:]) if stmt.values else None
        if reading is None or not reading.predicates():  # a headline with a verb states its date
            # A heading starts a new topic: what it names, else nothing carries over from before it.
            ctx.previous, ctx.recent = _named_in(ctx, stmt.text), []
            return []
    mentions = _past_dates(ctx, sentence, cut, stmt.values)
    found = [*value_facts(sentence, mentions), *rank_facts(sentence, stmt.ranks)]
    ctx.period = reference_period(sentence, stmt.values) or ctx.period
    # "Denmark (+1.6%)" after "In the fourth quarter of 2024, ...": a change over the period set before
    found = [replace(f, period=ctx.period) if not (f.period or f.as_of) and ctx.period
             and is_change(sentence, f) else f for f in found]
    found = _dated_by_context(ctx, sentence, mentions, found)
    found += [f for read in _NAME_READERS for f in read(sentence)]
    if masthead:
        found = [f for f in found if not isinstance(f.value, DateValue)] + masthead
    subject = _sentence_subject(ctx, stmt)
    reading = reading or Reading(" " * cut + sentence[cut:])
    extras = _sentence_names(reading)
    out: list[Fact] = []
    for fact in sorted(found, key=lambda f: (f.start, f.end)):
        for own in _subjects(ctx, sentence, reading, fact, out, amounts) or [subject]:
            own = _not_itself(reading, fact, own, found)
            placed = replace(fact, start=fact.start + start, end=fact.end + start, subject=own, **extras)
            said = (getattr(fact.value, "name", None), getattr(fact.value, "role", None)) \
                if getattr(fact.value, "name", None) else fact.value.model_dump_json()  # two roles, two facts
            key = (start, own.name, fact.prop, said)
            if key not in ctx.seen:  # two readers finding one fact of a sentence make one claim
                ctx.seen.add(key)
                out.append(placed)
                if own.type in ("place", "organization"):
                    ctx.recent = [own, *(r for r in ctx.recent if r.name != own.name)][:2]
    named = [f.subject for f in out if f.anchor and _proper(ctx, f.subject)]
    said = reading.main_subject()
    # "Clothing sales fell 1.9%. They had risen ...": the nearest unnamed subject a pronoun may take
    ctx.last_main = said if said and not (said.refers_back or said.measure or said.proper) else None
    main = said if not named else None
    if named:
        ctx.previous = named[0]  # a name carries over; "hospital admissions" does not
    elif main and not main.refers_back and main.proper and _proper(ctx, Subject(name=main.text)):
        ctx.previous = _phrase_subject(ctx, main)  # not "Urbanicity was assessed ...": a capital, no name
    elif ctx.previous is None and subject.name != "(unknown)":
        ctx.previous = subject
    elif ctx.previous is None and main and not (main.refers_back or main.measure):
        ctx.previous = _phrase_subject(ctx, main)  # a new topic's first subject: "the port authority"
    newest = {s.name: s for s in [*named, ctx.previous] if s}
    older = {name: s for name, s in ctx.topics.items() if name not in newest}
    ctx.topics = dict(list({**newest, **older}.items())[:12])
    return out


def _dated_by_context(ctx: _Context, sentence: str, mentions: list[Mention], found: list[Fact]) -> list[Fact]:
    """The period of the sentence's undated figures that the text gives elsewhere: "for that
    quarter" is the date named last, where it is a quarter; a sentence with no time of its own
    ("Employment rose to 4.12 million") holds for the span its title names ("Labour Market Bulletin:
    July to September 2025"). A sentence with a date or a relative time ("a year earlier", "five
    years ago", "the previous quarter") is none of these."""
    dates = [m.value for m in mentions if isinstance(m.value, DateValue)]
    last, ctx.last_date = ctx.last_date, (dates[-1] if dates else ctx.last_date)
    period = None
    if that := _THAT_PERIOD.search(sentence):
        if not dates and last is not None and _spans(last, that["unit"]):
            period = Period(start=last.date, end=last.end or last.date)
    elif not dates and not _RELATIVE_TIME.search(sentence):
        period = ctx.title_period
    if period is None:
        return found
    return [replace(f, period=period) if isinstance(f.value, QuantityValue) and not (f.period or f.as_of)
            else f for f in found]


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


def _past_dates(ctx: _Context, sentence: str, cut: int, mentions: list[Mention]) -> list[Mention]:
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


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*"
_BESIDE = re.compile(rf"(?P<a>{_NAME})(?:\s+and\s+(?P<b>{_NAME}))?\s*\(\s*"
                     rf"(?P<both>(?:both|all|each)\s+)?[+−–-]?$")
_EARLIER = re.compile(r"(?:\bafter|\bfrom|\bcompared (?:with|to)|\bagainst|\bversus|\bvs\.?)\b[^0-9;]{0,40}$")
_BOTH = re.compile(r"\s+(?:in|for|of)\s+both\s+(?:the\s+)?[a-z]+s\b")


def _subjects(ctx: _Context, sentence: str, reading: Reading, fact: Fact, before: list[Fact],
              amounts: list[Mention]) -> list[Subject]:
    """Whom a fact is of: its reader's own subject; the names a figure stands beside ("Norway (+2.1%)",
    "Chile and Peru (both -0.3%)"); the items of a "respectively" list; for "in both areas" the two
    subjects named last; for a figure compared with ("up from 4%", "after +0.3%") the subject of the
    figure before it; else what the parse says."""
    datelined = fact.prop == "announcement_place" \
        or fact.anchor and fact.anchor[0] < names.dateline_end(sentence)
    # "WASHINGTON – The agency ...": where the agency spoke; "OSLO, 3 May – Sales fell ..., the
    # agency said": the speaker, not what it spoke of
    if datelined and (issuer := reading.attribution() or reading.main_subject()):
        return [_phrase_subject(ctx, issuer)]
    if fact.subject or fact.anchor is None or fact.anchor[0] < names.dateline_end(sentence):
        return [fact.subject] if fact.subject else []
    lo, hi = fact.anchor
    # "- wind: 1,120 GWh" under "The main sources were:"; not "- Punctuality improved: 88% of trains ..."
    if (item := _LABELLED_ITEM.match(sentence)) and item.end() <= lo \
            and len(re.findall(r"[A-Za-z]+", sentence[hi:])) <= 3 and not _EARLIER.search(sentence, 0, lo):
        return [_named(ctx, item["label"].strip())]
    if isinstance(fact.value, RankValue) and (peer := _apposed_figure(sentence, reading, fact, before)):
        return [peer.subject]  # "$210 in the Kelso zone, the highest price in a decade": that figure's rank
    if (m := _BESIDE.search(sentence, 0, lo)) and not re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b",
                                                               sentence[hi:]):
        if m["b"] and m["both"] or not m["b"]:
            return [_named(ctx, re.sub(r"^(?:The|A|An)\s+", "", n)) for n in (m["a"], m["b"]) if n]
    for_all = re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b", sentence[hi:])
    if not for_all and (glossed := reading.before_parenthesis(lo)) is not None:
        return [_phrase_subject(ctx, glossed)]
    if isinstance(fact.value, QuantityValue) and re.search(r"\brespectively\b", sentence):
        figures = _figure_list(sentence, amounts, lo)
        items = reading.coordinated_before(figures[0], len(figures)) if len(figures) > 1 else []
        if items:
            return [_phrase_subject(ctx, items[figures.index(lo)])]
    peer = next((f for f in reversed(before) if f.anchor and isinstance(f.value, QuantityValue)), None)
    if peer and re.search(r"\s*\(\s*$", sentence[peer.anchor[1]:lo]):
        return [peer.subject]  # "€2.5 billion (60 billion CZK)": the same amount in another currency
    earlier = peer is not None and _EARLIER.search(sentence, 0, lo)
    if _BOTH.match(sentence, hi) and len(ctx.recent) == 2 \
            and (not earlier or peer.subject.type in ("place", "organization")):
        return list(reversed(ctx.recent))  # "in both areas": the two places named last
    if earlier:
        area = reading.area_after(lo, hi)  # "after +1.0% in the euro area"
        return [_phrase_subject(ctx, area) if area else peer.subject]
    own = _grammar_subject(ctx, reading, fact)
    return [own] if own else []


def _not_itself(reading: Reading, fact: Fact, own: Subject, found: list[Fact]) -> Subject:
    """A name is never the subject of the facts whose values it gives ("The summit was organized by
    ICLEI and Oslo" is the summit's, not ICLEI's): then the phrase the parse names, as written."""
    if getattr(fact.value, "name", None) is None or fact.anchor is None or fact.prop == "role":
        return own
    values = {normal(f.value.name) for f in found if f.prop == fact.prop and getattr(f.value, "name", None)}
    if normal(own.name) not in values:
        return own
    phrase = reading.subject_of(*fact.anchor)
    return Subject(name=phrase.text) if phrase is not None and normal(phrase.text) not in values else own


def _apposed_figure(sentence: str, reading: Reading, fact: Fact, before: list[Fact]) -> Fact | None:
    """The figure a superlative phrase stands in apposition to, by the parse or by its comma."""
    lo = fact.anchor[0]
    if (at := reading.apposed_to(lo)) is not None:
        return next((f for f in before if f.anchor and f.anchor[0] <= at < f.anchor[1]), None)
    figures = [f for f in before if f.anchor and isinstance(f.value, QuantityValue)]
    if figures and re.fullmatch(r"[^;,]*,\s*(?:the\s+)?", sentence[figures[-1].anchor[1]:lo]):
        return figures[-1]
    return None


def _figure_list(sentence: str, figures: list[Mention], start: int) -> list[int]:
    """The starts of the figures listed with the one at `start`: "4% and 11%", "2%, 5% and 9%"."""
    runs: list[list[Mention]] = []
    for m in figures:
        if runs and re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*", sentence[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return next(([m.start for m in run] for run in runs if any(m.start == start for m in run)), [start])


def _named(ctx: _Context, name: str) -> Subject:
    if hits := ctx.index.subjects_in(name):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    aliases = [*ctx.aliases.get(name, []), *_LEX.aliases_of(name)]
    return _known(ctx, Subject(name=name, aliases=list(dict.fromkeys(aliases))))


def _known(ctx: _Context, subject: Subject) -> Subject:
    """The subject the text already named, where this one is named by one of its names ("OEC"
    after "the Ostvale Energy Cooperative (OEC)", the publisher's acronym): one entity files its
    facts under one name. Two names sharing an alias stay two ("TMA" for two bodies); the title
    the publisher's subject carries as an alias names no entity."""
    mine = normal(subject.name)
    for known in (ctx.masthead, *ctx.topics.values()):
        if known is None or known.type == "person" or normal(known.name) == mine:
            continue
        names = [known.name, *(a for a in known.aliases if a.isupper())] if known is ctx.masthead \
            else known.names()
        if mine in {normal(n) for n in names}:
            return known
    return subject


def _grammar_subject(ctx: _Context, reading: Reading, fact: Fact) -> Subject | None:
    """Whom the parse says the value is of; None leaves it to the sentence's subject."""
    if fact.anchor is None:
        return None
    counted = isinstance(fact.value, QuantityValue) and not (fact.value.unit or fact.value.currency)
    if (phrase := reading.subject_of(*fact.anchor, counted=counted)) is None:
        return None
    if fact.anchor[0] < phrase.start < fact.anchor[1] and phrase.text[:1].isalpha() \
            and re.search(r"\d", reading.text[fact.anchor[0]:phrase.start]):
        return None  # "2,940 gigawatt-hours (GWh) of electricity": the figure's own unit, no owner
    if phrase.speaker:
        # "we raised £1.4 million" in the text's own voice is its publisher; in a quotation, or in
        # a sentence that names who speaks ("..., Nordbank's chief told reporters"), the speaker's
        own_voice = not _quoted(reading.text, phrase.start) and reading.attribution() is None \
            and not _SPEAKS.search(reading.text)
        return ctx.masthead if own_voice else None
    if phrase.refers_back and phrase.measure:  # "GDP increased by 2%": the GDP of the subject before
        return ctx.previous  # none: "revenue" alone would group with any other text's revenue
    if phrase.text.lower() in ("it", "they") and (antecedent := _antecedent(ctx, phrase.text.lower())):
        return antecedent
    if phrase.refers_back:  # "the ministry": the last subject named a ministry, else the one before
        noun = phrase.text.split()[-1].lower()
        named = next((s for s in ctx.topics.values() if noun in _words_of(s)), None)
        if named is None and noun in _LEX.document_nouns:
            return ctx.masthead  # "The report recommends ...": the text speaks of itself, its publisher's
        return named or ctx.previous
    return _phrase_subject(ctx, phrase)


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` is inside a quotation, or the sentence quotes someone at all ("‘We cut 300 jobs,’
    said ..."): straight, curly or single quotation marks."""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") \
        or before.count("‘") > before.count("’") or bool(re.search(r"[\"“”‘]|(?<!\w)'|'(?!\w)", text))


# "told reporters", "said:", a reporting verb with a speaker after it: someone other than the text speaks
_SPEAKS = re.compile(r"\b(?:said|says|told|tells|added|explained|according to)\b")


def _antecedent(ctx: _Context, pronoun: str) -> Subject | None:
    """The unnamed subject of the sentence before, where the pronoun agrees with it in number
    ("Clothing sales ... They", "the port authority ... It"); a lone noun is none ("The programme
    ... It", "Revenue rose ... It"): it speaks of the subject before, and so does the pronoun."""
    last = ctx.last_main
    if last is None or len(last.text.split()) < 2:
        return None  # "The programme ... It": a lone noun refers back itself, as does a bare "Revenue"
    plural = last.text.split()[-1].lower().endswith("s") and not last.text.lower().endswith("ss")
    return _phrase_subject(ctx, last) if plural == (pronoun == "they") else None


def _proper(ctx: _Context, subject: Subject) -> bool:
    """A name that carries to the sentences after it: a proper name, not "Net profit" opening a
    sentence."""
    first = subject.name.split()[0] if subject.name.split() else ""
    return subject.type in ("place", "organization", "person") or first in ctx.proper or first.isupper() \
        or any(w[:1].isupper() for w in subject.name.split()[1:])


def _words_of(subject: Subject) -> set[str]:
    return {w for n in subject.names() for w in re.findall(r"[a-z]+", n.lower())}


def _phrase_subject(ctx: _Context, phrase) -> Subject:
    # A subject the ledger knows keeps its name, where the phrase ends in it ("the province of
    # Jiangsu"); "Total U.S. wheat stocks" is not the ledger's "U.S.".
    size = len(words(phrase.text))
    if hit := next((h for h in ctx.index.subjects_in(phrase.text) if h.end == size), None):
        return ctx.index.claims[ctx.index.by_subject[hit.key][0]].subject
    named = names.subject_named(phrase.text, ctx.aliases)  # "X Province" is X too; "(ABBR)" aliases
    aliases = [*named.aliases, *phrase.aliases]
    for alias in list(aliases):
        if len(spelled := ctx.aliases.get(alias, [])) == 1:  # an acronym two bodies share names neither
            aliases += spelled
    aliases += _LEX.aliases_of(named.name)  # "US" is the United States
    kind = phrase.kind if phrase.kind != "other" else named.type
    aliases = list(dict.fromkeys(a for a in aliases if a != named.name))
    return _known(ctx, Subject(name=named.name, aliases=aliases, type=kind))


def _sentence_names(reading: Reading) -> dict:
    """The attribution and the names a sentence mentions, for every claim taken from it."""
    said = reading.attribution()
    entities = tuple((p.text, "place" if p.kind == "place" else "other", p.kind)
                     for p in reading.entities() if not said or p.text not in said.text)
    if said:
        entities += ((said.text, "attribution", said.kind),)
    return {"attribution": said.text if said else None, "entities": entities}


# ---------------------------------------------------------------- subjects


# Whether "It ...", "The farm ..." speaks of the subject before is check's rule (statements.parse): it
# carries a previous statement's subject when the sentence names no ledger subject and opens with a
# reference. Extract's previous subject is often unknown to the ledger, so it asks with a stand-in.
# "the rate for that quarter"; not "compared with the same quarter of the previous year", a baseline
_THAT_PERIOD = re.compile(r"(?<!than )(?<!with )(?<!to )(?<!on )\bthat\s+"
                          r"(?P<unit>quarter|month|year|period|week|season)\b")
# "a year earlier", "five years ago", "the previous quarter", "last month": a time other than the title's
_RELATIVE_TIME = re.compile(r"(?i)\b(?:ago|earlier|previous|prior|preceding|before|last|next|since|former)\b"
                            r"|\b(?:fiscal|financial)\s+year\b")
_ITEM = re.compile(r"\s*(?:[-•*▪◦]|\d{1,2}[.)])\s+\S")  # "- wind: 1,120 GWh", "2. Law: 4,120 students"
_LABELLED_ITEM = re.compile(r"\s*(?:[-•*▪◦]|\d{1,2}[.)])\s+(?P<label>[^\W\d][^:\n\d]{0,40}):\s+")
_TOPIC_SHIFT = re.compile(rf"\s*(?i:{_LEX.alternation('topic_shifts')})\s*,")
_HEADING = re.compile(r"[^,\n]{1,100}(?<![.!?:;\"”’')])")  # one short line without a comma or a full stop
def _sentence_subject(ctx: _Context, stmt: Statement) -> Subject:
    """Who the sentence is about: for "X's chief executive, Y, said output rose" who the reported
    clause names, else the subject before (the speaker is not what the figures are of); the one
    before for "It ...", "The farm ..."; else a ledger subject or the first name it names."""
    reported = names.reported_clause(stmt.text) if ctx.previous else None
    if reported is not None:
        return _named_in(ctx, reported) or ctx.previous
    if not stmt.subjects and refers_back(stmt.text) and ctx.previous:
        return ctx.previous
    text = stmt.text[names.dateline_end(stmt.text):]  # "RIVERTON, April 14 — The Ministry ...": the Ministry
    return _named_in(ctx, text) or ctx.previous or Subject(name="(unknown)")


def _named_in(ctx: _Context, text: str) -> Subject | None:
    if hits := ctx.index.subjects_in(text):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    return names.first_named_subject(text, ctx.proper, ctx.aliases)


# ---------------------------------------------------------------- claims


def _entities(fact: Fact) -> list[Entity]:
    names_ = {fact.subject.name.lower(), *(a.lower() for a in fact.subject.aliases)}
    out = [Entity(name=fact.subject.name, role="subject", type=fact.subject.type)]
    out += [Entity(name=n, role=r, type=t) for n, r, t in fact.entities if n.lower() not in names_]
    return list({e.name: e for e in out}.values())


def _claim(ctx: _Context, source: Source, fact: Fact, taken: set[str]) -> Claim:
    stem = f"{source.id[:80]}-{names.snake(fact.prop).replace('_', '-')[:30]}".strip("-")
    n = next(n for n in count(1) if f"{stem}-{n}" not in taken)
    taken.add(f"{stem}-{n}")
    text, start, end = ctx.text, fact.start, fact.end
    sentence = next(text[s:e] for s, e in ctx.spans if s <= start < e)
    dated = fact.dated or isinstance(fact.value, RankValue | PersonValue) and fact.prop == "role"
    return Claim(
        id=f"{stem}-{n}",
        statement=" ".join(sentence.split()),
        subject=fact.subject,
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
