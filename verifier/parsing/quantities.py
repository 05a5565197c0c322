"""Numbers, qualifiers and dates in a sentence → typed values.

Drafts (`check`) and sources (`extract`) go through the same `find_values`, so spans are
exact code-point offsets. Dates live in dates.py, the words around a figure that qualify it in
qualifiers.py, values read in parts (shares, rates) in parts.py; turning values into intervals
and comparing them lives in tolerance.py.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from verifier.common.lexicon import lexicon
from verifier.models import SCALE_FACTOR, DateValue, QuantityValue
from verifier.parsing.dates import find_dates, looks_plural
from verifier.parsing.mention import Mention
from verifier.parsing.parts import compound_values
from verifier.parsing.qualifiers import qualifier_around

__all__ = ["Mention", "find_values", "mask"]


# ---------------------------------------------------------------- lexicon

_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = ["thousand", "million", "billion", "trillion"]
_ABBR = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion", "tn": "trillion"}
_NUMWORD = "|".join([*_ONES, *_TENS, "a", "an", "dozen"])

# Thousands grouped by commas, or by spaces ("818 159", with a thin or no-break space too).
_DIGITS = (r"(?<![\w.,/:])(?!0\d)(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])"
           r"|\d+(?:,\d{3})*(?:\.\d+)?)(?!\d|[.,:/]\d)")
# "net-zero", "all-one": a number word glued after another word is part of that word.
_CANDIDATE = re.compile(rf"{_DIGITS}|(?<![A-Za-z]-)\b(?i:{_NUMWORD})\b")
_DIGITS_AT = re.compile(_DIGITS)
_WORD_AT = re.compile(r"[A-Za-z]+")
_WORD_SEP = re.compile(r"\s+|-")
_SCALE_AT = re.compile(r"(?P<sp>\s*)(?P<s>(?i:thousand|million|billion|trillion)|bn|mn|tn|k|m|b)(?!\w)")
_GLUED_UNIT = re.compile(r"(?:[kMGT]?Wh?|km|kg)\b")  # "1.2GW", "5km"; other glued letters: not a number
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?P<w>to|and)\s+")

_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}  # bare ¥ read as yuan: write JP¥ for yen
_SYMBOL_PREFIX = {"US": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "HK": "HKD", "NZ": "NZD",
                  "S": "SGD", "CN": "CNY", "JP": "JPY"}
_CODES = "|".join(lexicon().currency_codes)
_CURRENCY_BEFORE = re.compile(rf"(?<![A-Za-z])(?:(?P<pre>US|AU|A|CA|C|HK|NZ|S|CN|JP)?(?P<sym>[$€£¥])"
                              rf"|(?P<code>{_CODES})\s?)\s?$")
_SUFFIXES: list[tuple[str, str, str]] = [  # (regex at the end of the number, "currency"/"unit", value)
    (r"\s*(?:pp|p\.p\.)(?!\w)|\s+percentage[- ]points?\b", "unit", "percentage points"),
    (r"\s*%|(?:\s+|-)(?:percent|per\s+cent|pct)\b", "unit", "percent"),
    (r"\s?(?P<u>[kMGT]?Wh?)\b", "unit", ""),
    (r"\s+(?i:(?P<p>kilo|mega|giga|tera)?watts?)\b(?![- ]hours?\b)", "unit", "W"),
    (r"\s+(?i:(?P<p>kilo|mega|giga|tera)?watt[- ]hours?)\b", "unit", "Wh"),
    (r"\s?°\s?C\b|\s+(?i:degrees?\s+(?:celsius|centigrade|C\b)|celsius)\b", "unit", "celsius"),
    (r"\s?°\s?F\b|\s+(?i:degrees?\s+(?:fahrenheit|F\b)|fahrenheit)\b", "unit", "fahrenheit"),
    (r"\s?km\b|\s+(?i:kilomet(?:er|re)s?)\b", "unit", "km"),
    (r"\s?kg\b|\s+(?i:kilograms?)\b", "unit", "kg"),
    (r"\s+(?P<u>tonnes|tons|miles|hectares|acres|ppm)\b", "unit", ""),
    # concentrations ("11.8 µg/m³", "0.5 mg/L"): units of their own, never compared with a bare count
    (r"\s?(?P<u>[µμu]g/m[³3]|[mn]g/m[³3]|[mµμu]g/[lL]|ppb)(?![\w/])", "unit", ""),
    (r"\s+(?:(?:US|U\.S\.|American)\s+)?(?i:dollars?)\b", "currency", "USD"),
    (r"\s+(?i:euros?)\b", "currency", "EUR"),
    (r"\s+(?:yuan|renminbi|RMB)\b", "currency", "CNY"),
    (r"\s+(?:pounds\s+sterling|sterling)\b", "currency", "GBP"),
    (r"\s+yen\b", "currency", "JPY"),
    (rf"\s+(?P<u>{_CODES})\b", "currency", ""),
]
_SUFFIX_RES = [(re.compile(rx), kind, value) for rx, kind, value in _SUFFIXES]
# one spelling of a unit however typed: the Greek mu and a "u" are the micro sign, "m3" is "m³", "l" is "L"
_ONE_SPELLING = {"μ": "µ", "u": "µ", "3": "³", "l": "L"}
_UNIT_SPELLING = re.compile(r"^[μu](?=g/)|(?<=/m)3$|(?<=/)l$")
_PREFIX = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T"}

_NOUN_AFTER = re.compile(r"\s+(?P<w1>[A-Za-z][A-Za-z'’-]*)(?:\s+(?P<w2>[A-Za-z][A-Za-z'’-]*))?"
                         r"(?:\s+(?P<w3>[a-z][a-z'’-]*))?")
_STOP = set("""a an and or of in on at to from the per for by with is are was were be been has have had
    will would than that which who as since each every more less this these those it its their his her our
    until into about over under after before during respectively while but not also""".split())
# URLs, e-mail addresses, phone numbers and codes ("USDL-12-1834", "EIA-860M", "COVID-19") hold
# digits that are no values.
_BLOCKED = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b[A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Za-z0-9]+)*-[A-Za-z]*\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b"
                      r"|(?<![\w.])(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?!\w)"
                      # a time of day ("6.30 p.m.", "10am", "14:00") and a list item's number ("1. Business")
                      r"|(?<![\w.,$€£¥])\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b)|(?<![\w.:,])\d{1,2}:\d{2}(?![\d:])"
                      r"|^[ \t]*[-•*]?[ \t]*\d{1,2}[.)](?=[ \t]+[A-Z])", re.MULTILINE)
# "our 2023 graduates", "the 2019 intake": a year naming a group, not a count of it
_YEAR_NAMING = re.compile(r"(?i:\b(?:the|our|its|their|this|his|her|whose)\s+)$")
_YEAR_NAMED = re.compile(r"(?:1[89]\d\d|20\d\d)\s+[a-z]")

# What every match of each kind of _BLOCKED holds besides "http", "www.", "@" or a hyphen: a phone
# number's dot before four digits, a time's digit before "am"/"p.m." or before ":" and two digits, a
# list item's number before "." or ")" and a capital. A kind added to _BLOCKED needs its mark here
# (tests/test_quantities.py generates texts of every kind).
_MARKS = re.compile(r"\.\d{4}|\d\s*[ap]\.?m|\d:\d|\d[.)][ \t]+[A-Z]")


def _may_be_blocked(text: str) -> bool:
    """Whether _BLOCKED can match at all. Most sentences hold none of its kinds' marks, and the search
    for codes tries at every word (7 us a sentence)."""
    return "-" in text or "@" in text or "http" in text or "www." in text or bool(_MARKS.search(text))


# ---------------------------------------------------------------- reading numbers


_OPEN = (None, "hundred", "and", "scale")  # where a spelled number may go on with 1-99


def _step(w: str, last: str | None, current: int) -> tuple[str, int] | None:
    """The next word of a spelled number below a thousand: (its kind, the value so far), None if it ends."""
    if w in ("a", "an") and last is None:
        return "a", 1
    if w in _ONES and (last in _OPEN or last == "tens" and 0 < _ONES[w] < 10):  # "twenty-five"
        return ("ones" if last == "tens" else "small"), current + _ONES[w]
    if w in _TENS and last in _OPEN:
        return "tens", current + _TENS[w]
    if w == "hundred" and last in ("a", "small") and 0 < current < 10:
        return "hundred", current * 100
    if w == "dozen" and last in ("a", "small"):
        return "small", current * 12
    if w == "and" and last in ("hundred", "scale"):
        return "and", current
    return None


def _words_at(text: str, pos: int) -> tuple[float, int, str | None] | None:
    """A spelled number at `pos` ("twenty-five", "a hundred", "two hundred thousand"): amount, end, scale."""
    total, current, last, end, scale, scales, i = 0, 0, None, pos, None, 0, pos
    while m := _WORD_AT.match(text, i):
        w = m.group().lower()
        if w in _SCALES and last not in (None, "scale", "and") and current:
            if scale and _SCALES.index(w) >= _SCALES.index(scale):
                break
            last, scale, scales = "scale", w, scales + 1
            total, current = total + current * SCALE_FACTOR[w], 0
        elif step := _step(w, last, current):
            last, current = step
        else:
            break
        if last not in ("and", "a"):  # a trailing "and" or a lone "a" is not part of the number
            end = m.end()
        i = sep.end() if (sep := _WORD_SEP.match(text, m.end())) else len(text) + 1
    if end == pos:
        return None
    if scales == 1 and current == 0:  # "two hundred thousand": keep the stated 200 and its scale
        return total / SCALE_FACTOR[scale], end, scale
    return float(total + current), end, None


def _number_at(text: str, pos: int) -> tuple[float, int, str | None] | None:
    """Digits or words at `pos`, with a scale after them: amount, end, scale. None for "2nd", "3D", "v2"."""
    m = _DIGITS_AT.match(text, pos)
    if m:
        amount, end, scale = _digits_value(m.group()), m.end(), None
        if not math.isfinite(amount):
            return None  # 400 digits: more than a float holds, so no figure anyone can compare
    else:
        found = _words_at(text, pos)
        if not found:
            return None
        amount, end, scale = found
    if scale is None and (s := _SCALE_AT.match(text, end)):
        word = s["s"].lower()
        if word in _SCALES:
            scale, end = (word, s.end()) if s["sp"] else (None, end)
        elif len(word) > 1 or not s["sp"]:  # spaced "m", "k", "b" are too often metres, grams, ...
            scale, end = _ABBR[word], s.end()
    if m and end < len(text) and text[end].isalpha() and not _GLUED_UNIT.match(text, end):
        return None  # digits glued to letters that are not a scale or unit
    return amount, end, scale


def _suffix_at(text: str, pos: int) -> tuple[str, str, int] | None:
    for rx, kind, value in _SUFFIX_RES:
        if m := rx.match(text, pos):
            groups = m.groupdict()
            if groups.get("u"):
                value = _UNIT_SPELLING.sub(lambda c: _ONE_SPELLING[c.group()], groups["u"])
            elif value in ("W", "Wh"):
                value = _PREFIX.get((groups.get("p") or "").lower(), "") + value
            return kind, value, m.end()
    return None


def _currency_before(text: str, pos: int) -> tuple[str, int] | None:
    m = _CURRENCY_BEFORE.search(text, max(0, pos - 6), pos)
    if not m:
        return None
    code = m["code"] or _SYMBOL_PREFIX.get(m["pre"] or "", _SYMBOL[m["sym"]])
    return ("CNY" if code == "RMB" else code), m.start()


_OBJECT_START = frozenset({"a", "an", "the", "to", "that", "their", "its", "his", "her", "our", "this",
                           "from"})


def _noun_after(text: str, pos: int) -> str | None:
    """What is counted: the next word, or the plural one or two words on ("10 Chinese cities",
    "1,870 emergency department visits")."""
    m = _NOUN_AFTER.match(text, pos)
    if not m or m["w1"].lower() in _STOP:
        return None
    w1, w2, w3 = m["w1"], m["w2"], m["w3"]
    if w1.endswith("ed") and w2 and w2.lower() in _OBJECT_START:
        return None  # "two preferred a cut", "five supported the plan": a verb, the number stands alone
    if looks_plural(w1):
        return w1.lower()
    if w2 and w2.lower() not in _STOP and looks_plural(w2):
        return w2.lower()
    if w2 and w2[0].islower() and w2 not in _STOP and w3 and w3 not in _STOP and looks_plural(w3):
        return w3
    return w1.lower() if w1[0].islower() else None


def _range_at(text: str, start: int, end: int, amount: float, scale: str | None) -> tuple | None:
    """The upper end of "10 to 20 million", "between 10 and 20", "$10-20bn": (high, end, start, scale).

    The high end is expressed in the scale of the low one, which takes the high's scale if it has none.
    """
    between = re.search(r"(?i)(?<!\w)(between|from)\s+$", text[max(0, start - 9):start])
    sep = _RANGE_SEP.match(text, end)
    if not sep or (sep["w"] == "and") != bool(between and between[1].lower() == "between"):
        return None
    if between and between[1].lower() == "from" and _CHANGED_BEFORE.search(text, max(0, start - 100), start):
        return None  # "increased the number of routes from 11 to 19": where a change started and ended
    at = sep.end() + (cur.end() if (cur := re.match(r"US\$|[$€£¥]", text[sep.end():])) else 0)
    if not (high := _number_at(text, at)):
        return None
    scale = scale or high[2]
    ratio = Decimal(SCALE_FACTOR[high[2]]) / Decimal(SCALE_FACTOR[scale])
    amount_high = float(Decimal(repr(high[0])) * ratio)
    if amount_high <= amount:
        return None
    return amount_high, high[1], start - (len(between[0]) if between else 0), scale


_BEFORE = re.compile(r"(?:(?P<no>\bNo\.\s*|#)|(?<!\w)(?P<minus>[-−])"
                     r"|(?i:\b(?P<part>half|(?:a|one)[ -](?:quarter|third|fifth|tenth)\s+of)\s+))$")
_PARTS = {"half": 1 / 2, "quarter": 1 / 4, "quarters": 1 / 4, "third": 1 / 3, "thirds": 1 / 3, "fifth": 1 / 5,
          "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}
_COUNT_WORD = {"a": 1, "one": 1}


def _sign_and_half(text: str, pos: int, amount: float) -> tuple[float, int] | None:
    """"-5 °C" is negative, "half a million" 0.5 million, "a quarter of a million" 0.25 million;
    "No. 1" and "#1" are names, not counts."""
    m = _BEFORE.search(text, max(0, pos - 24), pos)
    if not m:
        return amount, pos
    if m["no"]:
        return None
    if m["part"]:
        if not re.match(r"(?i)an?\b", text[pos:pos + 3]):
            return amount, pos  # "half 20 of them": no part of a number
        words = re.split(r"[ -]", m["part"].lower())
        share = _PARTS[words[0]] if words[0] == "half" else _COUNT_WORD[words[0]] * _PARTS[words[1]]
        return amount * share, m.start()
    return -amount, m.start()


# "increased the number of frequent routes from 11 to 19": a change verb earlier in the clause
_CHANGED_BEFORE = re.compile(rf"(?i)\b(?:{'|'.join(sorted(lexicon().change_verbs))})\b[^.;:!?]*"
                             r"(?<!\baged)(?<!\bages)(?<!\bsized)(?<!\branging)\s+from\s+$")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")  # "rose from 5% to 9%": two figures, a change, not a range
# "rose 2% to 6%", "fell by 3% to 41%": a change and the level it reached, not a range of percentages
_MOVED_BEFORE = re.compile(rf"(?i)\b(?:{'|'.join(sorted(lexicon().change_verbs))})"
                           r"\s+(?:by\s+)?(?:[+−-]\s*)?$")


def _quantity_at(text: str, pos: int) -> tuple[int, int, QuantityValue] | None:
    first = _number_at(text, pos)
    if not first:
        return None
    amount, end, scale = first
    if not (signed := _sign_and_half(text, pos, amount)):
        return None
    (amount, start), fields = signed, {}
    if cur := _currency_before(text, pos):
        fields["currency"], start = cur
    if high := _range_at(text, start, end, amount, scale):
        fields["high"], end, start, scale = high
    if suffix := _suffix_at(text, end):
        kind, value, end = suffix
        fields.setdefault(kind, value)
        moved = (kind, value) == ("unit", "percent") and _MOVED_BEFORE.search(text, max(0, start - 24), start)
        if "high" not in fields and not _FROM_BEFORE.search(text, max(0, start - 6), start) and not moved \
                and (high := _range_at(text, start, end, amount, scale)) \
                and (again := _suffix_at(text, high[1])) and again[:2] == suffix[:2]:
            (fields["high"], _, start, scale), end = high, again[2]  # "0.3°C to 1.1°C": the unit twice
    if amount == 1 and "high" not in fields and not (scale or suffix or "currency" in fields) \
            and _WORD_AT.match(text, pos):
        return None  # "one of the", "a" alone: pronouns and articles, not counts
    fields["qualifier"], start, end = qualifier_around(text, start, end)
    if not (fields.get("unit") or fields.get("currency")):
        fields["noun"] = _noun_after(text, end)
    fields["decimals"] = _zeros_written(text, pos, amount)
    if "high" in fields and (last := list(_DIGITS_AT.finditer(text, pos + 1, end))) \
            and _digits_value(last[-1].group()) == fields["high"]:  # not rescaled: "1.2 billion"
        # "between 2.5% and 3.00%": the high end's zeros count too (one precision for both ends, the
        # finer: a statement read more precisely than written is supported less often, never more)
        high = _zeros_written(text, last[-1].start(), fields["high"])
        fields["decimals"] = max(filter(None, (fields["decimals"], high)), default=None)
    return start, end, QuantityValue(amount=amount, scale=scale, **fields)


def _digits_value(digits: str) -> float:
    """ "1,200.50", "818 159": the number written, without its group separators."""
    return float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", digits))


def _zeros_written(text: str, pos: int, amount: float) -> int | None:
    """The decimal places written at `pos` where trailing zeros make them more than the amount
    shows ("4.00%": 2, for 4.0), else None: the writer's precision is part of the figure."""
    m = _DIGITS_AT.match(text, pos)
    if not m or "." not in m.group():
        return None
    written = len(m.group().rsplit(".", 1)[1])
    shown = -min(0, Decimal(repr(abs(amount))).normalize().as_tuple().exponent)
    return written if shown < written <= 15 else None


def _share_nouns(mentions: list[Mention], text: str) -> list[Mention]:
    """"4.3 million and 3.7 million deaths", "5, 6 or 7 cities": the last noun counts for the whole list."""
    out, chained = list(mentions), set()
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        joint = re.fullmatch(r"\s*(?:,|,?\s*(?:and|or))\s*", text[a.end:b.start])
        if isinstance(a.value, QuantityValue) and isinstance(b.value, QuantityValue) and b.value.noun \
                and a.value.noun is None and not (a.value.unit or a.value.currency) and joint \
                and (joint[0].strip() != "," or i + 1 in chained):
            out[i] = Mention(a.start, a.end, a.text, a.value.model_copy(update={"noun": b.value.noun}))
            chained.add(i)
    return out


_RESTATED = re.compile(r"\s*(?:points?)?\s*[,(]?\s*or\s+|\s*points?\s*\(\s*")


def _points_of_percent(mentions: list[Mention], text: str) -> list[Mention]:
    """ "up 0.3 points from 3.8%": points beside a percentage are percentage points, not an index's."""
    if not any(isinstance(m.value, QuantityValue) and m.value.unit == "percent" for m in mentions):
        return mentions
    out = []
    for i, m in enumerate(mentions):
        # not "rose 45 points, or 0.6%": an index's points, restated as a percentage
        near = [n for n in mentions[max(0, i - 1):i + 2] if n is not m and abs(n.start - m.start) < 60
                and not _RESTATED.fullmatch(text, min(m.end, n.end), max(m.start, n.start))]
        if isinstance(m.value, QuantityValue) and m.value.noun in ("point", "points") and not m.value.unit \
                and any(isinstance(n.value, QuantityValue) and n.value.unit == "percent" for n in near):
            m = Mention(m.start, m.end, m.text, m.value.model_copy(update={"noun": None,
                                                                           "unit": "percentage points"}))
        out.append(m)
    return out


def find_values(text: str, published: str | None = None) -> list[Mention]:
    """Every quantity and date in `text`, in order of appearance.

    `published` (YYYY, YYYY-MM or YYYY-MM-DD) resolves relative and year-less dates.
    """
    blocked = [m.span() for m in _BLOCKED.finditer(text)] if _may_be_blocked(text) else []
    dates = find_dates(text, published, blocked)
    blocked += [(s, e) for s, e, _ in dates]
    found = [Mention(s, e, text[s:e], v) for s, e, v in dates if v is not None]
    pos = 0
    while c := _CANDIDATE.search(text, pos):
        pos = c.end()
        if any(s <= c.start() < e for s, e in blocked):
            continue
        if _YEAR_NAMED.match(text, c.start()) and _YEAR_NAMING.search(text, max(0, c.start() - 8), c.start()):
            continue
        if (q := _quantity_at(text, c.start())) and not any(q[0] < e and s < q[1] for s, e in blocked):
            found.append(Mention(q[0], q[1], text[q[0]:q[1]], q[2]))
            pos = q[1]
    found = _share_nouns(sorted(found, key=lambda m: m.start), text)
    return compound_values(text, _points_of_percent(found, text))


def mask(text: str, mentions: list[Mention] | None = None) -> str:
    """`text` with each value replaced by "<num>" or "<date>", for fuzzy matching."""
    for m in sorted(find_values(text) if mentions is None else mentions, key=lambda m: -m.start):
        text = text[: m.start] + ("<date>" if isinstance(m.value, DateValue) else "<num>") + text[m.end:]
    return text
