"""`extract`: a source's sentences → proposed claims, each quoting its exact span.

The same readers as `check` find the values (quantities.find_values, statements.find_ranks),
so what extract proposes is what check can later compare. Names, roles and lists of
organisations or places come from a few sentence patterns here (appositions, "by X and Y",
"including A, B and C"). Proposals are only proposals: they get status `proposed`, and
`check` says so in every finding that rests on one.
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
    OrganizationValue,
    Period,
    PersonValue,
    PlaceValue,
    QuantityValue,
    RankValue,
    Source,
    Span,
    Subject,
    Value,
)
from verifier.quantities import Mention, find_values
from verifier.statements import find_ranks
from verifier.yamlio import dump_yaml_atomic, load_yaml, write_text_atomic

# ---------------------------------------------------------------- names

_ROLE = (r"(?:Vice |Deputy |Executive |Senior |Chief |Assistant |Acting |Former )*"
         r"(?:Governor|Gov\.|President|Secretary|Director|Mayor|Minister|Senator|Chair(?:man|woman|person)?"
         r"|Analyst|Officer|Consultant|Manager|Head|CEO|CFO|Professor|Prof\.|Spokes(?:man|woman|person)"
         r"|Founder|Commissioner|Ambassador|Editor|Adviser|Advisor|Scientist|Economist|Leader|Coordinator"
         r"|Premier|Chancellor|Treasurer|Dean|Judge|Representative)")
_ROLE_WORD = re.compile(rf"\b{_ROLE}\b")
_CAPWORD = r"(?:[A-Z][\w'’]*(?:\.[A-Z][\w'’]*)*(?:-[A-Za-z][\w'’]*)*|[A-Z]{2,})"
_LINK = r"(?:\s+(?:of|for|de|du|on)\s+(?:the\s+)?|\s+and\s+|\s+[–-]\s+|\s+)"
_ENTITY = re.compile(rf"(?<![\w'’]){_CAPWORD}(?:{_LINK}{_CAPWORD})*")
_PERSON = r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}"
_ORG_WORDS = re.compile(
    r"\b(?:Organi[sz]ation|Association|Council|Commission|Society|Laboratory|Lab|Agency|Foundation|Institute"
    r"|University|Academy|Department|Bureau|Office|Government|Company|Inc|Ltd|Group|Bank|Fund|Ministry"
    r"|Alliance|Secretariat|Corporation|Corp|Party|Committee|Authority|Service|Union|League|Board)\b")
_PLACE_WORDS = re.compile(r"\b(?:Province|City|State|County|Country|Region|Prefecture|District)$")
_MONTH_DAY = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November"
                        r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|(?:Mon|Tues|Wednes|Thurs|Fri"
                        r"|Satur|Sun)day)\.?(?![\w'’])")
_PRONOUN = re.compile(r"^(?:It|Its|He|His|She|Her|They|Their|This|These|The (?:province|state|city|"
                      r"company|group|plant|report|agency|country|organi[sz]ation|programm?e?))\b")
_ABBREVIATION = re.compile(rf"({_CAPWORD}(?:{_LINK}{_CAPWORD})*)\s+\(([A-Z][\w.-]*[A-Z][\w.]*)\)")

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
_CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s[—–]\s|[()]|\s(?:and|but|while|which|who)\s")
_AGENT = re.compile(r"\b(?P<verb>(?i:(?:co-)?organi[sz]ed|supported|backed|led|funded|sponsored|hosted"
                    r"|founded|launched|run|owned|made|chaired|signed|financed|operated|built"
                    r"|developed)) by\s+")
_WITH = re.compile(r"\b(?P<verb>partnership with|along with|together with|in cooperation with) ")
_ACTIVE = re.compile(r"\b(?P<verb>(?:co-)?organi[sz]ed|launched|founded|funded"
                     r"|announced(?: \w+)? the launch of|provided (?:\w+ )?funding)\b")
_INCLUDING = re.compile(r"\b(?:including|such as|namely)\s+")
_PLACE_CUE = re.compile(r"\b(?P<verb>signed|held|took place|opened|located|based|headquartered|summit|"
                        r"conference|meeting|forum)\b[^,;.]*?\bin\s+(?P<place>(?:[a-z]+ )?[A-Z][\w'’-]*"
                        r"(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)")
_LOCATION = re.compile(r"^(?P<what>[A-Z][^,]{1,60}),\s+in\s+(?P<place>(?:[a-z-]+\s+)?[A-Z][\w'’-]*"
                       r"(?:\s+[A-Z][\w'’-]*)*),")
_DATELINE = re.compile(r"^(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*),\s+(?:[A-Z]{2}|[A-Z][a-z]+\.?)"
                       r"\s+[—–-]+\s")
_RELATION = re.compile(rf"\b(?:his|her|their|its)\s+(?P<rel>predecessor|successor|deputy|wife|husband|"
                       rf"father|mother|son|daughter|boss|rival),\s+(?P<name>{_PERSON})")
_VERB_AGENT = {"organized": "organizer", "organised": "organizer", "co-organized": "co_organizer",
               "co-organised": "co_organizer", "along with": "co_organizer", "partnership with": "partner",
               "together with": "partner", "in cooperation with": "partner"}


@dataclass
class Fact:
    """One proposed fact: a quote span (absolute offsets), what it says, and of whom (None: the
    sentence's subject)."""

    start: int
    end: int
    prop: str
    value: Value
    subject: Subject | None = None
    period: Period | None = None
    dated: bool = True  # holds at the publication date (figures, roles), not once and for all


@dataclass
class _Context:
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
    ctx = _Context(text, source.published, index, _abbreviations(text), _proper_words(text))
    facts: list[Fact] = []
    for start, end in split_sentences(text):
        facts += _sentence_facts(ctx, start, end)
    taken = {c.id for c in ledger.claims}
    return [_claim(ctx, source, fact, taken) for fact in facts]


def _sentence_facts(ctx: _Context, start: int, end: int) -> list[Fact]:
    sentence = ctx.text[start:end]
    if len(re.findall(r"[A-Za-z]{2,}", sentence)) < 3:
        return []  # datelines, mastheads and list fragments state nothing on their own
    found = [*_value_facts(ctx, sentence), *_rank_facts(sentence), *_role_facts(sentence),
             *_agent_facts(sentence), *_place_facts(sentence), *_member_facts(sentence)]
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
        lo, hi = _clause(sentence, m.start, m.end)
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
    return _UNIT_PROPS.get(unit, unit) if unit else (f"number_of_{_snake(noun)}" if noun else "count")


def _rank_facts(sentence: str) -> Iterator[Fact]:
    for r in find_ranks(sentence):
        before, after = sentence[: r.start], sentence[r.end:]
        if re.match(r"\s*(?:to\b|\d)", after) or re.search(r"\b(?:one|some|many|any|all) of (?:the|its)\s+$",
                                                             before):
            continue  # "leading to", "the top 10", "one of the largest": no rank 1
        if not _RANK_LEAD.search(before):
            continue
        lo, hi = _clause(sentence, r.start, r.end)
        scope = sentence[r.start:hi].strip()
        words = [w for w in re.findall(r"[a-z]+", sentence[r.end:hi].lower())
                 if w not in _SCOPE_STOP][:3]
        yield Fact(lo, hi, "_".join([*words, "rank"]), RankValue(rank=r.rank, scope=scope))


_SCOPE_STOP = set("the a an of in on at to for by and or every each year years since its their this that"
                  .split())
_RANK_LEAD = re.compile(r"(?:\bthe|['’]s|\bits|\btheir|\bbeen|\bis|\bwas|\bare|\bwere|\branked)\s+$")


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest breaks (commas, 'and', dashes)."""
    lo = max([b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, start)], default=0)
    nxt = _CLAUSE_BREAK.search(sentence, end)
    lo, hi = min(lo, start), max(nxt.start() if nxt else len(sentence), end)
    while lo < start and sentence[lo] in " \"“'‘(\n\t":
        lo += 1
    while hi > end and sentence[hi - 1] in " .,;:!?\"”'’)\n\t":
        hi -= 1
    return lo, hi


def _snake(text: str) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", text.lower())) or "value"


# ---------------------------------------------------------------- people, organisations, places

_ROLE_TOKEN = rf"(?:{_CAPWORD}|of|for|the|and|in|at|on)"
_ROLE_PHRASE = rf"{_ROLE_TOKEN}(?:(?:[ \t]+|,[ \t]+(?=[A-Z]))(?:{_ROLE_TOKEN}))*"
_APPOSITION = re.compile(rf"(?<![\w'’])(?P<name>{_PERSON}),[ \t]+(?P<role>{_ROLE_PHRASE})")
_TITLED = re.compile(rf"(?P<role>(?:(?:{_CAPWORD})[ \t]+)*?{_ROLE})[ \t]+(?P<name>{_PERSON}|[A-Z][a-z]+\b)")
_STARTERS = set("The A An In On At Under According While Through To With By For From And But As If When "
                "After Before Since During Nearly About Almost Over Some More Most Together Also Meanwhile"
                .split())


def _role_facts(sentence: str) -> Iterator[Fact]:
    for m in _APPOSITION.finditer(sentence):
        role = re.sub(r"(?:[ \t,]+(?:of|for|the|and|in|at|on))+$", "", m["role"])
        if _ROLE_WORD.search(role) and not _ORG_WORDS.search(m["name"]):
            yield _role_fact(m.start(), m.start("role") + len(role), m["name"], role)
    for m in _TITLED.finditer(sentence):
        words = m["role"].split()
        while words and words[0] in _STARTERS:
            words.pop(0)
        name = m["name"]
        if words and not _ORG_WORDS.search(name) and not _ROLE_WORD.search(name):
            yield _role_fact(m.end() - len(" ".join(words)) - len(name) - 1, m.end(), name, " ".join(words))
    for m in _RELATION.finditer(sentence):
        yield Fact(m.start(), m.end(), m["rel"], PersonValue(name=m["name"]))


def _role_fact(start: int, end: int, name: str, role: str) -> Fact:
    name = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+", "", name)
    subject = Subject(name=name, aliases=[f"{role} {name}"] if len(role) < 40 else [], type="person")
    return Fact(start, end, "role", PersonValue(name=name, role=role), subject=subject)


def _agent_facts(sentence: str) -> Iterator[Fact]:
    for rx in (_AGENT, _WITH):
        for m in rx.finditer(sentence):
            verb = m["verb"].lower()
            prop = _VERB_AGENT.get(verb) or f"{_snake(verb)}_by"
            items = _names_at(sentence, m.end())
            for _, _, value in items:
                yield Fact(m.start(), items[-1][1], prop, value)
    for m in _ACTIVE.finditer(sentence):
        before = re.sub(r",\s[^,]*,\s*$|\s+[a-z]+ly\s*$", "", sentence[: m.start()].rstrip())
        verb = m["verb"]
        for lo, _, value in _names_before(before):
            yield Fact(lo, m.end(), _active_property(m["verb"]), value)


def _active_property(verb: str) -> str:
    """ "X launched", "X co-organized", "X provided seed funding": what X is to the thing."""
    words = verb.split()
    if verb.startswith("provided"):
        return f"{_snake(words[1])}_funder" if len(words) > 2 else "funder"
    return ("co_organizer" if verb.startswith("co-") else "organizer" if "organi" in verb
            else "funder" if verb == "funded" else "founded_by" if verb == "founded" else "launched_by")


def _entity_at(text: str, pos: int) -> tuple[int, int, str, list[str]] | None:
    """One name at pos ("the " skipped), with a following "(ABBR)" as alias: start, end, name, aliases."""
    pos += len(re.match(r"(?:the\s+)?", text[pos:])[0])
    m = _ENTITY.match(text, pos)
    if not m or _ROLE_WORD.match(m.group()) or _MONTH_DAY.match(m.group()):
        return None
    end, aliases, name = m.end(), [], m.group()
    if g := re.match(r" (?:government|authorities|military|army|navy|parliament|police)\b", text[end:]):
        name, end = name + g.group(), end + g.end()  # "the Chinese government" is a name too
    if k := re.match(r"\s+(province|city|county|state|prefecture)\b", text[end:]):
        aliases.append(name + k.group())
        end += k.end()
    if p := re.match(r"\s*\(([^()]{1,40})\)", text[end:]):
        if sum(c.isupper() for c in p[1]) >= 2:
            aliases.append(p[1])
        end += p.end()
    return m.start(), end, name, aliases


def _names_at(text: str, pos: int) -> list[tuple[int, int, Value]]:
    """A list of names from pos: "A, B (BB), the C and D"; a name followed by a role is a person."""
    out: list[tuple[int, int, Value]] = []
    last = False
    while found := _entity_at(text, pos):
        start, end, name, aliases = found
        sep = re.match(r",?\s+and\s+|,\s+", text[end:])
        role = re.match(rf",[ \t]+(?P<r>{_ROLE_PHRASE})", text[end:])
        if role and _ROLE_WORD.match(role["r"]):
            out.append((start, end, PersonValue(name=name, role=role["r"])))
            end += role.end()
            sep = re.match(r",?\s+and\s+|,\s+", text[end:])
        else:
            out += [(start, end, v) for v in _split_and(name, aliases)]
        if last or not sep:
            break
        last, pos = "and" in sep.group(), end + sep.end()  # "A, B and C": C ends the list
    return out


_LIST_SEP = re.compile(r",?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?")


def _names_before(text: str) -> list[tuple[int, int, Value]]:
    """The list of names that ends `text` ("X and Y launched ..."), each with its offsets."""
    ents = list(_ENTITY.finditer(text))
    if not ents or text[ents[-1].end():].strip():
        return []
    i = len(ents) - 1
    while i and _LIST_SEP.fullmatch(text[ents[i - 1].end():ents[i].start()]):
        i -= 1
    out = []
    for m in ents[i:]:
        name = re.sub(rf"^(?:(?:{'|'.join(_STARTERS)})\s+)+", "", m.group())
        if name:
            out += [(m.end() - len(name), m.end(), v) for v in _split_and(name, [])]
    return out


def _split_and(name: str, aliases: list[str]) -> list[Value]:
    """ "ICLEI East Asia Secretariat and ICLEI USA Office" is two names; "National Development and
    Reform Commission" is one."""
    left, sep, right = name.partition(" and ")
    if sep and (len(left.split()) == 1 or _ORG_WORDS.search(left.split()[-1]) or left.split()[-1].isupper()):
        return [*_split_and(left, []), *_split_and(right, aliases)]
    return [_named_value(name, aliases)]


def _named_value(name: str, aliases: list[str]) -> Value:
    parts = [p.strip() for p in re.split(r"\s+[–-]\s+", name)]
    aliases = [*aliases, *(parts if len(parts) > 1 else [])]
    if _ORG_WORDS.search(name) or name.isupper() or len(parts) > 1:
        return OrganizationValue(name=name, aliases=aliases)
    return PlaceValue(name=name, aliases=aliases) if _PLACE_WORDS.search(name) else \
        OrganizationValue(name=name, aliases=aliases)


def _place_facts(sentence: str) -> Iterator[Fact]:
    if m := _LOCATION.match(sentence):
        subject = _subject_named(m["what"].strip(), {})
        yield Fact(m.start(), m.end("place"), "location", PlaceValue(name=m["place"]), subject=subject)
    if m := _DATELINE.match(sentence):
        full = sentence[: m.end()].rstrip(" —–-")
        yield Fact(0, len(full), "announcement_place", PlaceValue(name=m["place"], aliases=[full]))
    for m in _PLACE_CUE.finditer(sentence):
        verb, place = m["verb"], m["place"]
        if place.split()[0] in ("the", "a", "an") or _MONTH_DAY.match(place):
            continue
        name, _, country = place.partition(", ")
        prop = ("signing_place" if verb == "signed" else
                "location" if verb in ("located", "based", "headquartered", "opened") else "place")
        yield Fact(m.start(), m.end(), prop, PlaceValue(name=name, aliases=[place] if country else []))


_PLACE_NOUNS = re.compile(r"\b(?:cities|provinces|countries|states|towns|regions|places|municipalities|"
                          r"nations|counties|villages|islands)\b[^,;]{0,30}$")


def _member_facts(sentence: str) -> Iterator[Fact]:
    for m in _INCLUDING.finditer(sentence):
        places = bool(_PLACE_NOUNS.search(sentence[: m.start()]))
        joined = re.search(r"\b(?:committed|joined|members?|signed up|participat\w*|belong\w*)\b", sentence)
        items = _names_at(sentence, m.end())
        lo, hi = _clause(sentence, 0, len(sentence.rstrip(" .")))
        for _, _, value in items:
            if places and not isinstance(value, PersonValue):
                value = PlaceValue(name=value.name, aliases=value.aliases)
            yield Fact(lo, hi, "members" if joined else "includes", value)


# ---------------------------------------------------------------- subjects


def _sentence_subject(ctx: _Context, sentence: str) -> Subject:
    """Who the sentence is about: a ledger subject it names, the one before for "It ...", else its
    first name (sentence-initial words count only when the text capitalises them elsewhere too)."""
    if hits := ctx.index.subjects_in(sentence):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    if ctx.previous and _PRONOUN.match(sentence.lstrip("\"“ ")):
        return ctx.previous
    for m in _ENTITY.finditer(sentence):
        words = m.group().split()
        named = words[0] in ctx.proper or words[0].isupper() or len(words) > 1 \
            or re.match(r"['’]s\b|,", sentence[m.end():])
        if m.start() <= 1 and not named:
            words = words[1:]
        while words and (
                _ROLE_WORD.fullmatch(words[0])
                or words[0] in _STARTERS or _MONTH_DAY.match(words[0])):
            words = words[1:]
        if words and words[0][0].isupper():
            return _subject_named(" ".join(words), ctx.aliases)
    return ctx.previous or Subject(name="(unknown)")


def _subject_named(name: str, aliases: dict[str, list[str]]) -> Subject:
    name = re.sub(r"^(?:the|The)\s+", "", name)
    more = list(aliases.get(name, []))
    parts = [p.strip() for p in re.split(r"\s+[–-]\s+", name)]
    if len(parts) > 1:
        more += parts
    if k := re.match(r"(.+?)\s+(?:Province|City|State|County|Prefecture)$", name):
        more.append(k[1])
    kind = "organization" if _ORG_WORDS.search(name) or name.isupper() or len(parts) > 1 else \
        "place" if _PLACE_WORDS.search(name) else "other"
    return Subject(name=name, aliases=list(dict.fromkeys(a for a in more if a != name)), type=kind)


def _abbreviations(text: str) -> dict[str, list[str]]:
    """'World Health Organization (WHO)' anywhere in the text: each name is an alias of the other."""
    out: dict[str, list[str]] = {}
    for m in _ABBREVIATION.finditer(text):
        full, short = re.sub(r"^(?:the|The)\s+", "", m[1]), m[2]
        out.setdefault(full, []).append(short)
        out.setdefault(short, []).append(full)
    return out


def _proper_words(text: str) -> set[str]:
    """Capitalised words the text also capitalises mid-sentence: names, not sentence openers."""
    return {m[1] for m in re.finditer(r"(?<=[\w,;:(–—-] )([A-Z][\w'’-]*)", text)}


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
