"""Values read in parts: "one in five" and "two-thirds of" (shares), "312 per 100,000 people" (a
rate); "type 2" and "adults over 65" are labels, "for every £1 donated" a denominator, not figures."""

from __future__ import annotations

import re

from verifier.models import QuantityValue
from verifier.parsing.mention import Mention
from verifier.parsing.qualifiers import qualifier_around

_PER = re.compile(r"\s+(?:[a-z]+\s+)?per\s+")  # "312 per 100,000", "13.5 cases per 100,000"
_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_RATIO = re.compile(r"\b(?P<a>\d+|(?i:one|two|three|four|five|six|seven|eight|nine))\s+in\s+(?:every\s+)?"
                    r"(?P<b>\d+|(?i:two|three|four|five|six|seven|eight|nine|ten))\b")
_EVERY = re.compile(r"(?i:\b(?:for|out\s+of|in)\s+every\s+)$")  # "for every £1 donated": a denominator
_LABEL = re.compile(r"(?i:\b(?:type|phase|stage|level|grade|tier|step|round|category|class|article|section"
                    r"|chapter|aged|ages?)\s+$|\b(?:adults|people|children|men|women|patients|those)\s+$)")


def compound_values(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Values read in parts: "one in five" (a share), "two-thirds of" (a share), "312 per 100,000
    people" (a rate); "type 2", "adults over 65" are labels, not figures."""
    ratios = [r for r in _RATIO.finditer(sentence) if 0 < _number(r["a"]) < _number(r["b"]) <= 1000]
    out = [Mention(r.start(), r.end(), r.group(), QuantityValue(amount=round(100 * _number(r["a"]) / _number(
        r["b"]), 1), unit="percent")) for r in ratios]
    shares, numerators = _fractions(sentence)
    out += shares
    parts = [(m.start, m.end) for m in out] + numerators
    read = len(out)  # the values read in parts; what comes after them is the sentence's own
    for m in mentions:
        v, last = m.value, out[-1] if len(out) > read else None
        if any(s <= m.start < e for s, e in parts) or isinstance(v, QuantityValue) \
                and not (v.unit or v.currency) and _LABEL.search(sentence, max(0, m.start - 40), m.start) \
                or _EVERY.search(sentence, max(0, m.start - 20), m.start):
            continue
        if last and isinstance(v, QuantityValue) and v.amount in (100, 1000, 10_000, 100_000, 1_000_000) \
                and isinstance(last.value, QuantityValue) and _PER.fullmatch(sentence, last.end, m.start):
            rate = last.value.model_copy(update={"unit": f"per {m.text}", "noun": v.noun})
            out[-1] = Mention(last.start, m.end, sentence[last.start:m.end], rate)
        else:
            out.append(m)
    return sorted(out, key=lambda m: m.start)


# "two-thirds of", "half of", "cut by a quarter": a share in words. Not "the first half of 2024", "half a
# million" (a number) nor "two quarters" of a year (a time).
_FRACTION = re.compile(r"(?i)(?<![\w-])(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine)[ -]"
                       r"(?P<d>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?)"
                       r"|(?P<half>half))\b")
_DENOMINATORS = {"hal": 2, "thi": 3, "qua": 4, "fou": 4, "fif": 5, "six": 6, "eig": 8, "ten": 10}
_FRACTION_NOT_AFTER = re.compile(r"(?i:\b(?:first|second|third|fourth|last|final|the|this|next|latter|former)"
                                 r"\s+$)")
# a share of a whole ("of the staff", "of its members", "of residents"), not a part of one thing ("of a
# mile", "of an hour", "of a percentage point"), of a time or of a distance ("of the way")
_FRACTION_OF = re.compile(r"\s+of\s+(?!an?\b|one\b|(?:the\s+)?(?:\d{4}|years?|decades?|century|months?|weeks?"
                          r"|days?|hours?|way)\b)")
_FRACTION_BY = re.compile(r"(?i:\bby\s+(?:(?:nearly|almost|about|around|roughly|some|more\s+than|less\s+than"
                          r"|over|under|just\s+over|just\s+under)\s+)?)$")
_OF = re.compile(r"\s+of\b")
_OF_ONE_THING = re.compile(r"\s+(?:an?|of)\b")  # "by half a percentage point", "by a quarter of a point"


def _fractions(sentence: str) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Shares written as fractions, in percent: "a third" is 33.3% read as about a third, unless a
    qualifier says otherwise ("nearly a third", "more than half"). Also where a fraction no share
    was read from stands: its numerator is no count ("two thirds of a mile", "three quarters of an
    hour"); "two quarters" alone is a count of quarters, "a quarter of a million" a number."""
    shares, numerators = [], []
    for f in _FRACTION.finditer(sentence):
        if f["n"] and f["n"].lower() not in ("a", "an", "one") \
                and (_OF.match(sentence, f.end()) or not f["d"].lower().startswith(("qua", "hal"))):
            numerators.append(f.span())
        by = _FRACTION_BY.search(sentence, max(0, f.start() - 40), f.start())
        if not (_FRACTION_OF.match(sentence, f.end()) or by and not _OF_ONE_THING.match(sentence, f.end())) \
                or _FRACTION_NOT_AFTER.search(sentence, max(0, f.start() - 12), f.start()):
            continue
        n = 1 if f["half"] or f["n"].lower() in ("a", "an") else _number(f["n"])
        d = 2 if f["half"] else _DENOMINATORS[f["d"].lower()[:3]]
        if n >= d:
            continue
        qualifier, start, end = qualifier_around(sentence, f.start(), f.end())
        share = round(100 * n / d, 1)
        value = QuantityValue(amount=share, unit="percent", qualifier=qualifier or "approximately")
        shares.append(Mention(start, end, sentence[start:end], value))
    return shares, numerators


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL[word.lower()]
