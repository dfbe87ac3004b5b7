"""The HTTP API of docs/api.md (FastAPI) over a store, and the web page in ``rasd/web/static``.

    uvicorn --factory 'rasd.api:app_from_env'      # RASD_DB=rasd.db
    rasd serve --db rasd.db                        # the same, on 127.0.0.1:8000

Read-only: every endpoint is a GET without a body; filters are query parameters, validated (422
when bad) and passed to the database only as bound parameters; pages hold at most 500 items. An
empty query parameter (``?country=``, as an HTML form sends it) counts as not given.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote_plus

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.middleware.gzip import GZipMiddleware

from rasd import __version__
from rasd.data import read_tsv, split_forms
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
    title: str | None = None  # English title ("Sheikh", "Brigadier General"), kept out of the name
    title_ar: str | None = None  # the title as written ("العميد المتقاعد")


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


class TypeCount(_Model):
    events: int
    fatalities: int


class Period(_Model):
    period: str = Field(description="the day, or the Saturday a week starts on (YYYY-MM-DD)")
    events: int
    fatalities: int
    types: dict[str, TypeCount] = Field(description="the same per event type")


class Summary(_Model):
    events: int = Field(description="real-world events (clusters) that match")
    reports: int = Field(description="the reports that tell them")
    fatalities: int = Field(description="the sum of their consensus (most conservative) tolls")
    with_fatalities: int = Field(description="how many of them have a toll")
    located: int
    outlets: int
    date_from: str | None
    date_to: str | None
    by_type: dict[str, TypeCount]


class MapPoint(_Model):
    cluster_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None
    date_end: str | None
    location: str | None
    admin1: str | None
    admin1_code: str | None
    country: str | None
    latitude: float
    longitude: float
    geo_precision: int | None
    fatalities: int | None
    salience: str
    n_reports: int
    n_sources: int


class MapPoints(_Model):
    total: int = Field(description="located real-world events that match (items holds the deadliest first)")
    items: list[MapPoint]


class CodeName(_Model):
    code: str
    name: str


class Province(_Model):
    code: str = Field(description="ISO 3166-2")
    name: str
    latitude: float | None = Field(description="the province's point in the gazetteer (its capital)")
    longitude: float | None
    events: int
    fatalities: int


class Facets(_Model):
    countries: list[CodeName]
    admin1: list[CodeName]
    event_types: dict[str, list[str]]
    actors: list[str]
    outlets: list[str]
    actor_types: list[str]
    disorder_types: list[str]
    actor_names_ar: dict[str, str] = Field(description="each actor's own Arabic name (rasd/data/actors.tsv)")


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
    salience: Annotated[Literal["main", "background"] | None, Query(
        description="main: reported as news; background: an earlier event an article recalls")] = None,
    actor_type: Annotated[str | None, Query(max_length=40, description=(
        "an actor1 or actor2 of this type: " + ", ".join(read.ACTOR_TYPES)))] = None,
    interaction: Annotated[str | None, Query(max_length=80, description=(
        "actor1 and actor2 of these two types, in either order (state-civilians)"))] = None,
    disorder_type: Annotated[str | None, Query(max_length=40, description=(
        "ACLED's disorder type: " + ", ".join(read.DISORDER_TYPES)))] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="the outlet (document source), exactly")] = None,
    geo_precision: Annotated[int | None, Query(ge=1, le=3, description=(
        "located at least this precisely: 1 a town, 2 near a town or a district, 3 a province"))] = None,
) -> EventFilter:
    given = dict(locals())
    try:
        box = BBox.parse(bbox) if bbox and bbox.strip() else None
        return EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1,
                           event_type=event_type, sub_event_type=sub_event_type, actor=actor, person=person, q=q,
                           bbox=box, min_fatalities=min_fatalities, salience=salience, actor_type=actor_type,
                           interaction=interaction, disorder_type=disorder_type, outlet=outlet,
                           geo_precision=geo_precision)
    except BadFilter as e:
        raise _invalid(e, given.get(e.param)) from e


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT)]
Sort = Annotated[SortParam, Query(description="a leading - sorts in descending order; undated events come last")]
Id = Annotated[str, PathParam(min_length=1, max_length=500)]
MinReports = Annotated[int | None, Query(ge=1, le=MAX_COUNT, description="told by at least this many reports")]


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


class ResponseCache:
    """The API's answers to GETs kept in this process, keyed by the whole request (path, query string,
    whether the client takes gzip) and the store's generation, which every write bumps in its own
    transaction (``rasd.store.write.bump_generation``): an answer is given again only while the store
    is as it was when the answer was made, whichever process wrote to it since. Least recently used
    answers go first once ``max_bytes`` is reached; ``max_bytes=0`` keeps nothing."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.generation: int | None = None
        self.entries: OrderedDict[tuple[bytes, ...], tuple[int, list[tuple[bytes, bytes]], bytes, int]] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def get(self, generation: int, key: tuple[bytes, ...]) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        if generation != self.generation:
            self.entries.clear()
            self.size = 0
            self.generation = generation
        hit = self.entries.get(key)
        if hit is None:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return hit[:3]

    def put(self, generation: int, key: tuple[bytes, ...], status: int, headers: list[tuple[bytes, bytes]],
            body: bytes) -> None:
        cost = len(body) + sum(len(k) + len(v) for k, v in headers) + sum(len(k) for k in key)
        if generation != self.generation or cost > self.max_bytes // 8 or key in self.entries:
            return
        self.entries[key] = (status, headers, body, cost)
        self.size += cost
        while self.size > self.max_bytes and self.entries:
            self.size -= self.entries.popitem(last=False)[1][3]


class _Caching:
    """ASGI middleware: ``Cache-Control`` and, for the API, an ``ETag`` made of the store's generation
    (which changes with every write) and the URL: a page that asks again gets ``304 Not Modified``
    without the query being run. A ``GET`` of the API that another client asked before is answered
    from the ``ResponseCache`` (the same bytes, compressed or not, with the same ETag) while the
    generation is the same. The vendored map data may be kept a week; the page's own files are
    revalidated (Starlette's ``StaticFiles`` answers ``If-None-Match`` itself)."""

    def __init__(self, app: Callable[..., Any], generation: Callable[[], int], cache: ResponseCache) -> None:
        self.app = app
        self.generation = generation
        self.cache = cache
        # answers being made: a request for one waits for it instead of making it again (fifty clients
        # asking for the page just after a write would otherwise run its queries fifty times at once)
        self.making: dict[tuple[int, tuple[bytes, ...]], asyncio.Event] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        etag: bytes | None = None
        key: tuple[bytes, ...] | None = None
        gen = 0
        if path.startswith("/api/"):
            query: bytes = scope.get("query_string", b"")
            gen = self.generation()  # read before the answer is made: the answer is at least this new
            digest = hashlib.sha1(path.encode() + b"?" + query).hexdigest()[:16]
            etag = f'W/"{__version__}-{gen}-{digest}"'.encode()
            headers = dict(scope["headers"])
            sent = headers.get(b"if-none-match", b"")
            if etag in [t.strip() for t in sent.split(b",")]:
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(b"etag", etag), (b"cache-control", b"no-cache")]})
                await send({"type": "http.response.body", "body": b""})
                return
            control = b"no-cache"
            if scope["method"] == "GET" and self.cache.max_bytes > 0:
                gzip = b"gzip" if b"gzip" in headers.get(b"accept-encoding", b"") else b""
                key = (path.encode(), query, gzip)
                hit = self.cache.get(gen, key)
                if hit is None and (gen, key) in self.making:
                    await self.making[(gen, key)].wait()
                    hit = self.cache.get(gen, key)  # None: that answer was not kept (an error, too large)
                if hit is not None:
                    status, hs, body = hit
                    await send({"type": "http.response.start", "status": status, "headers": hs})
                    await send({"type": "http.response.body", "body": body})
                    return
        elif path.startswith("/static/vendor/"):
            control = b"public, max-age=604800"
        else:
            control = b"no-cache"
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"cache-control"]
                headers.append((b"cache-control", control))
                if etag is not None and message["status"] == 200:
                    headers.append((b"etag", etag))
                message = {**message, "headers": headers}
                start.update(message)
            elif key is not None and message["type"] == "http.response.body" and start.get("status") == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.cache.put(gen, key, 200, start["headers"], b"".join(parts))
            await send(message)

        if key is None or (gen, key) in self.making:
            await self.app(scope, receive, send_with_headers)
            return
        self.making[(gen, key)] = made = asyncio.Event()
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            del self.making[(gen, key)]
            made.set()


def actor_names_ar() -> dict[str, str]:
    """Each actor's own Arabic name: the first form ``rasd/data/actors.tsv`` lists for it."""
    out: dict[str, str] = {}
    for _, r in read_tsv("actors.tsv", ("name", "forms_ar")):
        forms = split_forms(r["forms_ar"])
        if forms and r["name"] not in out:
            out[r["name"]] = forms[0]
    return out


def province_points() -> dict[str, tuple[str, float, float]]:
    """Each province's name and point (the gazetteer's admin1 entries: the provincial capital)."""
    out: dict[str, tuple[str, float, float]] = {}
    for _, r in read_tsv("gazetteer.tsv", ("name", "admin1_code", "lat", "lon", "kind")):
        if r["kind"] == "admin1" and r["admin1_code"] and r["admin1_code"] not in out:
            try:
                out[r["admin1_code"]] = (r["name"], float(r["lat"]), float(r["lon"]))
            except ValueError:
                continue
    return out


SWAGGER_UI: Path | None
try:  # the Swagger UI files of the PyPI package swagger-ui-bundle-v2: /docs works offline
    import swagger_ui_bundle

    SWAGGER_UI = Path(swagger_ui_bundle.swagger_ui_path)
except ImportError:  # pragma: no cover - a dependency; without it /docs says how to get it
    SWAGGER_UI = None

# --------------------------------------------------------------------------- the app


CACHE_MB = 64


def create_app(db: str | Path = "rasd.db", static_dir: Path | None = None, cache_mb: float = CACHE_MB) -> FastAPI:
    """The API over the store at ``db`` (a URL or an SQLite path; migrated when opened). The web page is
    served from ``static_dir`` (default ``rasd/web/static``) when it exists. Answers are kept in memory
    up to ``cache_mb`` megabytes (``ResponseCache``; 0: none)."""
    store = Store(db)
    static = static_dir or STATIC

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="rasd", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Conflict events read from Arabic news (ACLED's terms), the stories that several "
                              "outlets tell, and the people named in them. See docs/api.md.")
    app.state.store = store
    app.state.cache = cache = ResponseCache(int(cache_mb * 2**20))
    app.add_middleware(_DropEmptyParams)  # type: ignore[arg-type]

    def generation() -> int:
        with store.reading() as conn:
            return read.generation(conn)

    # outermost last: the cache keeps what GZip made, so a hit is neither encoded nor compressed again
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)  # 9: twice the CPU, 4% smaller
    app.add_middleware(_Caching, generation=generation, cache=cache)  # type: ignore[arg-type]
    app.add_middleware(_SecurityHeaders)  # type: ignore[arg-type]
    labels_ar = actor_names_ar()
    points = province_points()

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
    def list_events(f: Filter, limit: Limit = 100, offset: Offset = 0, sort: Sort = "-event_date",
                    counts: Annotated[bool, Query(description=(
                        "add to each item how many reports (n_reports) and outlets (n_sources) tell its "
                        "real-world event"))] = False) -> Response:
        """Events, one per report, newest first by default; ``total`` counts all that match."""
        with store.reading() as conn:  # the stored records' JSON as it is, neither decoded nor encoded again
            return Response(checked(lambda: read.page_events_json(conn, f, limit, offset, sort, counts)),
                            media_type="application/json")

    @app.get("/api/events/{event_id:path}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
    def get_event(event_id: Id) -> JSONResponse:
        """One event, with the document that reports it."""
        return found(store.event(event_id), "event", event_id)

    @app.get("/api/clusters", response_model=ClusterPage, tags=["clusters"])
    def list_clusters(f: Filter, min_reports: MinReports = None, limit: Limit = 100, offset: Offset = 0, sort: Sort = "-event_date") -> JSONResponse:
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
        """One person with the events that name them (each with ``n_reports`` and ``n_sources`` of its
        real-world event, as ``/api/events?counts=true`` gives them)."""
        p = store.person(person_id)
        if p is not None:
            with store.reading() as conn:
                counts = read.cluster_counts(conn, [e.get("cluster_id") or "" for e in p["events"]])
            for e in p["events"]:
                e["n_reports"], e["n_sources"] = counts.get(e.get("cluster_id") or "", (1, 1))
        return found(p, "person", person_id)

    @app.get("/api/documents/{doc_id:path}", response_model=Document, responses=NOT_FOUND, tags=["documents"])
    def get_document(doc_id: Id) -> JSONResponse:
        """A document's cleaned text and, for each of its events, the spans it was read from."""
        return found(store.document(doc_id), "document", doc_id)

    @app.get("/api/timeline", response_model=list[Period], tags=["events"])
    def get_timeline(f: Filter, granularity: Literal["day", "week"] = "day",
                     unit: Annotated[Literal["events", "clusters"], Query(description=(
                         "events: one per report; clusters: one per real-world event, by its consensus"))] = "events",
                     min_reports: MinReports = None) -> JSONResponse:
        """Events and their dead per day or per week (weeks start on Saturday), in all and per event type;
        undated events are left out."""
        with store.reading() as conn:
            return JSONResponse(checked(lambda: read.timeline(conn, f, granularity, unit, min_reports)))

    @app.get("/api/summary", response_model=Summary, tags=["clusters"])
    def get_summary(f: Filter, min_reports: MinReports = None) -> JSONResponse:
        """What the matching real-world events add up to (the figures at the top of the page)."""
        with store.reading() as conn:
            return JSONResponse(checked(lambda: read.summary(conn, f, min_reports)))

    @app.get("/api/map", response_model=MapPoints, tags=["clusters"])
    def get_map(f: Filter, min_reports: MinReports = None) -> JSONResponse:
        """The located real-world events that match, as light points (at most 5000, deadliest first)."""
        with store.reading() as conn:
            return JSONResponse(checked(lambda: read.map_points(conn, f, min_reports)))

    @app.get("/api/provinces", response_model=list[Province], tags=["clusters"])
    def get_provinces(f: Filter, min_reports: MinReports = None) -> JSONResponse:
        """The matching real-world events per province, with each province's point for a map."""
        with store.reading() as conn:
            rows = checked(lambda: read.provinces(conn, f, min_reports))
        out = []
        for r in rows:
            name, lat, lon = points.get(r["code"], (r["code"], None, None))
            out.append({"code": r["code"], "name": name, "latitude": lat, "longitude": lon,
                        "events": r["events"], "fatalities": r["fatalities"]})
        return JSONResponse(out)

    @app.get("/api/facets", response_model=Facets, tags=["events"])
    def get_facets() -> JSONResponse:
        """The values the filters can take in the stored events (actors and outlets by number of events),
        and the actors' own Arabic names."""
        return JSONResponse({**store.facets(), "actor_names_ar": labels_ar})

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

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the installed swagger-ui-bundle-v2 package: nothing from a CDN."""
        if SWAGGER_UI is None:
            return HTMLResponse("<p>Install swagger-ui-bundle-v2 for this page; the API is described at "
                                "<a href=/openapi.json>/openapi.json</a>.</p>", status_code=503)
        return get_swagger_ui_html(openapi_url="/openapi.json", title="rasd API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon-32x32.png",
                                   swagger_ui_parameters={"validatorUrl": None})

    from fastapi.staticfiles import StaticFiles

    if SWAGGER_UI is not None:
        app.mount("/docs-static", StaticFiles(directory=SWAGGER_UI), name="docs-static")
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory rasd.api:app_from_env``: the store named by ``RASD_DB`` (default rasd.db),
    with a cache of ``RASD_CACHE_MB`` megabytes (default 64)."""
    return create_app(os.environ.get("RASD_DB", "rasd.db"), cache_mb=float(os.environ.get("RASD_CACHE_MB", CACHE_MB)))
