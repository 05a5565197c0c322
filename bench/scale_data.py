"""A synthetic ledger for bench/scale.py: varied claims as JSON lines, and draft sentences about them.

Names are made of syllables (unique by construction, never an English word), so a sentence
names a subject only when it was written about it. Each property has a claim template, a
paraphrase template and a value maker; drafts are paraphrases with the same value, with a
changed value, or unrelated sentences.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from verifier.models import Source

SOURCE_ID = "synthetic"
_SYL = ("ka ro ven tal mir do sa len gor fi bra nu zel har quin pe lo mar tis vo "
        "ry dan ko lis ber ta wen xo mu cal dri fen gal hov ist jor kel nim").split()  # fmt: skip
_KINDS = [
    ("Province", "place"),
    ("City", "place"),
    ("Institute", "organization"),
    ("Group", "organization"),
    ("Festival", "event"),
    ("Company", "organization"),
    ("Valley", "place"),
    ("Agency", "organization"),
]
_MONTHS = "January February March April May June July August September October November December".split()
_UNRELATED = [
    "The committee adjourned early after a short debate.", "Critics praised the new exhibition.",
    "The weather stayed mild for most of the week.", "Volunteers cleaned the beach on Saturday.",
    "The meeting lasted {n} minutes.", "Tickets sold out within {n} hours.",
    "A new bakery opened near the station.", "The report was published in {y}.",
]  # fmt: skip


def _q(amount, **kw):
    return {"kind": "quantity", "amount": amount, **{k: v for k, v in kw.items() if v is not None}}


def _date(y, m=None, d=None):
    return {"kind": "date", "date": f"{y}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")}


# property: (claim template, paraphrase template, value maker(rng) -> (fields, value))
def _num(lo, hi):
    return lambda r: r.randint(lo, hi)


PROPERTIES = {
    "population": ("{S} has about {n} million people.", "About {n} million people live in {S}.",
                   _num(2, 90), lambda n, y: _q(n, scale="million", noun="people", qualifier="approximately"),
                   ),
    "employees": ("{S} employs {n} workers.", "{S} has a workforce of {n} workers.",
                  _num(50, 90000), lambda n, y: _q(n, noun="workers")),
    "members": ("{S} has {n} members.", "There are {n} members in {S}.",
                _num(10, 5000), lambda n, y: _q(n, noun="members")),
    "budget": ("{S} had a budget of ${n} million in {y}.", "In {y}, {S} spent ${n} million.",
               _num(2, 900), lambda n, y: _q(n, scale="million", currency="USD")),
    "revenue": ("{S} reported revenue of ${n} billion in {y}.", "{S} earned ${n} billion in {y}.",
                _num(1, 80), lambda n, y: _q(n, scale="billion", currency="USD")),
    "schools": ("{S} has {n} schools.", "{S} runs {n} schools.",
                _num(3, 900), lambda n, y: _q(n, noun="schools")),
    "hospitals": ("{S} operates {n} hospitals.", "There are {n} hospitals in {S}.",
                  _num(1, 120), lambda n, y: _q(n, noun="hospitals")),
    "unemployment": ("Unemployment in {S} was {n} percent in {y}.", "In {y}, {S} had {n}% unemployment.",
                     _num(2, 25), lambda n, y: _q(n, unit="percent")),
    "growth": ("The economy of {S} grew by {n} percent in {y}.", "{S} saw {n}% economic growth in {y}.",
               _num(1, 12), lambda n, y: _q(n, unit="percent")),
    "visitors": ("{S} received {n} thousand visitors in {y}.", "In {y}, {n} thousand people visited {S}.",
                 _num(5, 900), lambda n, y: _q(n, scale="thousand", noun="visitors")),
    "students": ("{S} enrolls {n} thousand students.", "{n} thousand students study at {S}.",
                 _num(1, 60), lambda n, y: _q(n, scale="thousand", noun="students")),
    "flights": ("{S} handled {n} thousand flights in {y}.", "In {y}, {n} thousand flights used {S}.",
                _num(1, 400), lambda n, y: _q(n, scale="thousand", noun="flights")),
    "turbines": ("{S} installed {n} wind turbines in {y}.", "In {y}, {S} put up {n} wind turbines.",
                 _num(2, 3000), lambda n, y: _q(n, noun="turbines")),
    "vehicles": ("{S} registered {n} electric vehicles in {y}.",
                 "In {y}, {n} electric vehicles were registered in {S}.",
                 _num(100, 90000), lambda n, y: _q(n, noun="vehicles")),
    "cases": ("{S} recorded {n} measles cases in {y}.", "There were {n} measles cases in {S} in {y}.",
              _num(1, 5000), lambda n, y: _q(n, noun="cases")),
    "factories": ("{S} has {n} factories.", "{n} factories operate in {S}.",
                  _num(1, 800), lambda n, y: _q(n, noun="factories")),
    "libraries": ("{S} has {n} public libraries.", "There are {n} public libraries in {S}.",
                  _num(1, 300), lambda n, y: _q(n, noun="libraries")),
    "founded": ("{S} was founded in {y}.", "{S} dates back to {y}.", None, lambda n, y: _date(y)),
    "opened": ("{S} opened on {d} {M} {y}.", "The opening of {S} was on {d} {M} {y}.", None, None),
    "location": ("{S} is located in {P}.", "{S} lies in {P}.", None, None),
    "headquarters": ("{S} is headquartered in {P}.", "The headquarters of {S} are in {P}.", None, None),
    "partner": ("{S} signed a partnership with {P} in {y}.", "In {y}, {S} partnered with {P}.", None, None),
}  # fmt: skip


_DATED = {"budget", "revenue", "unemployment", "growth", "visitors", "flights", "turbines", "vehicles",
          "cases"}  # fmt: skip


@dataclass
class Draft:
    text: str
    claim: int | None  # the claim it was written from, if any
    kind: str  # same, changed, unrelated


@dataclass
class Data:
    blob: bytes
    offsets: np.ndarray
    source_text: str
    drafts: list[Draft]
    subjects: int
    names: list[str] = field(default_factory=list)


def _name(i: int) -> str:
    parts, n = [], i
    for _ in range(3):
        parts.append(_SYL[n % len(_SYL)])
        n //= len(_SYL)
    base = "".join(parts) + (str(n) if n else "")
    return base.capitalize()


def _fill(template: str, s: str, n: int, y: int, d: int, m: int, place: str) -> str:
    return template.format(S=s, n=f"{n:,}", y=y, d=d, M=_MONTHS[m - 1], P=place)


def _value(prop: str, n: int, y: int, d: int, m: int, place: str):
    maker = PROPERTIES[prop][3]
    if maker:
        return maker(n, y)
    if prop == "opened":
        return _date(y, m, d)
    return {"kind": "place", "name": place} if prop != "partner" else {"kind": "organization", "name": place}


def generate(n_claims: int, n_drafts: int, rng: random.Random) -> Data:
    """n_claims claims (about 20 per subject) and n_drafts sentences about them."""
    n_subjects = max(1, n_claims // 20)
    subjects = [(_name(i), *rng.choice(_KINDS)) for i in range(n_subjects)]
    places = [_name(n_subjects + i) for i in range(max(50, n_subjects // 10))]
    props = list(PROPERTIES)
    lines, texts, facts = [], [], []
    pos = 0
    for i in range(n_claims):
        s_i = i % n_subjects
        base, suffix, stype = subjects[s_i]
        name = f"{base} {suffix}"
        prop = props[(i // n_subjects + s_i) % len(props)]
        n, y = PROPERTIES[prop][2](rng) if PROPERTIES[prop][2] else 0, rng.randint(1900, 2024)
        d, m, place = rng.randint(1, 28), rng.randint(1, 12), rng.choice(places)
        statement = _fill(PROPERTIES[prop][0], name, n, y, d, m, place)
        subject = {"name": name, "type": stype, **({"aliases": [base]} if s_i % 3 == 0 else {})}
        rec = {"id": f"c{i}", "statement": statement, "subject": subject, "property": prop,
               "value": _value(prop, n, y, d, m, place),
               "source": {"id": SOURCE_ID, "start": pos, "end": pos + len(statement), "quote": statement},
               "status": "verified"}  # fmt: skip
        if prop in _DATED:
            rec["period"] = {"start": str(y), "end": str(y)}
        lines.append(json.dumps(rec, separators=(",", ":")).encode())
        texts.append(statement)
        pos += len(statement) + 1
        facts.append((name, prop, n, y, d, m, place))
    offsets = np.zeros(n_claims + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lines], out=offsets[1:])
    drafts = [_draft(rng, facts, places) for _ in range(n_drafts)]
    return Data(b"".join(lines), offsets, "\n".join(texts) + "\n", drafts, n_subjects)


def _draft(rng: random.Random, facts: list, places: list[str]) -> Draft:
    kind = rng.choices(["same", "changed", "unrelated"], weights=[4, 4, 2])[0]
    if kind == "unrelated":
        return Draft(
            rng.choice(_UNRELATED).format(n=rng.randint(2, 90), y=rng.randint(1950, 2024)), None, kind
        )
    i = rng.randrange(len(facts))
    name, prop, n, y, d, m, place = facts[i]
    if kind == "changed":
        n, y, d = (n * 2 + 1 if n else n), (y if n else y - 3), d % 28 + 1
        place = rng.choice(places) if prop in ("location", "headquarters", "partner") else place
    return Draft(_fill(PROPERTIES[prop][1], name, n, y, d, m, place), i, kind)


def write_ledger(root: Path, data: Data, per_file: int = 20_000) -> Source:
    """The claims as a real ledger on disk (JSON flow mappings are YAML), with their one source."""
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    text_path = root / "sources" / f"{SOURCE_ID}.txt"
    text_path.write_text(data.source_text, encoding="utf-8")
    source = Source(
        id=SOURCE_ID, title="Synthetic facts", publisher="bench/scale.py", kind="dataset",
        sha256=hashlib.sha256(data.source_text.encode()).hexdigest(), path=f"sources/{SOURCE_ID}.txt",
    )  # fmt: skip
    (root / "sources" / f"{SOURCE_ID}.yaml").write_text(
        json.dumps(source.model_dump(exclude_none=True)) + "\n"
    )
    n = len(data.offsets) - 1
    for part, lo in enumerate(range(0, n, per_file)):
        hi = min(n, lo + per_file)
        bounds = data.offsets[lo : hi + 1].tolist()
        chunks = [data.blob[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        (root / "claims" / f"part-{part:04d}.yaml").write_bytes(
            b"claims:\n" + b"".join(b"- " + c + b"\n" for c in chunks)
        )
    return source
