"""Qualifiers around a figure ("more than 5", "nearly a third", "5 or more", "80,000+"), read from
the lexicon's word lists."""

from __future__ import annotations

import re

from verifier.common.lexicon import lexicon

_QUALIFIERS = lexicon().qualifiers_before
_PHRASE = {p: q for q, ps in _QUALIFIERS.items() for p in ps}
_QUALIFIER_BEFORE = re.compile(r"(?i)(?<!\w)(?P<q>" + "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_PHRASE, key=len, reverse=True)) + r")\s*$")
_AFTER = {p: q for q, ps in lexicon().qualifiers_after.items() for p in ps}
_QUALIFIER_AFTER = re.compile(r"\s+(?P<q>" + "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_AFTER, key=len, reverse=True)) + r")\b|(?P<plus>\+)")


# "edged up to 5.3%", "was revised up to 6.1%": a move up that ends at the figure, no ceiling
_MOVED = re.compile(rf"\b(?:{lexicon().alternation('move_verbs')})\s+$", re.IGNORECASE)


# "up to 30% in some shops", "up to £9 per visit": a ceiling, whatever verb comes before
_SOME = re.compile(r"\s*(?:%|percent|per cent)?\s*(?:in|for|at|on)\s+(?:some|many|a few|certain|parts)\b"
                   r"|\s*per\b")


# "€12 million over three years", "will fund 12 clinics over three years": spread across them, not
# more than three.
_DURATION = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?|quarters?)\b")
_SPREAD_BY = re.compile(r"(?i)[$€£¥]|\b(?:fund|invest|spend|pay|paid|repa(?:y|id)|borrow|grant|allocat|budget"
                        r"|financ|euros?|dollars?|pounds?|million|billion)\w*")


def qualifier_around(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """"more than 5" (the words before win), else "5 or more", "80,000+": qualifier, start, end."""
    q = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    moved = q is not None and q["q"].lower().startswith("up") \
        and _MOVED.search(text, max(0, q.start() - 12), q.start()) and not _SOME.match(text, end)
    # only money is spread over years: "waited over 18 weeks", "is over two years late" are more than
    spread = q is not None and q["q"].lower() == "over" and _DURATION.match(text, end) \
        and _SPREAD_BY.search(text, max(0, q.start() - 60), q.start()) is not None
    if q and not moved and not spread:
        return _PHRASE[re.sub(r"\s+", " ", q["q"].lower())], q.start(), end
    if q := _QUALIFIER_AFTER.match(text, end):
        return ("at_least" if q["plus"] else _AFTER[re.sub(r"\s+", " ", q["q"].lower())]), start, q.end()
    return None, start, end
