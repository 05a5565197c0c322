"""Whom each fact of a sentence is of, and what extraction carries from sentence to sentence to
tell: the subject the parse names, the names a figure stands beside, a list's items, the subject
a pronoun or "the agency" refers to, the publisher speaking as "we"; one entity under one name."""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.common.lexicon import lexicon
from verifier.common.text import normal, words
from verifier.extraction import names
from verifier.extraction.context import Context
from verifier.extraction.figure_times import changes_beside
from verifier.extraction.figures import compared_with
from verifier.extraction.grammar import Reading
from verifier.extraction.identity import head_noun, reporting_on_itself
from verifier.extraction.patterns import Fact, dateline_end
from verifier.extraction.people import person_named
from verifier.models import PersonValue, QuantityValue, RankValue, Subject
from verifier.parsing.dates import MONTHS, WEEKDAYS
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import Statement, refers_back

_LEX = lexicon()
_TIMES = frozenset(MONTHS) | frozenset(WEEKDAYS)
_LABELLED_ITEM = re.compile(r"\s*(?:[-•*▪◦]|\d{1,2}[.)])\s+(?P<label>[^\W\d][^:\n\d]{0,40}):\s+")


# "the national average of 67%", "the regional rate was 4.1%": a figure of a wider area than the subject's
_WIDER = "|".join(sorted(_LEX.wider_modifiers))
_WIDER_BEFORE = re.compile(rf"(?i:\b(?P<phrase>(?:{_WIDER})(?:\s+[a-z]+){{1,2}}?)"
                           r"\s+(?:of|at|was|is|stood\s+at|were|reached|rose\s+to|fell\s+to)"
                           r"(?:\s+(?:about|around|nearly|almost|some|just|over|under))?\s+$)")
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*"
_BESIDE = re.compile(rf"(?P<a>{_NAME})(?:\s+and\s+(?P<b>{_NAME}))?\s*\(\s*"
                     rf"(?P<both>(?:both|all|each)\s+)?[+−–-]?$")
_EARLIER = re.compile(r"(?:\bafter|\bfrom|\bcompared (?:with|to)|\bagainst|\bversus|\bvs\.?)\b[^0-9;]{0,40}$")
_JOINT = re.compile(r"(?i)\b(?:between them|together|jointly|combined|in total|in all)\b")
_NEWS = re.compile(rf"\b(?:{_LEX.alternation('newspaper_words')})\b")
_BOTH = re.compile(r"\s+(?:in|for|of)\s+both\s+(?:the\s+)?[a-z]+s\b")


def subjects_of(ctx: Context, sentence: str, reading: Reading, fact: Fact, before: list[Fact],
              amounts: list[Mention]) -> list[Subject]:
    """Whom a fact is of: its reader's own subject; the names a figure stands beside ("Norway (+2.1%)",
    "Chile and Peru (both -0.3%)"); the items of a "respectively" list; for "in both areas" the two
    subjects named last; for a figure compared with ("up from 4%", "after +0.3%") the subject of the
    figure before it; else what the parse says."""
    datelined = fact.prop == "announcement_place" \
        or fact.anchor and fact.anchor[0] < dateline_end(sentence)
    # "WASHINGTON – The agency ...": where the agency spoke; "OSLO, 3 May – Sales fell ..., the
    # agency said": the speaker, not what it spoke of
    if datelined and (issuer := _issuer(ctx, reading)) is not None:
        return [issuer]
    if fact.subject or fact.anchor is None or fact.anchor[0] < dateline_end(sentence):
        return [fact.subject] if fact.subject else []
    lo, hi = fact.anchor
    if wider := _WIDER_BEFORE.search(sentence, max(0, lo - 60), lo):
        return [Subject(name=wider["phrase"])]  # "against a national average of 67%": not the school's
    # "- wind: 1,120 GWh" under "The main sources were:"; not "- Punctuality improved: 88% of trains ..."
    if (item := _LABELLED_ITEM.match(sentence)) and item.end() <= lo \
            and len(re.findall(r"[A-Za-z]+", sentence[hi:])) <= 3 and not _EARLIER.search(sentence, 0, lo):
        return [named(ctx, item["label"].strip())]
    if isinstance(fact.value, RankValue) and (peer := _apposed_figure(sentence, reading, fact, before)):
        return [peer.subject]  # "$210 in the Kelso zone, the highest price in a decade": that figure's rank
    if (m := _BESIDE.search(sentence, 0, lo)) and not re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b",
                                                               sentence[hi:]):
        if m["b"] and m["both"] or not m["b"]:
            return [named(ctx, re.sub(r"^(?:The|A|An)\s+", "", n)) for n in (m["a"], m["b"]) if n]
    for_all = re.match(r"[^()]*\b(?:for|in) (?:both|each|all)\b", sentence[hi:])
    if not for_all and (glossed := reading.before_parenthesis(lo)) is not None:
        return [phrase_subject(ctx, glossed)]
    if isinstance(fact.value, QuantityValue):
        # "A and B rose 4% and 11%, respectively"; "Kessel Mills and Harrow Foods employ 300 and 120
        # people": a list of figures after a listed subject goes item by item, the word said or not
        figures = _figure_list(sentence, amounts, lo)
        said = re.search(r"\brespectively\b", sentence) is not None
        joint = not said and _JOINT.search(sentence) is not None  # "A and B between them hold 45 and 60"
        items = reading.coordinated_before(figures[0], len(figures), subject=not said) \
            if len(figures) > 1 and not joint else []
        if items:
            return [phrase_subject(ctx, items[figures.index(lo)])]
    figures = [f for f in before if f.anchor and isinstance(f.value, QuantityValue)]
    # the figure a baseline is compared with, past a duration ("more than 12 hours")
    peer = figures[compared_with([f.value for f in figures], fact.value)] if figures else None
    if peer and re.search(r"\s*\(\s*$", sentence[peer.anchor[1]:lo]):
        return [peer.subject]  # "€2.5 billion (60 billion CZK)": the same amount in another currency
    changed = figures[-1] if figures else None
    if changed is not None and changes_beside(sentence, changed.anchor[1], Mention(lo, hi, sentence[lo:hi],
                                                                                  fact.value)):
        return [changed.subject]  # "21.4 million nights in 2026, 6.8% more than in 2025": the nights'
    earlier = peer is not None and _EARLIER.search(sentence, 0, lo)
    if _BOTH.match(sentence, hi) and len(ctx.recent) == 2 \
            and (not earlier or peer.subject.type in ("place", "organization")):
        return list(reversed(ctx.recent))  # "in both areas": the two places named last
    if earlier:
        area = reading.area_after(lo, hi)  # "after +1.0% in the euro area"
        return [phrase_subject(ctx, area) if area else peer.subject]
    # "Crimes in A fell to 18,240, and the number of burglaries fell to 1,320": A's, the clause's before
    named_before = next((f.subject for f in reversed(before) if f.anchor and f.subject
                         and proper(ctx, f.subject)), None)
    own = _grammar_subject(ctx, reading, fact, named_before)
    return [own] if own else []


def _issuer(ctx: Context, reading: Reading) -> Subject | None:
    """Who speaks at a dateline: the name said to speak, else the name the clause opens with ("The City
    of X has appointed ..., the mayor's office announced"); a lone body noun the publisher calls
    itself by ("the agency said", "the trust said") is the publisher, and names it in the sentences
    after; with no one said to speak, the publisher."""
    said, main = reading.attribution(), reading.main_subject()
    if said is not None and not said.proper and main is not None and main.proper:
        return phrase_subject(ctx, main)
    issuer = said or main
    mine = ctx.masthead
    if issuer is None or issuer.proper or mine is None or mine.type != "organization":
        return phrase_subject(ctx, issuer) if issuer is not None else None
    noun = issuer.text.split()[-1]
    # "the council said" in a newspaper is the council, unless the paper's own head noun
    news = _NEWS.search(mine.name) is not None and noun != head_noun(mine)
    # "the agency", "the trust", "the service": a body noun, not people ("officials") nor a document
    lone = len(issuer.text.split()) == 1 and noun not in _PEOPLE and noun not in _LEX.document_nouns \
        and not noun.endswith("s")
    if not news and noun.isalpha() and noun.islower() and (lone or noun == head_noun(mine)):
        ctx.own_nouns.add(noun)
        return mine
    # "TALMORE, 4 May — Firefighters in X responded to ...": no one said to speak, so the publisher does
    return phrase_subject(ctx, issuer) if said is not None else mine


_PEOPLE = _LEX.people_words


def not_itself(reading: Reading, fact: Fact, own: Subject, found: list[Fact]) -> Subject:
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


def named(ctx: Context, name: str) -> Subject:
    if hits := ctx.index.subjects_in(name):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    aliases = [*ctx.aliases.get(name, []), *_LEX.aliases_of(name)]
    return known(ctx, Subject(name=name, aliases=list(dict.fromkeys(aliases))))


def known(ctx: Context, subject: Subject) -> Subject:
    """The subject the text already named, where this one is named by one of its names ("OEC"
    after "the Ostvale Energy Cooperative (OEC)", the publisher's acronym): one entity files its
    facts under one name; so does the capitalised head noun of the publisher's name ("the
    University" in a university's report) where no other subject named lately shares it. Two
    names sharing an alias stay two
    ("TMA" for two bodies); the title the publisher's subject carries as an alias names no entity."""
    mine = normal(subject.name)
    # "Osei-Lund" after "Dr. Miriam Osei-Lund as its first director": the person by her last name
    if (person := person_named(ctx, subject.name)) is not None:
        return person
    for known in (*ctx.topics.values(), ctx.masthead):
        if known is None or known.type == "person" or normal(known.name) == mine:
            continue
        names = [known.name, *(a for a in known.aliases if a.isupper())] if known is ctx.masthead \
            else known.names()
        if mine in {normal(n) for n in names}:
            return known
    # "the University" in Marrowgate University's own report: the publisher, unless another subject
    # named lately shares that head noun ("the Court" after two courts names neither for sure)
    heads = [s.name for s in ctx.topics.values() if s.type != "person"] + ctx.lately
    heads = [n for n in heads if normal(n).split()[-1:] == [mine] and normal(n) != mine]
    masthead = ctx.masthead
    if subject.name[:1].isupper() and len(mine.split()) == 1 and masthead is not None \
            and subject.type != "place" and normal(masthead.name).split()[-1:] == [mine] \
            and all(normal(n) == normal(masthead.name) for n in heads):
        return masthead
    return subject


def _grammar_subject(ctx: Context, reading: Reading, fact: Fact,
                     earlier: Subject | None = None) -> Subject | None:
    """Whom the parse says the value is of; None leaves it to the sentence's subject. `earlier`: the
    subject of the sentence's own figure before, which an unowned measure after it is of."""
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
        ctx.own_voice = ctx.own_voice or own_voice
        return ctx.masthead if own_voice else None
    if phrase.people:
        # "Officers stopped 830 drivers" in a police force's own report: the force's; else the people's
        # (not a body named before: "Residents reported 5,400 potholes to the council" is no council's)
        return reporting_on_itself(ctx) or phrase_subject(ctx, replace(phrase, refers_back=False))
    if phrase.refers_back and phrase.measure:  # "GDP increased by 2%": the GDP of the subject before
        # none: "revenue" alone would group with any other text's revenue; under a new heading of a
        # body's report about itself, the body's own
        return earlier or ctx.previous or reporting_on_itself(ctx)
    pronoun = "they" if phrase.text.lower() == "their" else phrase.text.lower()
    if pronoun in ("it", "they") and (antecedent := _antecedent(ctx, pronoun)):
        return antecedent  # "Clothing sales fell 2%. Their share ...": the plural subject before
    if pronoun in ("its", "they"):
        return ctx.previous  # "Its budget": an owner, the one named last, not the sentence's subject phrase
    if phrase.refers_back:  # "the ministry": the last subject named a ministry, else the one before
        noun = phrase.text.split()[-1].lower()
        named = next((s for s in ctx.topics.values() if noun in _words_of(s)), None)
        if named is None and noun in ctx.own_nouns:
            return ctx.masthead  # "the agency", as the publisher called itself at the dateline
        if named is None and noun in _LEX.company_nouns:
            named = _last_body(ctx, noun)  # "Kerrow Utilities ... The company said": the body named last
        if named is None and noun in _LEX.document_nouns:
            return ctx.masthead  # "The report recommends ...": the text speaks of itself, its publisher's
        if named is None and head_noun(ctx.masthead) == noun:
            # "the agency" in an agency's own report is the publisher, unless the text named another
            # body lately, which it may be under another noun ("the regulator, Tarnsafe"): then it
            # stays "the agency", which names no one for sure
            return phrase_subject(ctx, phrase) if _other_bodies(ctx) else ctx.masthead
        if named is None and ctx.previous is None and phrase.text.lower() not in _LEX.first_person:
            return phrase_subject(ctx, phrase)  # "The trust's budget" opening a text: the trust
        if named is None and ctx.previous is not None and ctx.previous.type == "person" \
                and noun not in _LEX.lower_role_titles and noun not in _LEX.reference_words:
            # "The board proposes ..." after a sentence about its chief executive: a body, not that
            # person; the publisher's own, unless the text named another body lately
            return phrase_subject(ctx, phrase) if _other_bodies(ctx) or ctx.masthead is None else ctx.masthead
        return named or ctx.previous
    return phrase_subject(ctx, phrase)


def role_owner(ctx: Context, value: PersonValue) -> PersonValue:
    """ "budget director of the city": of the one body the text named lately with that noun ("the
    City of Port Alder"), or of the publisher whose name ends in it; else as written."""
    found = re.search(r"\bof the ([a-z]+)$", value.role or "")
    if found is None:
        return value
    noun = found[1]
    names = {s.name for s in ctx.topics.values() if s.type != "person" and noun in _words_of(s)}
    names |= {n for n in ctx.lately if noun in normal(n).split()}
    if not names and head_noun(ctx.masthead) == noun:
        names = {ctx.masthead.name}
    if len(names) != 1:
        return value  # none, or two bodies that noun may name
    name = names.pop()
    within = normal(name)
    if any(s.type != "person" and proper(ctx, s) and normal(s.name) not in within
           and within not in normal(s.name) for s in ctx.topics.values()):
        return value  # "Kellston bought buses from the City of Riverton ... the city's": either city
    return value.model_copy(update={"role": f"{value.role[:found.start()]}of {name}"})


def _other_bodies(ctx: Context) -> bool:
    """Whether the text named lately an organisation other than its publisher ("The national food
    regulator, Tarnsafe, ..."): "the agency" may then be that one, under another noun."""
    mine = {normal(n) for n in ctx.masthead.names()} if ctx.masthead else set()
    return any(s.type != "person" and proper(ctx, s) and normal(s.name) not in mine
               for s in ctx.topics.values())


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` is inside a quotation, or the sentence quotes someone at all ("‘We cut 300 jobs,’
    said ..."): straight, curly or single quotation marks."""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") \
        or before.count("‘") > before.count("’") or bool(re.search(r"[\"“”‘]|(?<!\w)'|'(?!\w)", text))


# "told reporters", "said:", a reporting verb with a speaker after it: someone other than the text speaks
_SPEAKS = re.compile(r"\b(?:said|says|told|tells|added|explained|according to)\b")


def _antecedent(ctx: Context, pronoun: str) -> Subject | None:
    """The unnamed subject of the sentence before, where the pronoun agrees with it in number
    ("Clothing sales ... They", "the port authority ... It"); a lone noun is none ("The programme
    ... It", "Revenue rose ... It"): it speaks of the subject before, and so does the pronoun."""
    last = ctx.last_main
    if last is None or len(last.text.split()) < 2:
        return None  # "The programme ... It": a lone noun refers back itself, as does a bare "Revenue"
    plural = last.text.split()[-1].lower().endswith("s") and not last.text.lower().endswith("ss")
    return phrase_subject(ctx, last) if plural == (pronoun == "they") else None


def proper(ctx: Context, subject: Subject) -> bool:
    """A name that carries to the sentences after it: a proper name, not "Net profit" opening a
    sentence."""
    words_ = subject.name.split()
    while len(words_) > 1 and words_[0] in _TIMES:
        words_ = words_[1:]  # "December traffic": a month is capitalised, and names no one
    first = words_[0] if words_ else ""
    return subject.type in ("place", "organization", "person") or first in ctx.proper or first.isupper() \
        or any(w[:1].isupper() for w in words_[1:])


def _last_body(ctx: Context, noun: str) -> Subject | None:
    """The business "the company" (`noun`) is: the publisher, in a text that names it, for the nouns a
    company calls itself by; else of the last sentence that named a business, the one it said spoke
    ("..., Kerrow Utilities said"), else the first it named ("Skerrow Ferries Ltd, which is owned by
    ..."), the publisher included; never a person or a public body ("Dunmore Council said it had
    received complaints about Kerrow Utilities. The company said ..."); else one it filed figures
    under."""
    mine = {normal(n) for n in ctx.masthead.names()} if ctx.masthead else set()
    if noun in _LEX.own_company_nouns and mine & ctx.named_bodies:
        return ctx.masthead  # "At the end of the year the company employed 612 people" in its own report
    for name in ctx.bodies:
        if person_named(ctx, name) is not None or _PUBLIC.search(name):
            continue
        if normal(name) in mine:
            return ctx.masthead
        named = names.subject_named(name, ctx.aliases)  # "Pellham Transport's director": Pellham Transport
        return known(ctx, named.model_copy(update={"type": "organization"}))
    return next((s for s in ctx.topics.values() if s.type == "organization" and proper(ctx, s)
                 and normal(s.name) not in mine and not _PUBLIC.search(s.name)), None)


_PUBLIC = re.compile(rf"\b(?:{_LEX.alternation('public_body_words')})\b")


def _words_of(subject: Subject) -> set[str]:
    return {w for n in subject.names() for w in re.findall(r"[a-z]+", n.lower())}


def phrase_subject(ctx: Context, phrase) -> Subject:
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
    return known(ctx, Subject(name=named.name, aliases=aliases, type=kind))


def sentence_names(reading: Reading) -> dict:
    """The attribution and the names a sentence mentions, for every claim taken from it."""
    said = reading.attribution()
    entities = tuple((p.text, "place" if p.kind == "place" else "other", p.kind)
                     for p in reading.entities() if not said or p.text not in said.text)
    if said:
        entities += ((said.text, "attribution", said.kind),)
    return {"attribution": said.text if said else None, "entities": entities}


# Whether "It ...", "The farm ..." speaks of the subject before is check's rule (statements.parse): it
# carries a previous statement's subject when the sentence names no ledger subject and opens with a
# reference. Extract's previous subject is often unknown to the ledger, so it asks with a stand-in.
def sentence_subject(ctx: Context, stmt: Statement) -> Subject:
    """Who the sentence is about: for "X's chief executive, Y, said output rose" who the reported
    clause names, else the subject before (the speaker is not what the figures are of); the one
    before for "It ...", "The farm ..."; else a ledger subject or the first name it names."""
    reported = names.reported_clause(stmt.text) if ctx.previous else None
    if reported is not None:
        return named_in(ctx, reported) or ctx.previous
    if not stmt.subjects and refers_back(stmt.text) and ctx.previous:
        return ctx.previous
    text = stmt.text[dateline_end(stmt.text):]  # "RIVERTON, April 14 — The Ministry ...": the Ministry
    return named_in(ctx, text) or ctx.previous or Subject(name="(unknown)")


def named_in(ctx: Context, text: str) -> Subject | None:
    if hits := ctx.index.subjects_in(text):
        return ctx.index.claims[ctx.index.by_subject[hits[0].key][0]].subject
    return names.first_named_subject(text, ctx.proper, ctx.aliases)
