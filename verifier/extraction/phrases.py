"""Noun phrases read from a sentence's dependency parse: the name a value is said of, cut to what
names it ("the index for all items", not its relative clause or the place it is in), with the
shorter forms matching may know it by. `grammar.Reading` asks the questions; this builds the
answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from verifier.extraction import parse_tree as tree
from verifier.parsing.dates import MONTHS

PLACE_LABELS = {"GPE", "LOC"}
NAME_LABELS = {"GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
NOUN_POS = {"NOUN", "PROPN"}
_MONTH_WORDS = {*MONTHS, *(m[:3] for m in MONTHS), "Sept"}  # "May" opening a date is no one's name
_CUT_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "prep", "nummod",
             "quantmod", "case"}
KEEP_PREPS = {"of", "for"}  # "index for all items", "share of the population ...": part of the name
ARTICLES = {"the", "a", "an", "this", "these", "that", "those", "its", "their"}
_FIGURE_LABELS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}
_UNIT = re.compile(r"[^\W\d_]{1,3}/[^\W\d_]{1,3}[³²3]?")


@dataclass(frozen=True)
class Phrase:
    """A noun phrase the parse names: offsets in the sentence, its text and shorter forms of it."""

    start: int
    end: int
    text: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"  # place, organization, person, other
    refers_back: bool = False  # a pronoun or "the scheme": the subject of the sentence before
    measure: bool = False  # an unowned measure ("GDP rose 2%"): of the subject before
    proper: bool = False  # holds a proper noun or a named entity
    speaker: bool = False  # "we", "our teams": the publisher speaking of itself
    people: bool = False  # "passengers", "officers": people of no one in particular, who did what is counted


class PhraseReader:
    """The phrase-building half of a parsed sentence (`text`, `doc`, `_lex`, `dates` are set by Reading)."""

    def in_date(self, at: int) -> bool:
        """Whether the character at `at` is part of a date ("in FY2023" parses as a proper noun)."""
        return any(start <= at < end for start, end in self.dates)

    def _is_measure(self, token) -> bool:
        return self._lex.is_measure(token.lower_)

    def _entity(self, ent) -> Phrase:
        text = re.sub(r"^(?:the|The)\s+", "", ent.text)  # "the United States": United States
        return Phrase(ent.end_char - len(text), ent.end_char, text, kind=tree.kind(ent.label_))

    def coordinated_before(self, pos: int, count: int, subject: bool = False) -> list[Phrase]:
        """The last list of `count` coordinated phrases before offset `pos` ("men and women", "A, B,
        and C"): the items a "respectively" hands its figures to; `subject`: only a list that is a
        clause's subject ("A and B carried 40 and 12"), which hands them over without the word."""
        best: list[Phrase] = []
        for t in self.doc:
            if t.idx >= pos or t.dep_ == "conj" or t.is_punct or subject and not self._subject_list(t):
                continue
            chain, cur = [t], t
            while (nxt := tree.child(cur, "conj")) is not None:
                chain.append(nxt)
                cur = nxt
            if len(chain) == count and chain[-1].idx < pos and chain[0].pos_ in NOUN_POS:
                phrases = [self._item_before(c, pos) for c in chain]
                if all(phrases):
                    best = phrases
        return best

    @staticmethod
    def _subject_list(token) -> bool:
        """A list that is a clause's subject, or whose places its subject measures: "A and B", "Sales
        at A and B"."""
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        return token.dep_ in tree.SUBJECT_DEPS

    def _item_before(self, token, pos: int) -> Phrase | None:
        """A listed item's phrase, ending before the figures and before any verb: where the parse
        takes "the Central Plain recorded rates of 4% and 6%" for one item, "Central Plain"; "its
        neighbour, Sinyati Primary": the name in apposition."""
        if (name := tree.child(token, "appos")) is not None and name.pos_ == "PROPN" and name.idx < pos:
            token = name
        phrase = self._phrase(token)
        if phrase is None or phrase.end <= pos and not any(
                t.pos_ in ("VERB", "AUX") and phrase.start <= t.idx < phrase.end for t in token.subtree):
            return phrase
        kept = []
        for t in sorted(token.subtree, key=lambda t: t.i):
            if t.idx >= pos or t.pos_ in ("VERB", "AUX") or t.is_punct and kept:
                break
            kept.append(t)
        named = [t for t in kept if t.pos_ in NOUN_POS]
        return self._phrase_of_tokens(kept[:kept.index(named[-1]) + 1]) if named else None

    def _own_place(self, noun, any_name: bool = False) -> Phrase | None:
        """The place a noun is in ("412 deaths in Norland"); with `any_name`, any name it is placed
        in ("the busiest day in Norland Power"). A date is no place ("in August")."""
        prep = tree.child(noun, "prep", "in")
        obj = tree.child(prep, "pobj") if prep is not None else None
        if obj is None or obj.ent_type_ in tree.VALUE_LABELS:
            return None
        named = obj.ent_type_ in PLACE_LABELS \
            or any_name and (obj.pos_ == "PROPN" or obj.ent_type_ in NAME_LABELS)
        return self._phrase(obj, keep_appos=False) if named else None

    def _place_in(self, head) -> Phrase | None:
        places = [t for t in head.subtree
                  if t.dep_ == "pobj" and t.head.lower_ == "in" and t.ent_type_ in PLACE_LABELS]
        return self._phrase(places[-1], keep_appos=False) if places else None  # the narrowest: "in Ohio"

    def name_ents(self) -> list:
        """The parse's entities that are names, none of them in a date ("FY2023")."""
        return [e for e in self.doc.ents if e.label_ in NAME_LABELS and not self.in_date(e.start_char)]

    def _named_in(self, inside) -> Phrase | None:
        """The first name the sentence mentions outside the value."""
        return next((self._entity(e) for e in self.name_ents() if not any(t.i in inside for t in e)), None)

    def _phrase(self, token, keep_appos: bool = True) -> Phrase | None:
        """The noun phrase headed by `token`: its modifiers and "of"/"for" complements, without the
        article, relative clauses or a place it is in. A date or a figure is no one's name."""
        if token.ent_type_ in tree.VALUE_LABELS or token.like_num or token.text.rstrip(".") in _MONTH_WORDS \
                or self.in_date(token.idx):
            return None
        for acl in tree.children(token, "acl"):  # "a surrogate called Curra": Curra
            if acl.lower_ in ("called", "named") and (name := next(
                    (c for c in acl.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")
                     and c.pos_ == "PROPN"), None)) is not None:
                return self._phrase(name, keep_appos)
        keep = [token]
        for child in token.children:
            measured = child.lower_ == "in" and self._is_measure(token) and not any(
                t.ent_type_ in PLACE_LABELS for t in child.subtree)  # "changes in inventories"
            kept_prep = child.dep_ == "prep" and child.i > token.i \
                and (child.lower_ in KEEP_PREPS or measured) and not self._of_time(child)
            if child.dep_ in _CUT_DEPS and not kept_prep \
                    and not (child.dep_ == "appos" and child.left_edge.i > 0
                             and not self.doc[child.left_edge.i - 1].is_punct):
                continue  # an apposition without a comma is the parser's misreading of one phrase
            keep.extend(child.subtree)
        phrase = self._phrase_of_tokens(keep)
        if phrase is None:
            return None
        if called := re.search(r"\b(?:called|named)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$", phrase.text):
            # "a dog called Rex": Rex
            return Phrase(phrase.end - len(called[1]), phrase.end, called[1], kind="other")
        aliases = list(phrase.aliases)
        core = sorted([token, *tree.compounds(token)], key=lambda t: t.i)
        core_text = self._span_text(core)
        if core_text and core_text != phrase.text:
            aliases.append(core_text)
        proper = [t for t in core if t.pos_ == "PROPN"]
        if proper and token.pos_ == "NOUN" and proper[-1].i == token.i - 1:
            aliases.append(self._span_text(proper))  # "the Harbour Wind farm": Harbour Wind
        if keep_appos and (ab := re.match(r"\s*\(([A-Z][\w.&-]*[A-Z][\w.]*)\)", self.text[phrase.end:])):
            aliases.append(ab[1])  # "Joint Field Office (JFO)"
        return Phrase(phrase.start, phrase.end, phrase.text, tuple(dict.fromkeys(aliases)),
                      kind=tree.kind(token.ent_type_), proper=phrase.proper)

    def _of_time(self, prep) -> bool:
        """ "for that quarter", "of the year": a time, no part of a name."""
        obj = tree.child(prep, "pobj")
        return obj is not None and (obj.lower_ in self._lex.time_nouns or obj.ent_type_ in ("DATE", "TIME"))

    def _phrase_of_tokens(self, tokens) -> Phrase | None:
        tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
        while tokens and (tokens[0].lower_ in ARTICLES or tokens[0].dep_ == "punct"
                          or not tokens[0].text[0].isalnum()):  # "the all items index": all items index
            tokens = tokens[1:]
        # "the hourly limit of 200 µg/m³": a figure in a phrase ends the name it is part of
        figure = next((k for k, t in enumerate(tokens) if k and t.ent_type_ in _FIGURE_LABELS), None)
        if figure is not None:
            tokens = tokens[:figure]
            while tokens and tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
                tokens = tokens[:-1]
        opened = [k for k, t in enumerate(tokens) if t.text == "("]
        if opened and not any(t.text == ")" for t in tokens[opened[-1]:]):
            tokens = tokens[:opened[-1]]  # "Ostvale Energy Cooperative (OEC": the name; (OEC) is its alias
        while tokens and tokens[-1].is_punct and tokens[-1].text not in (".", ")"):
            tokens = tokens[:-1]
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = " ".join(self.text[start:end].split())
        proper = any(t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS for t in tokens)
        if tokens[-1].text == "." and not re.search(r"\b[A-Z][a-z]?\.$|\b(?:[A-Z]\.){2,}$", text):
            end -= 1
            text = text[:-1]
        if not text or _UNIT.fullmatch(text.replace(" ", "")):
            return None  # "µg/m³": a unit, no one's name
        return Phrase(start, end, text, proper=proper)

    def _placed_in(self, noun) -> Phrase | None:
        """The named place or area a common noun is in: "hospitals in Kent", "firefighters in Verrano
        province" (the parser may take a place for a person: any proper name counts)."""
        prep = tree.child(noun, "prep", "in")
        obj = tree.child(prep, "pobj") if prep is not None else None
        if obj is None or obj.ent_type_ in tree.VALUE_LABELS or self.in_date(obj.idx):
            return None
        place = self._own_place(noun, any_name=True) or self._place_or_area(obj)
        return replace(place, kind="place") if place is not None else None

    @staticmethod
    def _apposed_name(subj):
        """The name in apposition to a subject: "the host town, Nordvik"; a person's after a title,
        which the parser may split at its commas ("the county's Police, Fire and Crime Commissioner,
        Jo Ng")."""
        if subj.pos_ == "NOUN" and (name := tree.child(subj, "appos")) is not None and name.pos_ == "PROPN":
            return name
        chain = [subj]
        while len(chain) < 6 and (nxt := tree.child(chain[-1], "conj")) is not None:
            chain.append(nxt)
        return next((name for t in chain if t.pos_ == "PROPN" and (name := tree.child(t, "appos")) is not None
                     and name.ent_type_ == "PERSON"), None)

    @staticmethod
    def _speaker(token) -> Phrase:
        return Phrase(token.idx, token.idx + len(token), token.text, refers_back=True, speaker=True)

    def _referring(self, token, measure: bool = False) -> Phrase | None:
        phrase = self._phrase(token)
        return Phrase(phrase.start, phrase.end, phrase.text, phrase.aliases, refers_back=True,
                      measure=measure) if phrase else None

    def _noun_after(self, last: int):
        """ "a €2.5 billion (60 billion CZK) Czech scheme": the named noun an amount stands before,
        read by word order where the parser misreads the parenthesis."""
        doc, i = self.doc, last + 1
        if i < len(doc) and doc[i].text == "(":
            while i < len(doc) and doc[i].text != ")" and i - last < 8:
                i += 1
            i += 1
        j = i
        while j < len(doc) and doc[j].pos_ in ("ADJ", "PROPN", "NOUN") and not doc[j].like_num:
            j += 1
        if j == i or j - i > 5 or doc[j - 1].pos_ not in NOUN_POS:
            return None
        words = doc[i:j]
        return words[-1] if any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in words) \
            else None

    def _place_or_area(self, obj) -> Phrase | None:
        """A place ("in Leeds"), or the area a name marks out: "in the Caldmere Health Board area" is
        the board's."""
        if obj.ent_type_ in PLACE_LABELS:
            return self._phrase(obj, keep_appos=False)
        name = [t for t in obj.children if t.dep_ == "compound" and t.i < obj.i and t.pos_ == "PROPN"]
        area = obj.lower_ in self._lex.area_nouns or obj.text.capitalize() in self._lex.place_words
        if not area or not name:
            return None  # "the Caldmere Health Board area", "Verrano province": the name before
        own = self._phrase_of_tokens([x for t in name for x in t.subtree])
        return Phrase(own.start, own.end, own.text, own.aliases, kind="place", proper=True) if own else None

    def area_after(self, start: int, end: int) -> Phrase | None:
        """The place named right after the value at [start, end) ("+1.0% in the euro area")."""
        inside = {t.i for t in self.doc if t.idx < end and start < t.idx + len(t)}
        return self._area_near(inside) if inside else None

    def _area_near(self, inside) -> Phrase | None:
        """ "rose 0.2% in the euro area and 0.4% in the EU": the place named right after each figure,
        before the next figure (the parse of such coordinations is unreliable, word order is not)."""
        doc = self.doc
        last = max(inside)
        for t in doc[last + 1:]:
            if t.like_num or t.text in (";", "(") or t.lower_ in ("compared", "after", "from", "than"):
                return None
            named = t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG", "GPE", "LOC", "FAC")
            if t.ent_type_ in PLACE_LABELS or named \
                    or self._area_name_at(t):
                lead = doc[t.i - 1] if t.i else None
                if lead is not None and lead.lower_ == "the" and t.i >= 2:
                    lead = doc[t.i - 2]
                if lead is None or not (lead.lower_ in ("in", "across", "throughout", "for", "among")
                                        or lead.i == last):
                    return None  # "in the euro area", "by 0.4% the EU"; not "are left - Mira"
                phrase = self._phrase(tree.np_head(t), keep_appos=False)
                return Phrase(phrase.start, phrase.end, phrase.text, phrase.aliases, kind="place") \
                    if phrase and phrase.kind == "other" and self._area_name_at(t) else phrase
        return None

    def _area_name_at(self, token) -> bool:
        rest = self.text[token.idx:].lower()
        return any(rest.startswith(name) for name in self._lex.area_names)

    def _span_text(self, tokens) -> str:
        phrase = self._phrase_of_tokens(tokens)
        return phrase.text if phrase else ""
