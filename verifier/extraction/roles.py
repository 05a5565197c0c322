"""People and their roles in a source's sentences: appositions ("X, Director of Y", "X, head of
the Branch"), titles before a name ("Governor X", "chief executive X"), titles a verb gives
("appointed X as its director"), possessives ("Coast Energy's chief executive, X") and relations
("his daughter, X"). Facts carry offsets relative to the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from verifier.common.lexicon import lexicon
from verifier.extraction.patterns import (
    CAPWORD,
    FIRST,
    HONORIFIC,
    LINK,
    ORG_WORDS,
    PERSON,
    ROLE,
    ROLE_WORD,
    STARTERS,
    Fact,
    dateline_end,
    without_starters,
)
from verifier.models import PersonValue, Subject

_LEX = lexicon()
_RELATION = re.compile(rf"\b(?P<pron>his|her|their|its)\s+(?P<rel>{_LEX.alternation('relations')}),\s+"
                       rf"(?P<name>{PERSON}|{FIRST}\b(?!\s+[A-Z]))")
_ROLE_TOKEN = rf"(?:{CAPWORD}|of|for|the|and|in|at|on)"
ROLE_PHRASE = rf"{_ROLE_TOKEN}(?:(?:[ \t]+|,[ \t]+(?=[A-Z]))(?:{_ROLE_TOKEN}))*"
_APPOSITION = re.compile(rf"(?<![\w'’])(?P<name>{PERSON}),[ \t]+(?P<role>{ROLE_PHRASE})")
TITLED = re.compile(rf"(?P<role>(?:(?:{CAPWORD})[ \t]+)*?{ROLE})(?:[ \t]+\([A-Z]{{2,6}}\))?[ \t]+"
                     rf"(?P<name>{PERSON}|{FIRST}\b)")
# "Minister for Water Helen Carter": a portfolio, then a first and a last name on the same line.
FOR_TITLED = re.compile(rf"(?P<role>(?:(?:{CAPWORD})[ \t]+)*?{ROLE}[ \t]+for[ \t]+(?:the[ \t]+)?"
                         rf"(?:{CAPWORD}[ \t]+)*?{CAPWORD})[ \t]+(?P<name>{FIRST}[ \t]+[A-Z][\w'’-]+)"
                         rf"(?![\w'’-]|[ \t]+[A-Z])")
_LOWER_ROLE = (rf"(?:(?:{_LEX.alternation('lower_role_modifiers')})\s+)*"
               rf"(?:{_LEX.alternation('lower_role_titles')})")
# "Police, Fire and Crime Commissioner": the capitalised words of a portfolio before its title
_TITLE_WORDS = rf"(?:{CAPWORD}(?:,[ \t]+|[ \t]+and[ \t]+|[ \t]+))*?"
_POSSESSIVE_ROLE = re.compile(rf"(?<![\w'’])(?P<org>{CAPWORD}(?:{LINK}{CAPWORD})*?|[Tt]he [a-z]+)"
                              rf"['’]s[ \t]+(?P<role>{_LOWER_ROLE}|{_TITLE_WORDS}{ROLE}),"
                              rf"[ \t]+(?P<name>{PERSON})")
_LEADING_TITLE = re.compile(rf"(?:{ROLE})\s+")
# "Ann Lee, chief of the Population Estimates Branch", "Bo Park, team leader at Acme": a role in lower case.
# "chief executive Marguerite Lenz told ...": a lower-case title right before the name it is of.
_LOWER_TITLED = re.compile(rf"(?<![\w'’-])(?P<role>{_LOWER_ROLE})[ \t]+(?P<name>{PERSON})")
_OWNER = r"[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,3}"  # "Brannock's", "Coast Energy's"
_LOWER_APPOSITION = re.compile(
    rf"(?<![\w'’])(?P<name>{PERSON}),[ \t]+(?P<role>(?:(?:our|its|their|the|a|an)[ \t]+)?"
    rf"(?:(?:[a-z]+|{_OWNER})['’]s[ \t]+)?"
    rf"(?:[a-z]+[ \t]+)?"
    rf"{_LOWER_ROLE}(?:[ \t]+(?:of|at|for|with|in)[ \t]+(?:the[ \t]+)?[\w'’-]+(?:[ \t]+[\w'’-]+){{0,7}}?"
    rf"(?=\s*[,;.()]|$))?)")
_COMPLEMENT = (r"(?:[ \t]+(?:of|for)[ \t]+[a-z][\w'’-]*(?:[ \t]+[a-z][\w'’-]*){0,3}?"
               r"(?=\s*[,;.()]|\s+(?:in|on|at|from|after|and|who|to)\b|$))?")
# "a new board chair, Helga Dunn, ...", "The chief executive, Ivo Kral, said": the title before the name.
_TITLE_APPOSED = re.compile(
    rf"(?<![\w'’])(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)[ \t]+(?:new[ \t]+)?"
    rf"(?P<role>(?:(?:former|interim|acting|incoming|outgoing)[ \t]+)?"  # "former" is part of the role
    rf"(?:[a-z]+[ \t]+)?{_LOWER_ROLE}{_COMPLEMENT}),[ \t]+(?P<name>{PERSON})(?=\s*[,.;]|$)")
# "appointed Dr. Ivo Kral as its first director of public health", "named Ivo Kral, 52, chief
# executive", "Ivo Kral was appointed head coach", "Ivo Kral joined us as chief operating officer": a
# title given to a person by the verb.
_MADE_VERB = r"(?:appointed|named|hired|elected|chose|selected|promoted|made)"
_AGED = r"(?:,[ \t]+\d{1,3},)?"  # "Ivo Kral, 52, ..."
# "named the best chief executive in Dunmere": an award, no title
_RANKING = r"(?:best|worst|top|leading|most|least|greatest|[a-z]+est)\b"
_MADE_ROLE = re.compile(
    rf"\b(?:{_MADE_VERB}[ \t]+(?:{HONORIFIC}[ \t]+)?(?P<name>{PERSON}){_AGED}"
    rf"|(?P<joiner>{PERSON})[ \t]+(?:joined|rejoined)[ \t]+(?:us|the[ \t]+\w+|[A-Z][\w'’-]*)[ \t]+as"
    rf"|(?P<made>{PERSON}){_AGED}[ \t]+(?:was|is|has[ \t]+been)[ \t]+{_MADE_VERB})"
    rf"[ \t]+(?:as[ \t]+)?(?:(?:its|their|our|the|his|her|a|an)[ \t]+)?(?:(?:new|first)[ \t]+)?"
    rf"(?P<role>(?:(?!{_RANKING})[a-z]+[ \t]+)?{_LOWER_ROLE}{_COMPLEMENT})")
_NOT_NOW = re.compile(r"(?i)\b(?:not|never|no longer|denied|denies|deny|refused|declined|rejected|withdrawn"
                     r"|withdrew|rescinded|revoked|reversed|by mistake|in error)\b|n['’]t\b"
                     r"|\b(?:1[89]\d\d|20\d\d)\b")
# "Chief executive Ivo Kral said ...": a lower-case title whose first word opens the sentence.
_CAPITAL_MODIFIERS = "|".join(w.capitalize() for w in sorted(_LEX.lower_role_modifiers))
_OPENING_MODIFIER = re.compile(rf"(?:^|[\"“(])\s*(?P<mod>{_CAPITAL_MODIFIERS})[ \t]+$")


def role_facts(sentence: str) -> Iterator[Fact]:
    """ "Jane Roe, Director of X", "Governor Li Wei", "his predecessor, John Doe": people and roles."""
    titled = list(FOR_TITLED.finditer(sentence))
    for m in _APPOSITION.finditer(sentence):
        role = re.sub(r"(?:[ \t,]+(?:of|for|the|and|in|at|on))+$", "", m["role"])
        if ROLE_WORD.search(role) and not ORG_WORDS.search(m["name"]) and not TITLED.search(role) \
                and not any(t.start() < m.start() < t.end() for t in titled):  # a list of officials
            yield role_fact(m.start(), m.start("role") + len(role), m["name"], role)
    for m in titled:
        if not ORG_WORDS.search(m["name"]):  # "Analyst for the American Lung Association": no one named
            yield role_fact(m.start("role"), m.end(), m["name"], m["role"])
    for m in TITLED.finditer(sentence):
        words = m["role"].split()
        while words and words[0] in STARTERS:
            words.pop(0)
        name = m["name"]
        if words and not ORG_WORDS.search(name) and not ROLE_WORD.search(name):
            yield role_fact(m.end() - len(" ".join(words)) - len(name) - 1, m.end(), name, " ".join(words))
    for m in _LOWER_TITLED.finditer(sentence):
        if not ORG_WORDS.search(m["name"]):
            lead = _OPENING_MODIFIER.search(sentence, 0, m.start())
            start = lead.start("mod") if lead else m.start()
            yield role_fact(start, m.end(), m["name"], sentence[start:m.end("role")])
    for m in _MADE_ROLE.finditer(sentence):
        group = next(g for g in ("name", "joiner", "made") if m[g])
        name = m[group]
        # "has not appointed X", "denied it had appointed X", "In 2010 ... appointed X": no title of now
        if not ORG_WORDS.search(name) and not _NOT_NOW.search(sentence, dateline_end(sentence)):
            start = m.start(group)
            yield role_fact(start, m.end("role"), name, m["role"])
    for m in _TITLE_APPOSED.finditer(sentence):
        if not ORG_WORDS.search(m["name"]):
            yield role_fact(m.start("role"), m.end(), m["name"], m["role"])
    for m in _LOWER_APPOSITION.finditer(sentence):
        if not ORG_WORDS.search(m["name"]) and not re.match(r"[a-z]+ly\b", m["role"]):
            yield role_fact(m.start(), m.end("role"), m["name"], m["role"])
    for m in _RELATION.finditer(sentence):
        owner = re.search(rf"(?P<owner>{CAPWORD}(?:\s+{CAPWORD})*)\s+and\s+$", sentence[:m.start()])
        if owner and m["pron"] in ("his", "her"):  # "Mira and her daughter, Lusa": Lusa, daughter of Mira
            name = m["name"]
            yield Fact(owner.start(), m.end(), "role",
                       PersonValue(name=name, role=f"{m['rel']} of {owner['owner']}"),
                       subject=Subject(name=name, type="person"))
        else:
            yield Fact(m.start(), m.end(), m["rel"], PersonValue(name=m["name"]))
    for m in _POSSESSIVE_ROLE.finditer(sentence):  # "Coast Energy's chief executive, Maria Lopez"
        org = m["org"].lower() if re.match(r"[Tt]he [a-z]", m["org"]) else without_starters(m["org"])
        start = m.start("org") + len(m["org"]) - len(org)
        yield role_fact(start, m.end(), m["name"], f"{m['role']} of {org}")


def role_fact(start: int, end: int, name: str, role: str) -> Fact:
    name = re.sub(rf"^{HONORIFIC}\s+", "", name)
    if (titled := _LEADING_TITLE.match(name)) and len(name[titled.end():].split()) >= 2:
        name = name[titled.end():]  # "Superintendent Ivo Kral, head of ...": the title is no part of the name
    role = re.sub(r"^(?:our|its|their|his|her|the|a|an)\s+", "", role)  # "our country director": the title
    if owner := re.match(rf"([a-z]+|{_OWNER})['’]s\s+", role):  # "the city's budget director": of the city
        role = f"{role[owner.end():]} of {'' if owner[1][0].isupper() else 'the '}{owner[1]}"
    # her last name ("Osei-Lund" after "Dr. Miriam Osei-Lund") is added with every person's, in extract
    titled = [f"{role} {name}"] if len(role) < 40 else []
    subject = Subject(name=name, aliases=titled, type="person")
    return Fact(start, end, "role", PersonValue(name=name, role=role), subject=subject)
