"""Names in a source's sentences: lists of organisations or places, places of events, seats of
companies, datelines, and who a sentence is about (people and their roles are roles.py's).

These are sentence patterns ("by X and Y", "including A, B and C", "signed in X"), kept apart from
extract.py so that module reads as the path sentences → facts → claims. Facts carry offsets
relative to the sentence; extract shifts them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator

from verifier.common.lexicon import lexicon
from verifier.extraction.patterns import (
    CAPWORD,
    ENTITY,
    LINK,
    ORG_WORDS,
    ROLE_WORD,
    STARTERS,
    Fact,
    dateline,
    dateline_end,
    without_starters,
)
from verifier.extraction.roles import FOR_TITLED, ROLE_PHRASE, TITLED, role_facts
from verifier.models import OrganizationValue, PersonValue, PlaceValue, Subject, Value

_LEX = lexicon()
_PLACE_WORDS = re.compile(rf"\b(?:{_LEX.alternation('place_words')})$")
_MONTH_DAY = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November"
                        r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|(?:Mon|Tues|Wednes|Thurs|Fri"
                        r"|Satur|Sun)day)\.?(?![\w'’])")
# Units, currencies, scales and calendar words are capitalised or upper-case but name no one:
# "450 MW", "1.2bn Euros", "a Million", "March".
_NOT_NAME = re.compile(r"(?:[kMGT]?Wh?|[kMG]W[hp]?|kV|km|kg|mph|ppm|bn|mn|tn|USD|EUR|GBP|CNY|RMB|JPY|HKD|AUD"
                       r"|CAD|CHF|INR|Euros?|Dollars?|Pounds?|Yuan|Yen|Francs?|Rupees?|Thousand|Million|Billion"
                       r"|Trillion|Percent|Q[1-4]|H[12]|FY\d*)[.,]?")
_ABBREVIATION = re.compile(rf"({CAPWORD}(?:{LINK}{CAPWORD})*)\s+\(([A-Z][\w.-]*[A-Z][\w.]*)\)")

_CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s[—–]\s|[()]|\s(?:and|but|while|which|who)\s")
_AGENT = re.compile(r"\b(?P<verb>(?i:(?:co-)?organi[sz]ed|supported|backed|led|funded|sponsored|hosted"
                    r"|founded|launched|run|owned|made|chaired|signed|financed|operated|built"
                    r"|developed|delivered|managed))"
                    r" (?:between \d{4} and \d{4} |from \d{4} to \d{4} |in \d{4} )?by\s+"
                    # "funded through the Y Fund", "financed from the Z budget": the source of the money
                    r"|\b(?P<source>(?i:(?:fully |partly |jointly )?(?:funded|financed|paid for)))"
                    r"\s+(?:through|from|via)\s+(?=(?:the\s+)?[A-Z])")
_WITH = re.compile(r"\b(?P<verb>partnership with|along with|together with|in cooperation with) ")
_ACTIVE = re.compile(r"\b(?P<verb>(?:co-)?organi[sz]ed|launched|founded|funded"
                     r"|announced(?: \w+)? the launch of|provided (?:\w+ )?funding)\b")
_AFFILIATE = re.compile(r"\bthe (?P<verb>operator|owner|developer|builder|contractor|regulator|manufacturer"
                        r"|insurer|landlord),\s+(?=[A-Z])")
_INCLUDING = re.compile(r"\b(?:including|such as|namely)\s+")
_PLACE_CUE = re.compile(r"\b(?P<verb>signed|held|took place|opened|open|located|based|headquartered|summit"
                        r"|conference|meeting|forum|ceremony|hearing|scheduled)\b[^,;.]*?\b(?:in|at)\s+"
                        r"(?P<place>(?:[a-z]+ )?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
                        r"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?)")
_LOCATION = re.compile(r"^(?P<what>[A-Z][^,]{1,60}),\s+in\s+(?P<place>(?:[a-z-]+\s+)?[A-Z][\w'’-]*"
                       r"(?:\s+[A-Z][\w'’-]*)*),")
# "Beijing, China — ", "RIVERTON, April 14, 2022 — ", "OSLO, 3 May 2024 – ", "PORT ELLIS — ": where
# (and when) a release was issued; without a comma only an upper-case place and an em dash: "ICLEI –
# Local Governments" is a name.
# A comma form may glue its dash to the next word ("June 24, 2025-The Bank"); an upper-case place
# without a comma takes an em dash, "--", or an en dash before an article ("WASHINGTON – The ...").
_VERB_AGENT = {"organized": "organizer", "organised": "organizer", "co-organized": "co_organizer",
               "co-organised": "co_organizer", "along with": "co_organizer", "partnership with": "partner",
               "together with": "partner", "in cooperation with": "partner"}


# ---------------------------------------------------------------- clauses


def clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest breaks (commas, 'and', dashes)."""
    lo = max([b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, start)], default=0)
    nxt = _CLAUSE_BREAK.search(sentence, end)
    lo, hi = min(lo, start), max(nxt.start() if nxt else len(sentence), end)
    while lo < start and sentence[lo] in " \"“'‘(\n\t":
        lo += 1
    while hi > end and sentence[hi - 1] in " .,;:!?\"”'’)\n\t":
        hi -= 1
    return lo, hi


def head_noun(phrase: str) -> str:
    """What a phrase ending before a verb is about: "said output" → output, "Deaths linked to diabetes"
    → deaths, "spending on prevention" → spending."""
    last = re.split(r"[,;:]|\b(?:said|says|that|and|which|while|but)\b", phrase)[-1]
    head = re.split(r"\b(?:of|on|to|for|among|in|at|from|with|linked|related|caused|due)\b", last)[0]
    return (re.findall(r"[A-Za-z]+", head) or [""])[-1].lower()


def snake(text: str) -> str:
    """A property name from free words: "Seed funding" → "seed_funding"."""
    return "_".join(re.findall(r"[a-z0-9]+", text.lower())) or "value"


# ---------------------------------------------------------------- people, organisations, places

def agent_facts(sentence: str) -> Iterator[Fact]:
    """Who organised, funded, launched ... the thing: "organized by A and B", "A and B launched"."""
    for rx in (_AGENT, _WITH):
        for m in rx.finditer(sentence):
            if m.groupdict().get("source"):
                verb, prop = "funded", "funding_source"
            else:
                verb = m["verb"].lower()
                prop = _VERB_AGENT.get(verb) or f"{snake(verb)}_by"
            items = _names_at(sentence, m.end())
            for _, _, value in items:  # anchored at the verb: whom the parse says was funded, organised ...
                yield Fact(m.start(), items[-1][1], prop, value, anchor=(m.start(), m.start() + len(verb)))
    for m in _AFFILIATE.finditer(sentence):  # "according to the operator, Coast Energy"
        if found := _entity_at(sentence, m.end()):
            yield Fact(m.start(), found[1], m["verb"], _named_value(found[2], found[3]))
    for m in _ACTIVE.finditer(sentence):
        before = re.sub(r",\s[^,]*,\s*$|\s+[a-z]+ly\s*$", "", sentence[: m.start()].rstrip())
        for lo, _, value in _names_before(before):
            yield Fact(lo, m.end(), _active_property(m["verb"]), value)


def _active_property(verb: str) -> str:
    """ "X launched", "X co-organized", "X provided seed funding": what X is to the thing."""
    words = verb.split()
    if verb.startswith("provided"):
        return f"{snake(words[1])}_funder" if len(words) > 2 else "funder"
    return ("co_organizer" if verb.startswith("co-") else "organizer" if "organi" in verb
            else "funder" if verb == "funded" else "founded_by" if verb == "founded" else "launched_by")


def _entity_at(text: str, pos: int) -> tuple[int, int, str, list[str]] | None:
    """One name at pos ("the " skipped), with a following "(ABBR)" as alias: start, end, name, aliases."""
    pos += len(re.match(r"(?:the\s+)?", text[pos:])[0])
    m = ENTITY.match(text, pos)
    if not m or ROLE_WORD.match(m.group()) or _MONTH_DAY.match(m.group()):
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


def _titled_at(text: str, pos: int) -> tuple[int, int, str, PersonValue] | None:
    """ "Minister for Water Helen Carter" at pos, as a person with that role."""
    m = FOR_TITLED.match(text, pos)
    if not m or ORG_WORDS.search(m["name"]):
        m = TITLED.match(text, pos)
    if not m or ORG_WORDS.search(m["name"]):
        return None
    role = without_starters(m["role"])
    return m.start() + len(m["role"]) - len(role), m.end(), m["name"], PersonValue(name=m["name"], role=role)


def _names_at(text: str, pos: int) -> list[tuple[int, int, Value]]:
    """A list of names from pos: "A, B (BB), the C and D"; a name followed by a role is a person."""
    out: list[tuple[int, int, Value]] = []
    last = False
    while found := _titled_at(text, pos) or _entity_at(text, pos):
        start, end, name, aliases = found
        role = re.match(rf",[ \t]+(?P<r>{ROLE_PHRASE})", text[end:])
        if isinstance(aliases, PersonValue):  # "Deputy Minister Tom Reyes"
            out.append((start, end, aliases))
        elif role and ROLE_WORD.match(role["r"]):
            out.append((start, end, PersonValue(name=name, role=role["r"])))
            end += role.end()
        else:
            out += [(start, end, v) for v in _split_and(name, aliases)]
        sep = re.match(r",?\s+and\s+|,\s+", text[end:])
        if last or not sep:
            break
        last, pos = "and" in sep.group(), end + sep.end()  # "A, B and C": C ends the list
    return out


_LIST_SEP = re.compile(r",?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?")


def _names_before(text: str) -> list[tuple[int, int, Value]]:
    """The list of names that ends `text` ("X and Y launched ..."), each with its offsets."""
    ents = list(ENTITY.finditer(text))
    if not ents or text[ents[-1].end():].strip():
        return []
    i = len(ents) - 1
    while i and _LIST_SEP.fullmatch(text[ents[i - 1].end():ents[i].start()]):
        i -= 1
    out = []
    for m in ents[i:]:
        name = without_starters(m.group())
        if name:
            out += [(m.end() - len(name), m.end(), v) for v in _split_and(name, [])]
    return out


def _split_and(name: str, aliases: list[str]) -> list[Value]:
    """ "ICLEI East Asia Secretariat and ICLEI USA Office" is two names; "National Development and
    Reform Commission" is one."""
    left, sep, right = name.partition(" and ")
    if sep and (len(left.split()) == 1 or ORG_WORDS.search(left.split()[-1]) or left.split()[-1].isupper()):
        return [*_split_and(left, []), *_split_and(right, aliases)]
    return [_named_value(name, aliases)]


def _named_value(name: str, aliases: list[str]) -> Value:
    parts = [p.strip() for p in re.split(r"\s+[–-]\s+", name)]
    aliases = [*aliases, *(parts if len(parts) > 1 else [])]
    if ORG_WORDS.search(name) or name.isupper() or len(parts) > 1:
        return OrganizationValue(name=name, aliases=aliases)
    return PlaceValue(name=name, aliases=aliases) if _PLACE_WORDS.search(name) else \
        OrganizationValue(name=name, aliases=aliases)


def place_facts(sentence: str) -> Iterator[Fact]:
    """Where: "X, in Y, ..." (location), a "Beijing, China — " dateline, "signed/held ... in Y"."""
    if m := _LOCATION.match(sentence):
        subject = subject_named(m["what"].strip(), {})
        yield Fact(m.start(), m.end("place"), "location", PlaceValue(name=m["place"]), subject=subject)
    if m := dateline(sentence):
        full = sentence[: m.end()].rstrip(" —–-")
        place = m["place"].title() if m["place"].isupper() else m["place"]
        aliases = list(dict.fromkeys([m["place"], full][place == m["place"]:]))
        yield Fact(0, len(full), "announcement_place", PlaceValue(name=place, aliases=aliases))
    for m in _PLACE_CUE.finditer(sentence):
        verb, place = m["verb"], m["place"]
        if place.split()[0] in ("the", "a", "an") or _MONTH_DAY.match(place):
            continue
        name, _, country = place.partition(", ")
        prop = ("signing_place" if verb == "signed" else
                "location" if verb in ("located", "based", "headquartered", "opened", "open") else "place")
        yield Fact(m.start(), m.end(), prop, PlaceValue(name=name, aliases=[place] if country else []),
                   anchor=(m.start("place"), m.end("place")))


# "Keel Robotics Inc., Duluth, Minn.": a company named with its legal form, then its town (and state),
# as award and contract lists give them.
_LEGAL = rf"(?:{_LEX.alternation('legal_forms')})\.?"
_SEAT = re.compile(rf"(?P<org>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){{0,6}}?,?\s+{_LEGAL})"
                   r",\s+(?P<town>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
                   r"(?:,\s+(?P<state>[A-Z][a-z]{1,4}\.|[A-Z]{2}\b))?")


def seat_facts(sentence: str) -> Iterator[Fact]:
    """Where each company of a list is based: "Keel Inc., Duluth, Minn.; Beta Corp., Austin, TX"."""
    for m in _SEAT.finditer(sentence):
        org = m["org"]
        town = m["town"]
        if town.endswith(" The"):
            town = town[:-4]  # "..., Austin The Beta Group, ...": the next item begins
        full = f"{town}, {m['state']}" if m["state"] and town == m["town"] else town
        bare = without_legal_form(org)
        aliases = [a for a in dict.fromkeys([bare, re.sub(r"^The\s+", "", bare)]) if a != org]
        subject = Subject(name=org, aliases=aliases, type="organization")
        end = m.end() if full != town else m.start("town") + len(town)
        yield Fact(m.start(), end, "location", PlaceValue(name=town, aliases=[full] if full != town else []),
                   subject=subject, anchor=(m.start("town"), end))


_PLACE_NOUNS = re.compile(r"\b(?:cities|provinces|countries|states|towns|regions|places|municipalities|"
                          r"nations|counties|villages|islands)\b[^,;]{0,30}$")


def member_facts(sentence: str) -> Iterator[Fact]:
    """ "including A, B and C": members (when the sentence speaks of joining) or parts; places when
    the list follows "cities", "provinces" ..."""
    for m in _INCLUDING.finditer(sentence):
        places = bool(_PLACE_NOUNS.search(sentence[: m.start()]))
        joined = re.search(r"\b(?:committed|joined|members?|signed up|participat\w*|belong\w*)\b", sentence)
        items = _names_at(sentence, m.end())
        lo, hi = clause(sentence, 0, len(sentence.rstrip(" .")))
        for _, _, value in items:
            if places and not isinstance(value, PersonValue):
                value = PlaceValue(name=value.name, aliases=value.aliases)
            yield Fact(lo, hi, "members" if joined else "includes", value)


# ---------------------------------------------------------------- subjects


_SAID = re.compile(r"\b(?:said|says|told reporters|added|noted)\s+(?:that\s+)?")


def reported_clause(sentence: str) -> str | None:
    """What a named person (one with a role) is reported to say: "X's chief executive, Y, said <this>"."""
    said = _SAID.search(sentence)
    if said and any(f.prop == "role" for f in role_facts(sentence[:said.start()])):
        return sentence[said.end():]
    return None


def first_named_subject(sentence: str, proper: set[str], aliases: dict[str, list[str]]) -> Subject | None:
    """The sentence's first name; sentence-initial words count only when the text capitalises them
    elsewhere too (`proper`), so "Officials said ..." names no one."""
    for m in ENTITY.finditer(sentence):
        if re.search(r"\baccording to (?:the )?$", sentence[:m.start()]):
            continue  # who reports a figure is not whom it is about
        words = m.group().split()
        named = words[0] in proper or words[0].isupper() or len(words) > 1 \
            or re.match(r"['’]s\b|,", sentence[m.end():])
        if m.start() <= 1 and not named:
            words = words[1:]
        while words and (
                ROLE_WORD.fullmatch(words[0]) or _NOT_NAME.fullmatch(words[0])
                or words[0] in STARTERS or _MONTH_DAY.match(words[0])
                or words[0].lower() in _PERSONAL or words[0].rstrip(".") in _HONORIFICS):  # "I", "Dr"
            words = words[1:]
        if words and words[0][0].isupper():
            return subject_named(" ".join(words), aliases)
    return None


def subject_named(name: str, aliases: dict[str, list[str]]) -> Subject:
    name = without_possessive(re.sub(r"^(?:the|The)\s+", "", name))  # "Coast Energy's chief": Coast Energy
    more = list(aliases.get(name, []))
    parts = [p.strip() for p in re.split(r"\s+[–-]\s+", name)]
    if len(parts) > 1:
        more += parts
    if k := re.match(r"(.+?)\s+(?:Province|City|State|County|Prefecture)$", name):
        more.append(k[1])
    if (bare := without_legal_form(name)) != name:
        more.append(bare)  # "Skerrow Ferries Ltd" is "Skerrow Ferries" to most who write of it
    kind = "organization" if ORG_WORDS.search(name) or name.isupper() or len(parts) > 1 or bare != name else \
        "place" if _PLACE_WORDS.search(name) else "other"
    return Subject(name=name, aliases=list(dict.fromkeys(a for a in more if a != name)), type=kind)


def without_possessive(name: str) -> str:
    """ "Kerrow Water's" → "Kerrow Water": a name as written before the possessive."""
    return re.sub(r"['’]s$", "", name)


def without_legal_form(name: str) -> str:
    """A company's name without the legal form it ends in ("Keel Robotics Inc." → "Keel Robotics");
    a name that is nothing but one stays."""
    bare = re.sub(rf",?\s+{_LEGAL}$", "", name)
    return bare if bare.strip() else name


_SUFFIXES = lexicon().name_suffixes
_PERSONAL = lexicon().personal_pronouns
_HONORIFICS = frozenset(lexicon().honorifics)


def body_or_place(name: str) -> bool:
    """Whether a name's words make it a place or a body with a legal form ("Tarn County", "Keel Ltd")."""
    return bool(_PLACE_WORDS.search(name) or re.search(rf"\b{_LEGAL}$", name))


def last_name(subject: Subject) -> str | None:
    """The last word of a person's name, before a suffix ("Martin Luther King Jr.": King); None for
    a one-word name or anything but a person."""
    parts = [p.rstrip(",") for p in subject.name.split()]
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    if subject.type != "person" or len(parts) < 2 or not parts[-1][:1].isupper():
        return None
    return parts[-1]


def with_last_name(subject: Subject, shared: Collection[str] = ()) -> Subject:
    """A person with their last name among their names: a text names "Dana Okafor" once, then
    "Okafor". Not a name that names something else too (`shared`, see shared_names)."""
    last = last_name(subject)
    if last is None:
        return subject
    if last in shared or ORG_WORDS.search(last):
        aliases = [a for a in subject.aliases if a != last]  # a title's own alias of the last name too
        return subject if aliases == subject.aliases else subject.model_copy(update={"aliases": aliases})
    if last in subject.names():
        return subject
    return subject.model_copy(update={"aliases": [*subject.aliases, last]})


def abbreviations(text: str) -> dict[str, list[str]]:
    """'World Health Organization (WHO)' anywhere in the text: each name is an alias of the other."""
    out: dict[str, list[str]] = {}
    for m in _ABBREVIATION.finditer(text):
        full, short = re.sub(r"^(?:the|The)\s+", "", m[1]), m[2]
        out.setdefault(full, []).append(short)
        out.setdefault(short, []).append(full)
    return out


def proper_words(text: str) -> set[str]:
    """Capitalised words the text also capitalises mid-sentence: names, not sentence openers."""
    # a list item's first word opens its item as a sentence does: "- Commercial: €8.7 million"
    text = re.sub(r"(?m)^[ \t]*[-•*▪◦][ \t]+", "\n", text)
    # so does the word after a dateline: "BRENNICK, 21 October 2026 — Full-fibre broadband was ..."
    text = "\n".join(line[dateline_end(line):] for line in text.split("\n"))
    # the first word of a name: "Builders" in "the Dalreach Home Builders Federation" is no name alone
    return {m[2] for m in re.finditer(r"(?:^|(?<=\s))(\S*)[ ]([A-Z][\w'’-]*)", text)
            if m[1][-1:] and re.match(r"[\w,;:(–—-]", m[1][-1]) and not m[1][:1].isupper()}


def shared_names(subjects: Iterable[Subject], text: str) -> set[str]:
    """Words that name more than one thing in the text: the last name of two people, a word of the
    name of a body or a place ("Marsh", the town its mayor Anya Marsh shares a name with), and a last
    name the text also writes in lower case ("Hollin Water" taken for a person is no "Water")."""
    subjects = list(subjects)
    lasts = Counter(last for last in {s.name: last_name(s) for s in subjects}.values() if last)
    others = {w for s in subjects if s.type != "person" for n in s.names() for w in n.split()}
    common = {last for last in lasts if re.search(rf"\b{re.escape(last.lower())}\b", text)}
    return {last for last, n in lasts.items() if n > 1} | others | common
