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
from pathlib import Path

from ruamel.yaml import YAML

from verifier.documents import split_sentences
from verifier.index import Index, build_index
from verifier.ledger import Ledger, load_ledger
from verifier.models import (
    Claim,
    DateValue,
    Period,
    PersonValue,
    QuantityValue,
    RankValue,
    Source,
    Span,
    Subject,
)
from verifier.names import (
    Fact,
    abbreviations,
    agent_facts,
    clause,
    first_named_subject,
    member_facts,
    place_facts,
    proper_words,
    refers_back,
    role_facts,
    snake,
)
from verifier.quantities import Mention, find_values
from verifier.statements import find_ranks
from verifier.yamlio import dump_yaml_atomic, load_yaml, write_text_atomic

# ---------------------------------------------------------------- cues

_PROPERTY_CUES = [  # (pattern near the value, property); the nearest cue wins
    (r"\bGDP\b|gross domestic product|economic output", "gdp"),
    (r"\bpopulation\b|\bhome to\b|\binhabitants\b|\bresidents\b|\bpeople live", "population"),
    (r"\bdeaths?\b|\bdied\b|\bkilled\b|\bfatalities\b", "deaths"),
    (r"\bemploy(?:s|ed|ing|ees)?\b|\bworkforce\b|\bstaff\b", "employees"),
    (r"\brevenues?\b|\bsales\b|\bturnover\b", "revenue"),
    (r"\bprofits?\b|\bearnings\b", "profit"),
    (r"\bcosts?\b|\bcost\b|\bprice\b|\bspent\b|\bspend(?:ing)?\b", "cost"),
    (r"\binvest(?:ed|ment|s)?\b", "investment"),
    (r"\bbudget\b", "budget"),
    (r"\bfund(?:ed|ing|s)?\b|\bgrants?\b", "funding"),
    (r"\bemissions?\b", "emissions"),
    (r"\bcapacity\b|\boutput\b", "capacity"),
    (r"\bmembers?\b|\bmembership\b", "member_count"),
    (r"\bunemployment\b", "unemployment_rate"),
    (r"\binflation\b", "inflation_rate"),
    (r"\bturnout\b|\bvoters?\b", "vote_share"),
    (r"\btarget\b", "target"),
    (r"\bsigned\b|\bsigning\b", "signing_date"),
    (r"\bopen(?:ed|ing|s)\b", "opening_date"),
    (r"\bfounded\b|\bestablished\b|\bcreated\b", "founding_date"),
    (r"\blaunch(?:ed|es|ing)?\b", "launch_date"),
    (r"\bannounced\b|\bannouncement\b", "announcement_date"),
    (r"\bheld\b|\btook place\b|\bsummit\b|\bconference\b|\bmeeting\b", "date"),
    (r"\bserved\b|\bterm\b|\bin office\b", "term_of_office"),
    (r"\bdata\b|\bfigures\b|\bsurvey\b", "data_period"),
    (r"\bbegan\b|\bstarted\b|\bsince\b", "start_date"),
    (r"\bclos(?:ed|es|ing)\b|\bended\b", "closing_date"),
]
_CUES = [(re.compile(rx, re.IGNORECASE), prop) for rx, prop in _PROPERTY_CUES]
_FIRST_DATE_CUE = [p for _, p in _PROPERTY_CUES].index("signing_date")
_DATE_PROPS = {p for _, p in _PROPERTY_CUES[_FIRST_DATE_CUE:]}
_UNIT_PROPS = {"percent": "share", "celsius": "temperature", "fahrenheit": "temperature", "km": "distance",
               "kg": "mass", "tonnes": "mass", "tons": "mass", "hectares": "area", "acres": "area"}


@dataclass
class _Context:
    """What extraction carries from sentence to sentence of one source."""

    text: str
    published: str | None
    index: Index
    aliases: dict[str, list[str]]
    proper: set[str]
    previous: Subject | None = None
    seen: set = field(default_factory=set)


# ---------------------------------------------------------------- public API


def extract_claims(ledger: Ledger, source_id: str) -> list[Claim]:
    """Proposed claims for every check-worthy fact of the source, in text order, ids unique in the ledger."""
    text = ledger.source_text(source_id)  # UsageError for an unknown id
    source = ledger.sources[source_id]
    index = build_index(ledger.claims)
    ctx = _Context(text, source.published, index, abbreviations(text), proper_words(text))
    facts: list[Fact] = []
    for start, end in split_sentences(text):
        facts += _sentence_facts(ctx, start, end)
    taken = {c.id for c in ledger.claims}
    return [_claim(ctx, source, fact, taken) for fact in facts]


def _sentence_facts(ctx: _Context, start: int, end: int) -> list[Fact]:
    sentence = ctx.text[start:end]
    if len(re.findall(r"[A-Za-z]{2,}", sentence)) < 3:
        return []  # datelines, mastheads and list fragments state nothing on their own
    found = [*_value_facts(ctx, sentence), *_rank_facts(sentence), *role_facts(sentence),
             *agent_facts(sentence), *place_facts(sentence), *member_facts(sentence)]
    subject = _sentence_subject(ctx, sentence)
    out = []
    for fact in sorted(found, key=lambda f: (f.start, f.end)):
        fact = replace(fact, start=fact.start + start, end=fact.end + start, subject=fact.subject or subject)
        key = (fact.prop, getattr(fact.value, "name", None) or fact.value.model_dump_json())
        if key not in ctx.seen:  # a fact a source repeats is one fact
            ctx.seen.add(key)
            out.append(fact)
    ctx.previous = subject
    return out


def write_proposals(root: Path, source_id: str, claims: list[Claim]) -> int:
    """Append claims to claims/<source-id>.yaml (comments and layout kept); how many were new.

    A claim whose span and value equal an existing claim's is already there, so a second run adds nothing.
    """
    root = Path(root)
    ledger = load_ledger(root)
    have = {_identity(c) for c in ledger.claims}
    new = [c for c in claims if _identity(c) not in have]
    if not new:
        return 0
    path = root / "claims" / f"{source_id}.yaml"
    rows = [_plain_claim(c) for c in new]
    if path.exists():
        data, _ = load_yaml(path, f"claims/{path.name}")
        data["claims"].extend(rows)
        dump_yaml_atomic(path, data)
    else:
        where = ledger.sources[source_id].path
        header = (f"# Claims proposed by `verifier extract {source_id}` from {where}.\n"
                  "# Review each one: fix what is wrong, then set `status: verified` (or delete it).\n")
        write_text_atomic(path, header + _yaml_text({"claims": rows}))
    return len(new)


def render_proposals(claims: list[Claim], output_format: str = "yaml") -> str:
    """The proposals as a claims file (YAML) or a JSON array, for printing."""
    rows = [_plain_claim(c) for c in claims]
    if output_format == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return _yaml_text({"claims": rows})


def _identity(claim: Claim) -> tuple:
    return claim.source.id, claim.source.start, claim.source.end, claim.value.model_dump_json()


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


def _value_facts(ctx: _Context, sentence: str) -> Iterator[Fact]:
    mentions = find_values(sentence, ctx.published)
    props = [_value_property(sentence, m, mentions) for m in mentions]
    period = next((Period(start=m.value.date, end=m.value.end) for m, p in zip(mentions, props, strict=True)
                   if isinstance(m.value, DateValue) and m.value.end and p == "data_period"), None)
    for m, prop in zip(mentions, props, strict=True):
        if isinstance(m.value, DateValue) and re.match(r"\s+[A-Z](?!\w*\s+\d)", sentence[m.end:]) \
                and len(m.text) == 4:
            continue  # "the 2016 US-China Summit": a year that is part of a name
        lo, hi = clause(sentence, m.start, m.end)
        quantity = isinstance(m.value, QuantityValue)
        yield Fact(lo, hi, prop, m.value, period=period if quantity else None, dated=quantity)


def _value_property(sentence: str, m: Mention, mentions: list[Mention]) -> str:
    """The cue nearest the value within its stretch of the sentence; else what the value counts."""
    is_date = isinstance(m.value, DateValue)
    noun = getattr(m.value, "noun", None)
    for rx, prop in _CUES:
        if noun and not is_date and prop not in _DATE_PROPS and rx.fullmatch(noun):
            return prop
    lo = max([x.end for x in mentions if x.end <= m.start], default=0)
    hi = min([x.start for x in mentions if x.start >= m.end], default=len(sentence))
    best: tuple[int, str] | None = None
    for rx, prop in _CUES:
        if (prop in _DATE_PROPS) != is_date:
            continue
        for cue in rx.finditer(sentence, lo, hi):
            gap = m.start - cue.end() if cue.end() <= m.start else cue.start() - m.end + 1
            if gap >= 0 and gap < 80 and (best is None or gap < best[0]):
                best = (gap, prop)
    if best:
        return best[1]
    if is_date:
        return "date"
    unit = m.value.unit or ("amount" if m.value.currency else None)
    return _UNIT_PROPS.get(unit, unit) if unit else (f"number_of_{snake(noun)}" if noun else "count")


def _rank_facts(sentence: str) -> Iterator[Fact]:
    for r in find_ranks(sentence):
        before, after = sentence[: r.start], sentence[r.end:]
        if re.match(r"\s*(?:to\b|\d)", after) or re.search(r"\b(?:one|some|many|any|all) of (?:the|its)\s+$",
                                                             before):
            continue  # "leading to", "the top 10", "one of the largest": no rank 1
        if not _RANK_LEAD.search(before):
            continue
        lo, hi = clause(sentence, r.start, r.end)
        scope = sentence[r.start:hi].strip()
        words = [w for w in re.findall(r"[a-z]+", sentence[r.end:hi].lower())
                 if w not in _SCOPE_STOP][:3]
        yield Fact(lo, hi, "_".join([*words, "rank"]), RankValue(rank=r.rank, scope=scope))


_SCOPE_STOP = set("the a an of in on at to for by and or every each year years since its their this that"
                  .split())
_RANK_LEAD = re.compile(r"(?:\bthe|['’]s|\bits|\btheir|\bbeen|\bis|\bwas|\bare|\bwere|\branked)\s+$")


# ---------------------------------------------------------------- subjects


def _sentence_subject(ctx: _Context, sentence: str) -> Subject:
    """Who the sentence is about: a ledger subject it names, the one before for "It ...", else its
    first name."""
    if hits := ctx.index.subjects_in(sentence):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    if ctx.previous and refers_back(sentence):
        return ctx.previous
    named = first_named_subject(sentence, ctx.proper, ctx.aliases)
    return named or ctx.previous or Subject(name="(unknown)")


# ---------------------------------------------------------------- claims


def _claim(ctx: _Context, source: Source, fact: Fact, taken: set[str]) -> Claim:
    stem = f"{source.id[:80]}-{fact.prop.replace('_', '-')[:30]}".strip("-")
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    taken.add(f"{stem}-{n}")
    text, start, end = ctx.text, fact.start, fact.end
    sentence = next(text[s:e] for s, e in _sentence_spans(ctx) if s <= start < e)
    dated = fact.dated or isinstance(fact.value, RankValue | PersonValue) and fact.prop == "role"
    return Claim(
        id=f"{stem}-{n}",
        statement=" ".join(sentence.split()),
        subject=fact.subject,
        property=fact.prop,
        value=fact.value,
        as_of=source.published if dated or isinstance(fact.value, RankValue) else None,
        period=fact.period,
        source=Span(id=source.id, start=start, end=end, quote=text[start:end],
                    prefix=text[max(0, start - 32):start] or None, suffix=text[end:end + 32] or None),
        tags=["extracted"],
        status="proposed",
    )


def _sentence_spans(ctx: _Context) -> list[tuple[int, int]]:
    if not hasattr(ctx, "_spans"):
        ctx._spans = split_sentences(ctx.text)
    return ctx._spans
