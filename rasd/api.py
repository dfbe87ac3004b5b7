"""The HTTP API of docs/api.md (FastAPI) over a store, and the web page in ``rasd/web/static``.

    uvicorn --factory 'rasd.api:app_from_env'      # RASD_DB=rasd.db
    rasd serve --db rasd.db                        # the same, on 127.0.0.1:8000

Read-only: every endpoint is a GET without a body; filters are query parameters, validated (422
when bad) and passed to the database only as bound parameters; pages hold at most 500 items. An
empty query parameter (``?country=``, as an HTML form sends it) counts as not given.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote_plus

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from rasd import __version__
from rasd.store import BadFilter, BBox, EventFilter, Store, read

STATIC = Path(__file__).resolve().parent / "web" / "static"
MAX_LIMIT = read.MAX_LIMIT
MAX_COUNT = read.MAX_COUNT

# --------------------------------------------------------------------------- response models (documentation)


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Actor(_Model):
    name: str
    name_ar: str
    type: str


class PersonMention(_Model):
    name: str
    name_ar: str
    aliases: list[str]
    role: str
    affiliation: str | None


class Span(_Model):
    text: str
    start: int
    end: int


class Event(_Model):
    """One event as reported by one document (``SCHEMA.md``)."""

    event_id: str
    doc_id: str
    cluster_id: str
    salience: Literal["main", "background"]
    event_type: str
    sub_event_type: str
    event_date: str | None
    date_end: str | None
    time_precision: int | None
    date_text: str | None
    country: str | None
    iso: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    location: str | None
    location_ar: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: Actor | None
    actor2: Actor | None
    assoc_actors: list[Actor]
    persons: list[PersonMention]
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injuries: int | None
    reported_by: list[str]
    evidence: list[Span]
    notes: str
    source: str | None = None
    url: str | None = None
    published: str | None = None


class DocumentRef(_Model):
    id: str
    source: str | None
    url: str | None
    published: str | None


class EventDetail(Event):
    document: DocumentRef


class EventPage(_Model):
    total: int
    limit: int
    offset: int
    items: list[Event]


class Claim(_Model):
    event_id: str
    doc_id: str
    source: str
    reported_by: list[str]
    value: Any
    evidence: dict[str, Any]


class Contradiction(_Model):
    field: str
    values: list[dict[str, Any]]
    text: str


class Consensus(_Model):
    event_type: str
    sub_event_type: str
    event_date: str | None
    date_end: str | None
    time_precision: int | None
    country: str | None
    iso: str | None
    admin1: str | None
    admin1_code: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: Actor | None
    actor2: Actor | None
    fatalities: int | None
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injuries: int | None
    salience: Literal["main", "background"]


class Cluster(_Model):
    """One real-world event: the reports that tell it, what each claims, where they disagree."""

    cluster_id: str
    event_ids: list[str]
    doc_ids: list[str]
    sources: list[str]
    n_reports: int
    consensus: Consensus
    claims: dict[str, list[Claim]]
    contradictions: list[Contradiction]


class Person(_Model):
    person_id: str
    name: str
    name_ar: str
    aliases: list[str]
    roles: list[str]
    affiliation: str | None
    event_ids: list[str]
    cluster_ids: list[str]


class ClusterDetail(Cluster):
    records: list[Event]
    persons: list[Person]


class ClusterPage(_Model):
    total: int
    limit: int
    offset: int
    items: list[Cluster]


class PersonDetail(Person):
    events: list[Event]


class PersonPage(_Model):
    total: int
    limit: int
    offset: int
    items: list[Person]


class DocumentEvent(_Model):
    event_id: str
    event_type: str
    sub_event_type: str
    evidence: list[Span]


class Document(_Model):
    id: str
    source: str | None
    url: str | None
    published: str | None
    version: int
    text: str = Field(description="the cleaned text every evidence offset points into")
    events: list[DocumentEvent]


class Period(_Model):
    period: str = Field(description="the day, or the Saturday a week starts on (YYYY-MM-DD)")
    events: int
    fatalities: int


class CodeName(_Model):
    code: str
    name: str


class Facets(_Model):
    countries: list[CodeName]
    admin1: list[CodeName]
    event_types: dict[str, list[str]]
    actors: list[str]


class Problem(_Model):
    detail: str


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no such id"}}

# --------------------------------------------------------------------------- parameters


def _invalid(e: BadFilter, value: Any = None) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("query", e.param), "msg": e.message,
                                    "input": value}])


SortParam = Literal["-event_date", "event_date", "-fatalities", "fatalities"]


def event_filter(
    date_from: Annotated[date | None, Query(description="events whose date window ends on or after this day")] = None,
    date_to: Annotated[date | None, Query(description="events whose date window starts on or before this day")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 (SY)")] = None,
    admin1: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
                                        description="ISO 3166-2 (SY-DR)")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100, description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name, English or Arabic")] = None,
    person: Annotated[str | None, Query(max_length=200, description="a person_id, or part of a person's name")] = None,
    q: Annotated[str | None, Query(max_length=500, description=(
        "words (or \"quoted phrases\") that must all appear in the notes, evidence, places or actors; "
        "Arabic is matched with its letter forms folded"))] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="minlon,minlat,maxlon,maxlat")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
    salience: Annotated[Literal["main", "background"] | None, Query()] = None,
) -> EventFilter:
    given = dict(locals())
    try:
        box = BBox.parse(bbox) if bbox and bbox.strip() else None
        return EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1,
                           event_type=event_type, sub_event_type=sub_event_type, actor=actor, person=person, q=q,
                           bbox=box, min_fatalities=min_fatalities, salience=salience)
    except BadFilter as e:
        raise _invalid(e, given.get(e.param)) from e


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT)]
Sort = Annotated[SortParam, Query(description="a leading - sorts in descending order; undated events come last")]
Id = Annotated[str, PathParam(min_length=1, max_length=500)]


class _DropEmptyParams:
    """ASGI middleware: ``?country=&q=`` is the same as no ``country`` and no ``q``."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            parts = scope["query_string"].split(b"&")
            kept = [p for p in parts if unquote_plus(p.partition(b"=")[2].decode("latin-1")).strip()]
            if len(kept) != len(parts):
                scope = dict(scope, query_string=b"&".join(kept))
        await self.app(scope, receive, send)


class _SecurityHeaders:
    """ASGI middleware: answers are not to be sniffed as another type, framed, or given a referrer."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --------------------------------------------------------------------------- the app


def create_app(db: str | Path = "rasd.db", static_dir: Path | None = None) -> FastAPI:
    """The API over the store at ``db`` (a URL or an SQLite path; migrated when opened). The web page is
    served from ``static_dir`` (default ``rasd/web/static``) when it exists."""
    store = Store(db)
    static = static_dir or STATIC

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="rasd", version=__version__, lifespan=lifespan,
                  description="Conflict events read from Arabic news (ACLED's terms), the stories that several "
                              "outlets tell, and the people named in them. See docs/api.md.")
    app.state.store = store
    app.add_middleware(_DropEmptyParams)  # type: ignore[arg-type]
    app.add_middleware(_SecurityHeaders)  # type: ignore[arg-type]

    def found(obj: Any, what: str, ident: str) -> JSONResponse:
        if obj is None:
            raise HTTPException(404, detail=f"no {what} {ident!r}")
        return JSONResponse(obj)

    def checked(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except BadFilter as e:
            raise _invalid(e) from e

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(f: Filter, limit: Limit = 100, offset: Offset = 0, sort: Sort = "-event_date") -> JSONResponse:
        """Events, one per report, newest first by default; ``total`` counts all that match."""
        return JSONResponse(checked(lambda: store.events(f, limit, offset, sort)))

    @app.get("/api/events/{event_id:path}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
    def get_event(event_id: Id) -> JSONResponse:
        """One event, with the document that reports it."""
        return found(store.event(event_id), "event", event_id)

    @app.get("/api/clusters", response_model=ClusterPage, tags=["clusters"])
    def list_clusters(f: Filter, min_reports: Annotated[int | None, Query(ge=1, le=MAX_COUNT)] = None,
                      limit: Limit = 100, offset: Offset = 0, sort: Sort = "-event_date") -> JSONResponse:
        """Real-world events (clusters of reports), filtered on their consensus; ``actor``, ``person`` and
        ``q`` hold when one of a cluster's reports matches."""
        return JSONResponse(checked(lambda: store.clusters(f, min_reports, limit, offset, sort)))

    @app.get("/api/clusters/{cluster_id:path}", response_model=ClusterDetail, responses=NOT_FOUND, tags=["clusters"])
    def get_cluster(cluster_id: Id) -> JSONResponse:
        """One real-world event with its reports and the persons named in them."""
        return found(store.cluster(cluster_id), "cluster", cluster_id)

    @app.get("/api/persons", response_model=PersonPage, tags=["persons"])
    def list_persons(q: Annotated[str | None, Query(max_length=200, description=(
                         "a person_id, or words that must all appear in a name or alias"))] = None,
                     limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
        """Named persons, with all their names."""
        return JSONResponse(checked(lambda: store.persons(q, limit, offset)))

    @app.get("/api/persons/{person_id:path}", response_model=PersonDetail, responses=NOT_FOUND, tags=["persons"])
    def get_person(person_id: Id) -> JSONResponse:
        """One person with the events that name them."""
        return found(store.person(person_id), "person", person_id)

    @app.get("/api/documents/{doc_id:path}", response_model=Document, responses=NOT_FOUND, tags=["documents"])
    def get_document(doc_id: Id) -> JSONResponse:
        """A document's cleaned text and, for each of its events, the spans it was read from."""
        return found(store.document(doc_id), "document", doc_id)

    @app.get("/api/timeline", response_model=list[Period], tags=["events"])
    def get_timeline(f: Filter, granularity: Literal["day", "week"] = "day") -> JSONResponse:
        """Events and their dead per day or per week (weeks start on Saturday); undated events are left out."""
        return JSONResponse(store.timeline(f, granularity))

    @app.get("/api/facets", response_model=Facets, tags=["events"])
    def get_facets() -> JSONResponse:
        """The values the filters can take in the stored events (actors by number of events)."""
        return JSONResponse(store.facets())

    def export(f: EventFilter, sort: str, fmt: str, media: str) -> StreamingResponse:
        def body() -> Iterator[str]:
            with store.reading() as conn:
                yield from read.export_text(conn, f, fmt, sort)

        return StreamingResponse(body(), media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})

    text_response: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}

    @app.get("/export/events.csv", response_class=StreamingResponse, responses=text_response, tags=["export"])
    def export_csv(f: Filter, sort: Sort = "-event_date") -> StreamingResponse:
        """The matching events in ACLED's 31 export columns."""
        return export(f, sort, "csv", "text/csv; charset=utf-8")

    @app.get("/export/events.geojson", response_class=StreamingResponse, tags=["export"],
             responses={200: {"content": {"application/geo+json": {}}}})
    def export_geojson(f: Filter, sort: Sort = "-event_date") -> StreamingResponse:
        """The matching events that have coordinates, as a GeoJSON FeatureCollection."""
        return export(f, sort, "geojson", "application/geo+json")

    @app.get("/export/events.jsonl", response_class=StreamingResponse, tags=["export"],
             responses={200: {"content": {"application/jsonl": {}}}})
    def export_jsonl(f: Filter, sort: Sort = "-event_date") -> StreamingResponse:
        """The matching events as JSON Lines (``SCHEMA.md`` records)."""
        return export(f, sort, "jsonl", "application/jsonl; charset=utf-8")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        page = static / "index.html"
        if not page.is_file():
            raise HTTPException(404, detail="no web page here (rasd/web/static/index.html is missing)")
        return FileResponse(page, media_type="text/html")

    if static.is_dir():
        from fastapi.staticfiles import StaticFiles

        app.mount("/static", StaticFiles(directory=static), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory rasd.api:app_from_env``: the store named by ``RASD_DB`` (default rasd.db)."""
    return create_app(os.environ.get("RASD_DB", "rasd.db"))
