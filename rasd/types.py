"""The plain values that travel between stages (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

MentionKind = Literal["place", "actor", "person", "date", "number", "trigger", "cue", "source"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Document:
    """One article. Every offset in the pipeline points into ``text`` (the cleaned text)."""

    id: str
    text: str
    raw: str = ""
    published: date | None = None
    published_inferred: str | None = None  # None: given by the input; else how it was inferred
    source: str | None = None
    url: str | None = None
    lang: str = "ar"
    norm: str = ""
    norm_to_text: list[int] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    stories: list[Span] = field(default_factory=list)  # the stories of a page holding several (rasd.segment)
    line: int | None = None  # line number in the input file, for messages


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country: str | None
    iso: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    kind: str
    population: int = 0

    @property
    def is_admin1(self) -> bool:
        return self.kind == "admin1"

    @property
    def is_country(self) -> bool:
        return self.kind == "country"


@dataclass(frozen=True)
class DateWindow:
    start: date
    end: date
    precision: int  # ACLED time precision: 1 day, 2 range/week, 3 month or longer


@dataclass(frozen=True)
class Count:
    value: int
    low: int
    high: int
    vague: bool = False


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None


@dataclass
class Mention:
    kind: MentionKind
    start: int  # into Document.text; text[start:end] == surface
    end: int
    surface: str
    entry_id: str
    value: Any = None
    rule: str = ""
    sentence: int = -1
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Person:
    name: str
    name_ar: str
    aliases: list[str] = field(default_factory=list)
    role: str = "other"
    affiliation: str | None = None
    start: int = -1
    end: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "name_ar": self.name_ar, "aliases": list(self.aliases),
                "role": self.role, "affiliation": self.affiliation}


@dataclass
class EventRecord:
    """One event as reported by one document: the fields of SCHEMA.md plus evidence mentions."""

    event_id: str
    doc_id: str
    salience: str
    event_type: str
    sub_event_type: str
    event_date: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    date_text: str | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    location: str | None = None
    location_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    actor1: dict[str, Any] | None = None
    actor2: dict[str, Any] | None = None
    assoc_actors: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    reported_by: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""
    cluster_id: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_inferred: str | None = None  # how the publication date was had where the input lacked it
    mentions: list[Mention] = field(default_factory=list, repr=False)

    FIELDS = (
        "event_id", "doc_id", "cluster_id", "salience", "event_type", "sub_event_type", "event_date",
        "date_end", "time_precision", "date_text", "country", "iso", "admin1", "admin1_code", "admin2",
        "location", "location_ar", "latitude", "longitude", "geo_precision", "actor1", "actor2",
        "assoc_actors", "persons", "fatalities", "fatalities_low", "fatalities_high", "injuries",
        "reported_by", "evidence", "notes", "source", "url", "published", "published_inferred",
    )

    def to_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.FIELDS}
        out["cluster_id"] = self.cluster_id or self.event_id
        return out
