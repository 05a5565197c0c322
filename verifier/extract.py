"""`extract`: a source's sentences → proposed claims, each quoting its exact span.

The same readers as `check` find the values (quantities.find_values, statements.find_ranks),
so what extract proposes is what check can later compare. Names, roles and lists of
organisations or places come from the sentence patterns of verifier.names (appositions,
"by X and Y", "including A, B and C"). Proposals are only proposals: they get status
`proposed`, and `check` says so in every finding that rests on one.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import count
from pathlib import Path

from ruamel.yaml import YAML

from verifier import names
from verifier.documents import split_sentences
from verifier.grammar import Reading
from verifier.index import Index, build_index
from verifier.ledger import Ledger, load_ledger
from verifier.lexicon import lexicon
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
from verifier.names import Fact
from verifier.quantities import Mention, find_values
from verifier.review import locked
from verifier.statements import RankMention, Statement, parse, refers_back
from verifier.text import words
from verifier.yamlio import dump_yaml_atomic, load_yaml, write_atomic

# ---------------------------------------------------------------- cues

_LEX = lexicon()
# Figure cues first, then date cues: extract tells the two apart by position.
_PROPERTY_CUES = [(c.cue, c.property) for c in (*_LEX.figure_cues, *_LEX.date_cues)]
_CUES = [(re.compile(rx, re.IGNORECASE), prop) for rx, prop in _PROPERTY_CUES]
_FIRST_DATE_CUE = len(_LEX.figure_cues)
_DATE_PROPS = {c.property for c in _LEX.date_cues}
_NAME_READERS = (names.role_facts, names.agent_facts, names.place_facts, names.member_facts, names.seat_facts)
_DATE_CUES = [rx for rx, _ in _CUES[_FIRST_DATE_CUE:]]
# "output rose 12%", "revenue was up 5%": the figure is a change of the noun before the verb.
_CHANGE = re.compile(r"\b(?:rose|risen|fell|fallen|increased|decreased|grew|grown|dropped|declined"
                     r"|jumped|climbed|surged|slipped|plunged|soared|gained|lost|added|shed|(?:was|were|is|are)\s+(?:up|down))"
                     r"(?:\s+by)?\s+(?:(?:about|around|nearly|almost|some|more than|over|just|roughly)\s+)?$",
                     re.IGNORECASE)
_NOT_WHAT = {"", "it", "they", "this", "that", "which", "who", "has", "have", "had", "and", "then", "also"}
_UNIT_PROPS = _LEX.unit_properties
_GENERIC_PROPS = {"count", "amount", *_UNIT_PROPS.values()}  # what a figure is called with no cue of its own


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
    seen: set = field(default_factory=set)
    masthead: Subject | None = None
    body: bool = False  # past the masthead: a full sentence has been read
    recent: list = field(default_factory=list)  # the last two subjects facts were filed under
    topics: list = field(default_factory=list)  # names of the subjects named lately, newest first
    known: dict = field(default_factory=dict)  # name -> Subject


# ---------------------------------------------------------------- public API


def extract_claims(ledger: Ledger, source_id: str) -> list[Claim]:
    """Proposed claims for every check-worthy fact of the source, in text order, ids unique in the ledger."""
    text = ledger.source_text(source_id)  # UsageError for an unknown id
    return extract_text(text, ledger.sources[source_id], ledger.claims)


def extract_text(text: str, source: Source, known: list[Claim] = ()) -> list[Claim]:
    """Proposed claims for the facts of `text`, the text of `source`; subjects the `known` claims
    name keep their names, and ids stay clear of theirs."""
    ctx = _Context(text, source.published, build_index(list(known)), names.abbreviations(text),
                   names.proper_words(text), _source_sentences(text))
    ctx.masthead = _masthead_subject(source)
    facts: list[Fact] = []
    for start, end in ctx.spans:
        facts += _sentence_facts(ctx, start, end)
    taken = {c.id for c in known}
    return [_claim(ctx, source, fact, taken) for fact in facts]


def _source_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of a source, where a line that ends without a full stop (a heading, a label, a list
    item) ends its sentence too, unless the paragraph is hard-wrapped prose."""
    spans = []
    for lo, hi in _line_blocks(text):
        spans += [(lo + s, lo + e) for s, e in split_sentences(text[lo:hi])]
    return spans


_LINE_END = re.compile(r"[.!?;,\"”’)]\s*$|(?:\b(?:and|or|of|the|a|an|to|in|for|by|with)|[-–—])\s*$")
_ITEM_START = re.compile(r"\s*(?:[-•*▪◦]\s|\d{1,2}[.)]\s)")


def _line_blocks(text: str) -> list[tuple[int, int]]:
    lines = text.splitlines(keepends=True)
    cuts, pos = [], 0
    widths = [len(x.rstrip()) for x in lines if x.strip()]
    wrapped = len(widths) >= 4 and sorted(widths)[len(widths) // 2] >= 50 \
        and sum(abs(w - max(widths)) <= 15 for w in widths) >= len(widths) * 0.6
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        following = lines[i + 1]
        ends = not _LINE_END.search(line) and following.strip()[:1].isupper()
        if _ITEM_START.match(following) or (ends and not wrapped) or not line.strip():
            cuts.append(pos)
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


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
    short_fact = re.search(r"\d", sentence) and sentence.rstrip()[-1:] in ".!?"  # "GDP rose 2%."
    if words < 3 and not short_fact:
        if sentence.rstrip()[-1:] not in ".!?":  # "SALES REPORT": a heading, a new topic
            ctx.previous, ctx.recent = None, []
        return []  # datelines and list fragments state nothing on their own
    stmt = parse(sentence, ctx.index, published=ctx.published)
    if _HEADING.fullmatch(sentence.strip()) \
            and not any(isinstance(m.value, QuantityValue) for m in stmt.values):
        # A heading starts a new topic: what it names, else nothing carries over from before it.
        ctx.previous, ctx.recent = _named_in(ctx, stmt.text), []
        return []
    found = [*_value_facts(sentence, stmt.values), *_rank_facts(sentence, stmt.ranks)]
    found += [f for read in _NAME_READERS for f in read(sentence)]
    if masthead:
        found = [f for f in found if not isinstance(f.value, DateValue)] + masthead
    subject = _sentence_subject(ctx, stmt)
    cut = names.dateline_end(sentence)  # "RIVERTON, May 2 — The Ministry ...": parse what follows
    reading = Reading(" " * cut + sentence[cut:])
    extras = _sentence_names(reading)
    out: list[Fact] = []
    for fact in sorted(found, key=lambda f: (f.start, f.end)):
        for own in _subjects(ctx, sentence, reading, fact, out) or [subject]:
            placed = replace(fact, start=fact.start + start, end=fact.end + start, subject=own, **extras)
            said = getattr(fact.value, "name", None) or fact.value.model_dump_json()
            key = (start, own.name, fact.prop, said)
            if key not in ctx.seen:  # two readers finding one fact of a sentence make one claim
                ctx.seen.add(key)
                out.append(placed)
                if own.type in ("place", "organization"):
                    ctx.recent = [own, *(r for r in ctx.recent if r.name != own.name)][:2]
    named = [f.subject for f in out if f.anchor and _proper(ctx, f.subject)]
    main = reading.main_subject() if reading and not named else None
    if named:
        ctx.previous = named[0]  # a name carries over; "hospital admissions" does not
    elif main and not main.refers_back and main.proper:
        ctx.previous = _phrase_subject(ctx, main)
    elif ctx.previous is None and subject.name != "(unknown)":
        ctx.previous = subject
    ctx.topics = list(dict.fromkeys([*(s.name for s in [*named, ctx.previous] if s), *ctx.topics]))[:12]
    ctx.known.update({s.name: s for s in [*named, ctx.previous] if s})
    return out


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*"
_BESIDE = re.compile(rf"(?P<a>{_NAME})(?:\s+and\s+(?P<b>{_NAME}))?\s*\(\s*"
                     rf"(?P<both>(?:both|all|each)\s+)?[+−–-]?$")
_EARLIER = re.compile(r"(?:\bafter|\bfrom|\bcompared (?:with|to)|\bagainst|\bversus|\bvs\.?)\b[^0-9;]{0,40}$")
_BOTH = re.compile(r"\s+(?:in|for|of)\s+both\s+(?:the\s+)?[a-z]+s\b")


def _subjects(ctx: _Context, sentence: str, reading: Reading | None, fact: Fact, before: list[Fact]) \
        -> list[Subject]:
    """Whom a fact is of: its reader's own subject; the names a figure stands beside ("Norway (+2.1%)",
    "Chile and Peru (both -0.3%)"); the items of a "respectively" list; for "in both areas" the two
    subjects named last; for a figure compared with ("up from 4%", "after +0.3%") the subject of the
    figure before it; else what the parse says."""
    datelined = fact.prop == "announcement_place" \
        or fact.anchor and fact.anchor[0] < names.dateline_end(sentence)
    if datelined and reading and (issuer := reading.main_subject()):
        return [_phrase_subject(ctx, issuer)]  # "WASHINGTON – The agency ...": where the agency spoke
    if fact.subject or fact.anchor is None or fact.anchor[0] < names.dateline_end(sentence):
        return [fact.subject] if fact.subject else []
    lo, hi = fact.anchor
    if isinstance(fact.value, RankValue) and (peer := _apposed_figure(sentence, reading, fact, before)):
        return [peer.subject]  # "$210 in the Kelso zone, the highest price in a decade": that figure's rank
    if (m := _BESIDE.search(sentence, 0, lo)) and not re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b",
                                                               sentence[hi:]):
        if m["b"] and m["both"] or not m["b"]:
            return [_named(ctx, re.sub(r"^(?:The|A|An)\s+", "", n)) for n in (m["a"], m["b"]) if n]
    for_all = re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b", sentence[hi:])
    if reading and not for_all and (glossed := reading.before_parenthesis(lo)) is not None:
        return [_phrase_subject(ctx, glossed)]
    if isinstance(fact.value, QuantityValue) and re.search(r"\brespectively\b", sentence) and reading:
        amounts = [m for m in find_values(sentence) if isinstance(m.value, QuantityValue)]
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
        area = reading.area_after(lo, hi) if reading else None  # "after +1.0% in the euro area"
        return [_phrase_subject(ctx, area) if area else peer.subject]
    own = _grammar_subject(ctx, reading, fact)
    return [own] if own else []


def _apposed_figure(sentence: str, reading: Reading | None, fact: Fact, before: list[Fact]) -> Fact | None:
    """The figure a superlative phrase stands in apposition to, by the parse or by its comma."""
    lo = fact.anchor[0]
    if reading and (at := reading.apposed_to(lo)) is not None:
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
    return Subject(name=name, aliases=list(dict.fromkeys(aliases)))


def _grammar_subject(ctx: _Context, reading: Reading | None, fact: Fact) -> Subject | None:
    """Whom the parse says the value is of; None leaves it to the sentence's subject."""
    if reading is None or fact.anchor is None:
        return None
    counted = isinstance(fact.value, QuantityValue) and not (fact.value.unit or fact.value.currency)
    if (phrase := reading.subject_of(*fact.anchor, counted=counted)) is None:
        return None
    if phrase.refers_back and phrase.measure:  # "GDP increased by 2%": the GDP of the subject before
        return ctx.previous  # none: "revenue" alone would group with any other text's revenue
    if phrase.refers_back:  # "the ministry": the last subject named a ministry, else the one before
        noun = phrase.text.split()[-1].lower()
        return next((ctx.known[t] for t in ctx.topics if noun in _words_of(ctx.known[t])), ctx.previous)
    return _phrase_subject(ctx, phrase)


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
        aliases += ctx.aliases.get(alias, [])
    aliases += _LEX.aliases_of(named.name)  # "US" is the United States
    kind = phrase.kind if phrase.kind != "other" else named.type
    return Subject(name=named.name, aliases=list(dict.fromkeys(a for a in aliases if a != named.name)),
                   type=kind)


def _sentence_names(reading: Reading | None) -> dict:
    """The attribution and the names a sentence mentions, for every claim taken from it."""
    if reading is None:
        return {}
    said = reading.attribution()
    entities = tuple((p.text, "place" if p.kind == "place" else "other", p.kind)
                     for p, _ in reading.entities() if not said or p.text not in said.text)
    if said:
        entities += ((said.text, "attribution", said.kind),)
    return {"attribution": said.text if said else None, "entities": entities}


def write_proposals(root: Path, source_id: str, claims: list[Claim]) -> int:
    """Append claims to claims/<source-id>.yaml (comments and layout kept); how many were new.

    A claim whose quote, property and value equal an existing claim's is already there, so a second
    run adds nothing, even after the source text moved. The file is locked as `review` locks it.
    """
    path = Path(root) / "claims" / f"{source_id}.yaml"
    with locked(path):
        ledger = load_ledger(Path(root))
        have = {_identity(c) for c in ledger.claims}
        new = [c for c in claims if _identity(c) not in have]
        if new:
            _append(path, f"from {ledger.sources[source_id].path}", source_id, [_plain_claim(c) for c in new])
    return len(new)


def _append(path: Path, origin: str, source_id: str, rows: list[dict]) -> None:
    if path.exists():
        data, _ = load_yaml(path, f"claims/{path.name}")
        data["claims"].extend(rows)
        dump_yaml_atomic(path, data)
    else:
        header = (f"# Claims proposed by `verifier extract {source_id}` {origin}.\n"
                  "# Review each one: fix what is wrong, then set `status: verified` (or delete it).\n")
        write_atomic(path, header + _yaml_text({"claims": rows}))


def render_proposals(claims: list[Claim], output_format: str = "yaml") -> str:
    """The proposals as a claims file (YAML) or a JSON array, for printing."""
    rows = [_plain_claim(c) for c in claims]
    if output_format == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return _yaml_text({"claims": rows})


def _identity(claim: Claim) -> tuple:
    # By quote, not offsets: text added above a fact must not make it new again.
    return claim.source.id, claim.source.quote, claim.property, claim.value.model_dump_json()


def _plain_claim(claim: Claim) -> dict:
    data = claim.model_dump(mode="json", exclude_none=True)
    for part in (data["subject"], data["value"]):
        if part.get("aliases") == []:
            del part["aliases"]
    return data


def _yaml_text(data: dict) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- values, ranks


def _value_facts(sentence: str, mentions: list[Mention]) -> Iterator[Fact]:
    props = _value_properties(sentence, mentions)
    period = next((Period(start=m.value.date, end=m.value.end) for m, p in zip(mentions, props, strict=True)
                   if isinstance(m.value, DateValue) and m.value.end and p == "data_period"), None)
    dates = _figure_dates(sentence, mentions, props)
    scopes = _time_scopes(sentence, mentions)
    scope = scopes[0] if scopes else None
    for i, (m, prop) in enumerate(zip(mentions, props, strict=True)):
        if m in scopes:
            continue  # "In the third quarter of 2024, ...": when the figures hold, no fact of its own
        if i in dates or isinstance(m.value, DateValue) and len(m.text) == 4 \
                and re.match(r"\s+[A-Z](?!\w*\s+\d)", sentence[m.end:]):
            continue  # the date of a figure; "the 2016 US-China Summit": a year that is part of a name
        if _no_fact(sentence, m):
            continue
        when = next((mentions[d] for d, q in dates.items() if q == i), None)  # the figure's own date
        lo, hi = names.clause(sentence, m.start, when.end if when else m.end)
        own = when.value if when else (scope.value if scope else None)
        span = Period(start=own.date, end=own.end) if own and own.end else period
        quantity = isinstance(m.value, QuantityValue)
        yield Fact(lo, hi, prop, m.value, period=span if quantity else None,
                   as_of=own.date if own and not own.end else None, dated=quantity, anchor=(m.start, m.end))


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
    event = any(rx.search(sentence) for rx in _DATE_CUES) or re.search(r"\bbec[oa]me\b", sentence)
    out = []
    for m in mentions:
        if not isinstance(m.value, DateValue):
            continue
        before = sentence[:m.start]
        fronted = (not before.strip() or _FRONTED.fullmatch(sentence, 0, m.start)) \
            and re.match(r"[^,;]{0,30},", sentence[m.end:])
        quarter = figures and re.search(r"\bquarter\b|^Q[1-4]", m.text)
        scene = not figures and not event \
            and re.search(r"\b(?:in|during|over|throughout)\s+(?:the\s+)?$", before)
        aside = _REPORTED_WHEN.search(before) or _BASELINE.search(before)
        if fronted and (figures or not event) or quarter or scene or aside:
            out.append(m)
    return out


_REPORTED_WHEN = re.compile(r"\b(?:said|says|reported|stated|noted|added|told\s+\w+)\s+(?:on\s+)?$")
_BASELINE = re.compile(r"\b(?:compared\s+(?:to|with)|than|versus|vs\.?)\s+(?:in\s+|on\s+)?$")


_TIME_UNIT = r"(?:year|month|week|day|hour|minute|quarter|decade)"
_CITATION = re.compile(r"\(\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\)")
# "the 12-month change", "the 30-day average": the window of a measure; "a five-year project" lasts
# five years, a fact.
_LABEL_AFTER = re.compile(rf"-{_TIME_UNIT}\s+(?P<noun>[a-z]+)")
_WINDOW_BEFORE = re.compile(r"\b(?:last|past|previous|next|coming|first)\s+$", re.IGNORECASE)
_DENOMINATOR = re.compile(r"\bper\s+$")


_LABELLED = re.compile(rf"(?<![\w.])(?:{lexicon().alternation('label_nouns')})\s*$")
_RANK_WINDOW = re.compile(r"\b(?:highest|lowest|largest|smallest|biggest|most|least|best|worst|first)\b"
                          r"[^;]{0,40}\bin\s+(?:at\s+least\s+|more\s+than\s+|over\s+|the\s+(?:past|last)\s+)?$")


def _no_fact(sentence: str, m: Mention) -> bool:
    """Numbers that state nothing: a citation "(3,4)", the denominator in "cases per 100,000
    population", the label in "the 12-month change", the window of "over the last 12 months"."""
    if not isinstance(m.value, QuantityValue):
        return False
    plain = not (m.value.unit or m.value.currency)
    cited = _CITATION.fullmatch(sentence, max(0, m.start - 1), min(len(sentence), m.end + 1)) \
        or (m.start and sentence[m.start - 1] == "(" and _CITATION.match(sentence, m.start - 1))
    if plain and _LABELLED.search(sentence, 0, m.start):
        return True  # "Order 522", "p. 44": a number that names a thing
    if plain and _RANK_WINDOW.search(sentence, 0, m.start) \
            and re.match(rf"\s+{_TIME_UNIT}s?\b", sentence[m.end:]):
        return True  # "the highest price in at least five years": the window of a rank
    return bool(plain and cited or plain and _DENOMINATOR.search(sentence, 0, m.start)
                or plain and (w := _LABEL_AFTER.match(sentence, m.end)) is not None
                and _LEX.is_measure(w["noun"])
                or plain and _WINDOW_BEFORE.search(sentence, 0, m.start)
                and re.match(rf"\s+{_TIME_UNIT}s\b", sentence[m.end:]) is not None)


def _value_properties(sentence: str, mentions: list[Mention]) -> list[str]:
    """Each value's property. "8.4% in 2022, up from 6.1%": the figure compared with is of the same;
    "rose by 0.2% in A and by 0.4% in B": a figure coordinated with one before it too. A change
    names its baseline where the sentence gives one ("compared with the previous quarter"), so that
    a quarter-on-quarter and a year-on-year change never share a group."""
    props = [_value_property(sentence, m, mentions) for m in mentions]
    for i in range(1, len(mentions)):
        q = [j for j in range(i) if isinstance(mentions[j].value, QuantityValue)]
        if not q or not isinstance(mentions[i].value, QuantityValue):
            continue
        # "... and 400 teachers" keeps its own property
        generic = props[i] in _GENERIC_PROPS and not mentions[i].value.noun
        if _COMPARED.search(sentence, 0, mentions[i].start) \
                or generic and _COORDINATED.fullmatch(sentence, mentions[q[-1]].end, mentions[i].start):
            props[i] = props[q[-1]]
    if base := _BASELINE_OF_CHANGE.search(sentence):
        words = [w for w in re.findall(r"[a-z0-9]+", base["base"].lower())
                 if w not in ("the", "a", "an", "of", "in", "on", "at", "to", "for")][:4]
        suffix = "_vs_" + "_".join(words) if words else ""
        props = [p + suffix if p.endswith("change") and suffix else p for p in props]
    return props


def _figure_dates(sentence: str, mentions: list[Mention], props: list[str]) -> dict[int, int]:
    """ "output rose 12% in 2020", "312 per 100,000 people between 2019 and 2021": a date right after a
    figure, with no cue of its own, is when the figure holds (as_of, or its period), not a date claim.
    Date mention index → quantity mention index."""
    out = {}
    for i in range(1, len(mentions)):
        m, before = mentions[i], mentions[i - 1]
        if isinstance(m.value, DateValue) and props[i] == "date" and isinstance(before.value, QuantityValue) \
                and re.fullmatch(_DATE_GAP if m.value.end else _YEAR_GAP, sentence[before.end:m.start]) \
                and not any(rx.search(sentence, *names.clause(sentence, before.start, m.end)) \
                            for rx in _DATE_CUES):
            out[i] = i - 1  # "signed by almost 200 nations in 2016": the date is the signing's
    return out


_WORDS = r"(?:\s+(?!(?:and|but|while|which|when|after|before|since|until)\b)[a-z]+){0,3}?"
_YEAR_GAP = re.compile(rf"{_WORDS}\s+(?:in|during|for|over)\s+")
_DATE_GAP = re.compile(rf"{_WORDS}\s+(?:(?:in|during|over)\s+)?")
_COMPARED = re.compile(r"\b(?:up|down) from\s+$|\bcompared (?:with|to)\s+$|\bagainst\s+$|\bafter\s+[+−-]?$"
                       r"|\bfrom\s+(?:last year['’]s\s+|the\s+)?$")
# "by 0.2% in the euro area and by 0.4% in the EU": the second figure is the same verb's
_COORDINATED = re.compile(r"[^;.(),]{0,30}?\s+(?:and|or|while|but)\s+(?:(?:by|to|at|of)\s+)?[+−-]?")
_BASELINE_OF_CHANGE = re.compile(r"\b(?i:compared (?:with|to)|from|on|over|versus)\s+(?:the\s+|a\s+)?"
                                 r"(?P<base>(?:same|previous|prior|preceding|last)\b[a-z ]{0,40}?"
                                 r"|year earlier|year ago)(?=[,;().]|\s*$|\s+(?:in|and|after)\b)")
def _value_property(sentence: str, m: Mention, mentions: list[Mention]) -> str:
    """The verb or cue nearest the value within its stretch of the sentence; else what it counts."""
    is_date = isinstance(m.value, DateValue)
    if is_date and m.start < names.dateline_end(sentence):
        return "announcement_date"
    noun = getattr(m.value, "noun", None)
    if not is_date and (prop := _verb_property(sentence, m)):
        return prop
    for rx, prop in _CUES:
        if noun and not is_date and prop not in _DATE_PROPS and rx.fullmatch(noun):
            return prop
    if prop := _nearest_cue(sentence, m, mentions, is_date):
        return prop
    if is_date:
        return "date"
    unit = m.value.unit or ("amount" if m.value.currency else None)
    return _UNIT_PROPS.get(unit, unit) if unit else (f"number_of_{names.snake(noun)}" if noun else "count")


def _nearest_cue(sentence: str, m: Mention, mentions: list[Mention], is_date: bool) -> str | None:
    lo = max([x.end for x in mentions if x.end <= m.start], default=0)
    hi = min([x.start for x in mentions if x.start >= m.end], default=len(sentence))
    if getattr(m.value, "noun", None):  # "48 turbines and a capacity of": that cue is the next figure's
        hi = min(hi, names.clause(sentence, m.start, m.end)[1])
    best: tuple[int, str] | None = None
    for rx, prop in _CUES:
        if (prop in _DATE_PROPS) != is_date:
            continue
        for cue in rx.finditer(sentence, lo, hi):
            gap = m.start - cue.end() if cue.end() <= m.start else cue.start() - m.end + 1
            if gap >= 0 and gap < 80 and (best is None or gap < best[0]):
                best = (gap, prop)
    return best[1] if best else None


def _verb_property(sentence: str, m: Mention) -> str | None:
    """ "deaths linked to diabetes fell by 9%": a change of deaths; "45,000 residents were screened":
    how many residents were screened (not the population)."""
    if change := _CHANGE.search(sentence, 0, m.start):
        if m.value.noun:  # "Ohio lost 12,400 residents": a change in residents
            return f"{names.snake(m.value.noun)}_change"
        # "exports had grown by 3%": the noun before the auxiliaries; "Idaho gained 2%": a change of Idaho's
        before = re.sub(r"(?:\s+(?:had|has|have|was|were|is|are|been|be|will|would))+\s*$", "",
                        sentence[:change.start()])
        what = names.head_noun(before)
        named = re.search(rf"\b{re.escape(what)}\b", before, re.IGNORECASE) if what else None
        opening = named is not None and not before[:named.start()].strip(" \t\n•-*")
        if what in _NOT_WHAT or named and not opening and named.group()[:1].isupper() \
                and not named.group().isupper():
            return "change"
        return f"{names.snake(what)}_change"
    noun = m.value.noun
    passive = rf"\s+{re.escape(noun or '')}\s+(?:were|was|have been|had been)\s+(?P<verb>[a-z]+ed)\b"
    if noun and (p := re.match(passive, sentence[m.end:])):
        return next((prop for rx, prop in _CUES if prop not in _DATE_PROPS and rx.fullmatch(p["verb"])),
                    f"{names.snake(noun)}_{p['verb']}")
    return None


def _rank_facts(sentence: str, ranks: list[RankMention]) -> Iterator[Fact]:
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


# ---------------------------------------------------------------- subjects


# Whether "It ...", "The farm ..." speaks of the subject before is check's rule (statements.parse): it
# carries a previous statement's subject when the sentence names no ledger subject and opens with a
# reference. Extract's previous subject is often unknown to the ledger, so it asks with a stand-in.
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
