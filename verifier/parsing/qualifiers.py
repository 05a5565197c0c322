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
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|hundred)\b",
                     re.IGNORECASE)
_LONGER_THAN = re.compile(r"(?i:\b(?:for|in|after|lasted|lasting|last|took|taken|taking|take|spent|waited"
                          r"|wait|waiting|of)\s+$)")
_LATE = re.compile(r"\s+(?:late|old|ago|overdue|behind)\b")
_SPREAD_BY = re.compile(r"(?i)[$€£¥]|\b(?:fund|invest|spend|pay|paid|repa(?:y|id)|borrow|grant|allocat|budget"
                        r"|financ|euros?|dollars?|pounds?|million|billion)\w*")


def _spread(text: str, over: int, end: int) -> bool:
    """Whether "over" before a duration spreads a figure or money across it ("1,200 homes over five
    years", "£4 million over three years"); "waited over 18 weeks", "is over two years late", "for
    over a decade" are more than."""
    if text[over:over + 4].lower() != "over" or (d := _DURATION.match(text, end)) is None:
        return False
    before = max(0, over - 60)
    spread = _SPREAD_BY.search(text, before, over) or _FIGURE.search(text, before, over)
    longer = _LONGER_THAN.search(text, max(0, over - 12), over) or _LATE.match(text, d.end())
    return bool(spread) and not longer


def qualifier_around(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """"more than 5" (the words before win), else "5 or more", "80,000+": qualifier, start, end."""
    q = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    moved = q is not None and q["q"].lower().startswith("up") \
        and _MOVED.search(text, max(0, q.start() - 12), q.start()) and not _SOME.match(text, end)
    if q and not moved and not _spread(text, q.start(), end):
        return _PHRASE[re.sub(r"\s+", " ", q["q"].lower())], q.start(), end
    if q := _QUALIFIER_AFTER.match(text, end):
        return ("at_least" if q["plus"] else _AFTER[re.sub(r"\s+", " ", q["q"].lower())]), start, q.end()
    return None, start, end
