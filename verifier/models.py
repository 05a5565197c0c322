"""The data model: sources, claims with their typed values and source spans, and findings.

Everything else in the package reads and writes these records. The JSON Schemas in
`schemas/` are generated from them (`verifier schemas --write`), so a field added here
is a field documented there.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_partial_date(text: str) -> str:
    """A date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD, and a real one."""
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date: {exc}") from None
    return text


PartialDate = Annotated[
    str,
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2017", "2017-06", "2017-06-01"]),
    AfterValidator(_check_partial_date),
]


def _check_finite(number: float) -> float:
    """YAML's .nan and .inf, and numbers past the float range (-1e400 reads as -inf), are no amounts."""
    if not math.isfinite(number):
        raise ValueError(f"{number} is not a finite number")
    return number


Finite = Annotated[float, AfterValidator(_check_finite)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


# ---------------------------------------------------------------- sources


class SourceKind(StrEnum):
    news = "news"
    press_release = "press-release"
    report = "report"
    reference = "reference"
    dataset = "dataset"


class Source(Strict):
    """A source text kept verbatim under `sources/`, with what is known about it."""

    id: Identifier
    title: str
    publisher: str
    url: str | None = None
    published: PartialDate | None = None
    kind: SourceKind
    language: str = Field("en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str = Field(description="Path of the text file, relative to the ledger root (sources/...)")
    notes: str | None = Field(None, description="Where the text comes from, for reference sources")


# ---------------------------------------------------------------- values


class Qualifier(StrEnum):
    """How a number is stated. A bare number has no qualifier (null)."""

    exactly = "exactly"
    approximately = "approximately"  # about, around, roughly, some, an estimated
    nearly = "nearly"  # almost, close to, just under
    more_than = "more_than"  # over, above, exceeds
    at_least = "at_least"  # no fewer than
    up_to = "up_to"  # at most, no more than
    fewer_than = "fewer_than"  # less than, under, below


class Scale(StrEnum):
    thousand = "thousand"
    million = "million"
    billion = "billion"
    trillion = "trillion"


SCALE_FACTOR = {None: 1, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


class QuantityValue(Strict):
    """A number as stated: `amount` in `scale`, of a `unit` or `currency`, counting a `noun`.

    `amount` keeps the stated digits (4.3 with scale million, not 4300000) because the
    precision of the statement is part of its meaning: "4.3 million" is 4.25 to 4.35 million.
    A range ("between 10 and 20", "2013-2015" of counts) has `high`.
    """

    kind: Literal["quantity"] = "quantity"
    amount: Finite
    high: Finite | None = None
    scale: Scale | None = None
    unit: str | None = Field(None, description="A unit that converts: percent, kW, MW, GW, celsius, ...")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO 4217 code; never converted")
    noun: str | None = Field(None, description="What is counted: people, deaths, cities, nations, ...")
    qualifier: Qualifier | None = None
    decimals: int | None = Field(
        None, ge=1, le=15,
        description="Decimal places as written where trailing zeros carry precision: '4.00%' is 4 with 2")


class DateValue(Strict):
    """A date or a period at the precision stated (2016, 2016-06, 2016-06-08; 2013 to 2015)."""

    kind: Literal["date"] = "date"
    date: PartialDate
    end: PartialDate | None = None


def _empty_list():
    """An empty-list default made by a factory: pydantic deep-copies a `[]` default for every
    record it builds, a fifth of the time it takes to decode a claim. The schema still says `[]`."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class PlaceValue(Strict):
    kind: Literal["place"] = "place"
    name: str
    aliases: list[str] = _empty_list()


class PersonValue(Strict):
    kind: Literal["person"] = "person"
    name: str
    role: str | None = None
    aliases: list[str] = _empty_list()


class OrganizationValue(Strict):
    kind: Literal["organization"] = "organization"
    name: str
    aliases: list[str] = _empty_list()


class RankValue(Strict):
    """A position in an ordering: 'the most densely populated province' is rank 1."""

    kind: Literal["rank"] = "rank"
    rank: int = Field(ge=1)
    scope: str = Field(description="What is ranked, e.g. 'Chinese provinces by population density'")


class TextValue(Strict):
    kind: Literal["text"] = "text"
    text: str


Value = Annotated[
    QuantityValue | DateValue | PlaceValue | PersonValue | OrganizationValue | RankValue | TextValue,
    Field(discriminator="kind"),
]

# ---------------------------------------------------------------- claims


class SubjectType(StrEnum):
    place = "place"
    organization = "organization"
    person = "person"
    event = "event"
    group = "group"
    agreement = "agreement"
    other = "other"


class Subject(Strict):
    """The entity a claim is about, with every name it goes by."""

    name: str
    aliases: list[str] = _empty_list()
    type: SubjectType = SubjectType.other

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Span(Strict):
    """Where a claim stands in its source.

    `start`/`end` follow the W3C Web Annotation TextPositionSelector (code-point offsets
    into the source text, end exclusive); `quote`, `prefix` and `suffix` follow its
    TextQuoteSelector (`exact`, `prefix`, `suffix`), so a span can be found again after
    the text moved.
    """

    id: Identifier = Field(description="The source id")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    prefix: str | None = None
    suffix: str | None = None


class Period(Strict):
    start: PartialDate
    end: PartialDate


class Status(StrEnum):
    proposed = "proposed"
    verified = "verified"
    disputed = "disputed"
    refuted = "refuted"
    retracted = "retracted"


class Review(Strict):
    note: str | None = None
    by: str | None = None
    date: PartialDate | None = None


class EntityRole(StrEnum):
    subject = "subject"
    place = "place"
    attribution = "attribution"
    other = "other"


class Entity(Strict):
    """A name the claim's sentence mentions, and what it is to the claim: matching can use these
    even where the subject chosen was not the one a draft names."""

    name: str
    role: EntityRole = EntityRole.other
    type: SubjectType = SubjectType.other


class Claim(Strict):
    id: Identifier
    statement: str = Field(description="The claim as one normalised sentence")
    subject: Subject
    property: str = Field(description="What is said of the subject: population, gdp, location, ...")
    value: Value
    as_of: PartialDate | None = Field(None, description="The date the value holds at")
    period: Period | None = Field(None, description="The period a figure covers (data from 2013-2015)")
    attribution: str | None = Field(None, description="Who the source says reported the figure "
                                    "('according to X', 'X said'): not what the figure is about")
    entities: list[Entity] = Field(default_factory=list,
                                   description="The names the sentence mentions, with their roles")
    source: Span
    tags: list[str] = _empty_list()
    status: Status = Status.proposed
    review: Review | None = None


class ClaimsFile(Strict):
    """One YAML file under `claims/`."""

    claims: list[Claim]


# ---------------------------------------------------------------- findings


class Verdict(StrEnum):
    consistent = "consistent"
    inconsistent = "inconsistent"
    contested = "contested"
    unverified = "unverified"


# Worst first: the order a line's findings are shown in, and the scale --fail-on reads.
VERDICT_RANK = {"inconsistent": 3, "contested": 2, "unverified": 1, "consistent": 0}
SEVERITY = {"inconsistent": "error", "contested": "warning", "unverified": "info", "consistent": "none"}


class SourceQuote(Strict):
    id: str
    path: str = Field(description="The source text file, relative to the folder the command ran in")
    title: str
    publisher: str
    published: str | None = None
    start: int
    end: int
    quote: str


class MatchedClaim(Strict):
    id: str
    statement: str
    value: Value
    status: Status
    source: SourceQuote


class Finding(Strict):
    """One verdict on one fact of one sentence. Every reporter reads only this."""

    check: str = Field(description="Stable id of the rule, e.g. verifier.inconsistent")
    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    statement: str
    verdict: Verdict
    severity: Literal["error", "warning", "info", "none"]
    reason: str
    claim: MatchedClaim | None = None
    others: list[MatchedClaim] = Field(
        [], description="The other side of a contested group, or settled claims"
    )
    score: float | None = Field(None, description="Match score of the claim, 0-100")
    checked: list[str] = Field(
        [],
        description="The sentence's values this finding compared with the claim, as worded (and time scope)",
    )
    not_covered: list[str] = Field(
        [], description="The sentence's values that no claim covers, as worded (an unverified finding)"
    )
    suppressed: str | None = Field(None, description="The reason given in an inline ignore comment")
    # Left out of the JSON when unset, so a report made without --baseline is as it always was.
    baselined: str | None = Field(
        None,
        exclude_if=lambda value: value is None,
        description="The baseline file that records this finding (check --baseline): it is still "
        "reported, but does not fail the run",
    )


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether a finding fails a run of `check --fail-on`: at or above the bar, and neither
    suppressed nor baselined (`never` passes everything)."""
    if fail_on == "never" or finding.suppressed is not None or finding.baselined is not None:
        return False
    return VERDICT_RANK[finding.verdict] >= VERDICT_RANK[fail_on]


class Summary(Strict):
    consistent: int = 0
    inconsistent: int = 0
    contested: int = 0
    unverified: int = 0
    suppressed: int = 0


class SourceText(Strict):
    """A cited source's address and verbatim text: the context the HTML report shows a quote in."""

    url: str | None = None
    text: str


class Report(Strict):
    """The JSON report of `verifier check` (schemas/report.schema.json)."""

    version: str = Field(description="verifier's version")
    files: list[str] = Field(description="The files checked, in order ('-' for stdin)")
    findings: list[Finding]
    summary: Summary
    # What the HTML report shows beside the findings: each checked file's text and each cited
    # source's text and url. Private attributes, so the JSON report and its schema stay as they are;
    # filled only when asked for (`check_paths(..., keep_text=True)`), since they cost memory.
    _documents: dict[str, str] = PrivateAttr(default_factory=dict)
    _sources: dict[str, SourceText] = PrivateAttr(default_factory=dict)

    @property
    def documents(self) -> dict[str, str]:
        """Path -> the text checked (empty unless the report was made with keep_text)."""
        return self._documents

    @property
    def sources(self) -> dict[str, SourceText]:
        """Source id -> its url and text, for every source a finding cites (same condition)."""
        return self._sources


class Tolerance(BaseModel):
    """How far a bare or qualified number may stray (fractions of the stated value)."""

    model_config = ConfigDict(extra="forbid")
    approximately: float = Field(0.10, ge=0, le=1, description="about/around/roughly: at least ±this")
    nearly: float = Field(0.10, ge=0, le=1, description="nearly/almost: from x·(1-this) up to x")
    rounding: float = Field(
        0.05, ge=0, le=1, description="a bare number's trailing zeros round by at most this fraction of it"
    )
