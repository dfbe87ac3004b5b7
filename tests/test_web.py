"""The web page in a real browser (Debian's Chromium driven by Playwright) against the real app.

The app (``rasd.api.create_app``) runs under uvicorn on a free 127.0.0.1 port over a temporary SQLite
store filled by the real ``rasd ingest`` of the bundled sample corpus plus one hostile document whose
text, evidence and source carry script and image tags. No browser is downloaded: the tests use
``/usr/bin/chromium`` (``apt-get install chromium``; ``scripts/test.sh`` installs it when it can) or
``$RASD_CHROMIUM``. Without a browser they skip, except under CI (``CI=true``), where they fail.
``RASD_WEB_TEST_URL=http://127.0.0.1:PORT`` points them at an app already running over the same data.

Screenshots land in ``/tmp/rasd-*.png`` (``$RASD_SCREENSHOTS`` to move them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "rasd" / "web" / "static"
SAMPLE = ROOT / "rasd" / "data" / "sample" / "articles.jsonl"
SHOTS = Path(os.environ.get("RASD_SCREENSHOTS", "/tmp"))
IN_CI = os.environ.get("CI", "").lower() == "true"

PWNED = "window.__pwned=1"
SCRIPT_TAG = f"<script>{PWNED}</script>"
IMG_TAG = f'<img src=x onerror="{PWNED}">'
EVIL_DOC = {
    "id": "evil-01",
    "source": SCRIPT_TAG + IMG_TAG,
    "url": f"javascript:{PWNED}",
    "published": "2023-05-09",
    "text": (f"درعا – {IMG_TAG}\n\n"
             f"قُتل ثلاثة مدنيين {SCRIPT_TAG} وأصيب خمسة آخرون، صباح اليوم الثلاثاء، جراء قصف مدفعي لقوات "
             f"النظام على بلدة جاسم في ريف درعا الشمالي {IMG_TAG}.\n\n"
             "وقال ناشطون إن القصف استهدف الأحياء السكنية في البلدة."),
}

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for p in (os.environ.get("RASD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
              shutil.which("chromium-browser")):
        if p and os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


# --------------------------------------------------------------------------- static checks (no browser)

def _static_files(*exts: str) -> list[Path]:
    return sorted(p for p in STATIC.rglob("*") if p.is_file() and p.suffix in exts and "vendor" not in p.parts)


def test_page_files_exist() -> None:
    for rel in ("index.html", "css/style.css", "js/main.js", "vendor/region-countries.geojson", "vendor/NOTICE.md",
                "vendor/LICENSE.world-atlas"):
        assert (STATIC / rel).is_file(), rel


def test_csp_and_no_inline_code() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert m, "no Content-Security-Policy meta tag"
    csp = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in m.group(1).split(";")) if d}
    for directive in ("default-src", "script-src", "style-src", "connect-src"):
        assert csp[directive] == ["'self'"], (directive, csp.get(directive))
    assert csp["img-src"] == ["'self'", "data:"]
    # every script is a file; no inline script, style element, style attribute or event handler attribute
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_no_html_sinks_or_external_urls() -> None:
    sinks = re.compile(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|"
                       r"setAttribute\(\s*[\"']style|\.srcdoc\b|createContextualFragment")
    for p in _static_files(".js", ".html", ".css"):
        src = p.read_text(encoding="utf-8")
        assert not sinks.search(src), f"{p.relative_to(STATIC)}: HTML sink"
        # no resource from elsewhere: the only absolute URL allowed is the SVG namespace name
        for url in re.findall(r"(?:https?:)?//[a-zA-Z0-9.-]+\.[a-z]{2,}[^\s\"')]*", src):
            assert url == "http://www.w3.org/2000/svg", f"{p.relative_to(STATIC)}: external URL {url}"
        assert "@import" not in src and "@font-face" not in src


def test_vendored_map_is_geojson_of_the_region() -> None:
    geo = json.loads((STATIC / "vendor" / "region-countries.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Syria", "Iraq", "Lebanon", "Egypt", "Sudan", "Yemen", "Saudi Arabia"} <= names
    w, s, e, n = geo["rasd"]["bbox"]
    for f in geo["features"]:
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                assert ring[0] == ring[-1]
                assert all(w - 1e-6 <= x <= e + 1e-6 and s - 1e-6 <= y <= n + 1e-6 for x, y in ring)
    notice = (STATIC / "vendor" / "NOTICE.md").read_text(encoding="utf-8")
    assert "world-atlas" in notice and "Natural Earth" in notice and "public domain" in notice


# --------------------------------------------------------------------------- the app

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rasd_cli() -> list[str]:
    exe = Path(sys.executable).with_name("rasd")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "rasd.cli"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if os.environ.get("RASD_WEB_TEST_URL"):  # an app already running over the sample and the hostile document
        yield os.environ["RASD_WEB_TEST_URL"].rstrip("/")
        return
    try:
        from rasd.api import create_app
    except ImportError as e:  # the API is another part of the project; it must be there in CI
        _unavailable(f"rasd.api is not importable: {e}")
    import uvicorn

    tmp = tmp_path_factory.mktemp("web")
    corpus = tmp / "articles.jsonl"
    corpus.write_text(SAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n" + json.dumps(EVIL_DOC, ensure_ascii=False)
                      + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp / 'rasd.db'}"
    proc = subprocess.run([*_rasd_cli(), "ingest", str(corpus), "--db", db], capture_output=True, text=True,
                          timeout=600, cwd=tmp)
    assert proc.returncode in (0, 3), proc.stderr[-3000:]
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def api(base: str, path: str) -> Any:
    with _NO_PROXY.open(base + path, timeout=30) as r:  # 127.0.0.1 only, never through a proxy
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture(scope="module")
def browser(app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    exe = chromium_path()
    if exe is None:
        _unavailable("no Chromium at /usr/bin/chromium (apt-get install chromium) or $RASD_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=exe, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC",
            service_workers="block")
        ctx.set_default_timeout(15000)
        try:
            yield ctx
        finally:
            ctx.close()


class Watch:
    """What a page asked for and complained about."""

    def __init__(self, page: Any, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")

    def foreign(self) -> list[str]:
        ok = (self.base + "/", "data:", "about:", "blob:")
        return [u for u in self.requests if not u.startswith(ok)]


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    pg = browser.new_page()
    pg.watch = Watch(pg, app_url)
    yield pg
    try:
        assert pg.watch.foreign() == [], "requests left 127.0.0.1"
        assert pg.evaluate("window.__csp") == [], "Content-Security-Policy violations"
        assert pg.evaluate("typeof window.__pwned") == "undefined"
        assert pg.watch.errors == []
    finally:
        pg.close()


def goto(page: Any, base: str, hash_: str = "#/") -> None:
    page.goto(f"{base}/{hash_}")


def list_total(page: Any) -> int:
    head = page.locator(".list-head .card-title").inner_text()
    return int(re.match(r"([\d,]+)", head).group(1).replace(",", ""))


# --------------------------------------------------------------------------- the page

def test_overview_map_timeline_list(page: Any, app_url: str) -> None:
    goto(page, app_url)
    page.wait_for_selector(".map-svg circle.ev")
    page.wait_for_selector(".tl-bar")
    page.wait_for_selector("tr.ev-row")
    assert page.locator(".map-svg path.land").count() > 20  # the vendored Natural Earth outlines
    n_circles = page.locator(".map-svg circle.ev").count()
    total = api(app_url, "/api/events?limit=1")["total"]
    assert list_total(page) == total
    assert page.locator("tr.ev-row").count() == min(25, total)
    placed = api(app_url, "/api/events?limit=500")["items"]
    assert n_circles == sum(1 for e in placed if e.get("latitude") is not None)
    # bars hold every dated event
    bars = page.locator(".tl-bar").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    counted = sum(int(re.search(r": (\d+) events?", b).group(1)) for b in bars)
    assert counted == sum(1 for e in placed if e.get("event_date"))
    # the stories several outlets tell, with their disagreements
    stories = api(app_url, "/api/clusters?min_reports=2&limit=8")
    page.wait_for_selector("tr.story-row")
    assert page.locator("tr.story-row").count() == len(stories["items"]) >= 1
    assert page.locator("tr.story-row .conflict-pill").count() == sum(1 for c in stories["items"] if c["contradictions"])
    # Arabic names are right to left beside the English ones
    assert page.locator("tr.ev-row .ar[dir=rtl][lang=ar]").count() > 0
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "rasd-overview.png"), full_page=True)
    # a circle opens its event: a real click where nothing else (controls, other circles) covers it
    target = page.evaluate("""() => {
      for (const a of [...document.querySelectorAll('.map-svg a.ev-link')].reverse()) {
        const r = a.querySelector('circle').getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (hit && a.contains(hit)) return {x, y, id: a.dataset.eventId};
      }
      return null;
    }""")
    assert target, "no clickable circle"
    event_id = target["id"]
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(r"#/event/"))
    assert page.url.endswith("#/event/" + event_id)
    page.wait_for_selector(".article-text")


def test_map_zooms_and_pans(page: Any, app_url: str) -> None:
    goto(page, app_url)
    page.wait_for_selector(".map-svg circle.ev")
    svg = page.locator(".map-svg")
    width = lambda: float(svg.get_attribute("viewBox").split()[2])  # noqa: E731
    w0 = width()
    page.click("button[aria-label='Zoom in']")
    assert width() < w0
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 400)
    w1 = width()
    assert w1 > w0 / 1.6
    x0 = float(svg.get_attribute("viewBox").split()[0])
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 260, box["y"] + 220, steps=5)
    page.mouse.up()
    assert float(svg.get_attribute("viewBox").split()[0]) < x0  # dragged east: the view moved west
    assert "#/event/" not in page.url  # a drag is not a click
    page.click("button[aria-label='Fit the events']")
    # circles keep their size on screen whatever the zoom
    r = page.locator(".map-svg circle.ev").first.bounding_box()
    assert 4 <= r["width"] <= 46


def test_filters_narrow_everything_and_live_in_the_hash(page: Any, app_url: str) -> None:
    goto(page, app_url)
    page.wait_for_selector("tr.ev-row")
    total = list_total(page)
    circles = page.locator(".map-svg circle.ev").count()
    facets = api(app_url, "/api/facets")
    code = "SY-DY" if any(a["code"] == "SY-DY" for a in facets["admin1"]) else facets["admin1"][0]["code"]
    name = next(a["name"] for a in facets["admin1"] if a["code"] == code)
    expected = api(app_url, f"/api/events?admin1={code}&limit=500")
    assert 0 < expected["total"] < total
    page.wait_for_selector(f"#f-admin1 option[value='{code}']", state="attached")
    page.select_option("#f-admin1", code)
    page.wait_for_function("n => document.querySelector('.list-head .card-title').textContent.startsWith(n + ' ')",
                           arg=str(expected["total"]))
    assert f"admin1={code}" in page.url
    assert list_total(page) == expected["total"] < total
    rows = page.locator("tr.ev-row td.where").all_inner_texts()
    assert rows and all(name in r for r in rows), rows
    page.wait_for_function("n => document.querySelectorAll('.map-svg circle.ev').length < n", arg=circles)
    # free text and type narrow further; the shared URL gives the same view
    page.fill("#f-q", "")
    page.select_option("#f-type", "t:Battles")
    page.wait_for_function("() => location.hash.includes('event_type=Battles')")
    shared = page.url
    page.wait_for_timeout(400)
    n = list_total(page)
    assert n == api(app_url, f"/api/events?admin1={code}&event_type=Battles&limit=1")["total"]
    other = page.context.new_page()
    try:
        other.goto(shared)
        other.wait_for_selector(".list-head .card-title")
        other.wait_for_function("n => document.querySelector('.list-head .card-title').textContent.startsWith(n + ' ')",
                                arg=str(n))
        assert other.input_value("#f-admin1") == code
        assert other.input_value("#f-type") == "t:Battles"
    finally:
        other.close()
    # clearing brings everything back
    page.click("button.reset")
    page.wait_for_function("n => document.querySelector('.list-head .card-title').textContent.startsWith(n + ' ')",
                           arg=f"{total:,}")
    # a timeline bar narrows the dates to its day or week
    bar = page.locator(".tl-bar").first
    period = bar.get_attribute("data-period")
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("p => location.hash.includes('date_from=' + p)", arg=period)
    date_to = re.search(r"date_to=([\d-]+)", page.url).group(1)
    want = api(app_url, f"/api/events?date_from={period}&date_to={date_to}&limit=1")["total"]
    page.wait_for_function("n => document.querySelector('.list-head .card-title').textContent.startsWith(n + ' ')",
                           arg=str(want))
    assert page.input_value("#f-date_from") == period and page.input_value("#f-date_to") == date_to


def _event_with_clean_evidence(base: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """An event of a multi-report cluster whose evidence spans do not overlap, and its document."""
    clusters = api(base, "/api/clusters?min_reports=2&limit=100")["items"]
    for c in clusters:
        for eid in c["event_ids"]:
            ev = api(base, f"/api/events/{eid}")
            spans = sorted(ev.get("evidence") or [], key=lambda s: s["start"])
            if len(spans) >= 2 and all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:], strict=False)):
                return ev, api(base, f"/api/documents/{ev['doc_id']}")
    raise AssertionError("no multi-report event with separate evidence sentences")


def test_event_page_highlights_evidence(page: Any, app_url: str) -> None:
    ev, doc = _event_with_clean_evidence(app_url)
    for sp in ev["evidence"]:  # the contract the marks rely on
        assert doc["text"][sp["start"]:sp["end"]] == sp["text"]
    goto(page, app_url, f"#/event/{ev['event_id']}")
    page.wait_for_selector(".article-text mark.evidence")
    marks = page.locator(".article-text mark.evidence")
    got = marks.evaluate_all("els => els.map(e => [e.textContent, +e.dataset.start, +e.dataset.end])")
    want = [[s["text"], s["start"], s["end"]] for s in sorted(ev["evidence"], key=lambda s: s["start"])]
    assert got == want
    # the whole article is there, as text, right to left
    art = page.locator(".article-text")
    assert art.get_attribute("dir") == "rtl" and art.get_attribute("lang") == "ar"
    assert art.evaluate("e => e.textContent") == doc["text"]
    # fields, actors and notes
    body = page.locator("main").inner_text()
    assert ev["event_type"] in body and ev["sub_event_type"] in body
    if ev.get("actor1"):
        assert ev["actor1"]["name"] in body
    if ev.get("notes"):
        assert ev["notes"] in body
    for who in ev.get("reported_by") or []:
        assert who in body
    # on to its cluster
    page.click("a.cluster-banner")
    page.wait_for_url(re.compile("#/cluster/" + re.escape(ev["cluster_id"])))
    page.wait_for_selector("th.report-head")
    assert page.locator(f"th.report-head[data-event-id='{ev['event_id']}']").count() == 1


def test_cluster_page_sources_side_by_side_and_contradictions(page: Any, app_url: str) -> None:
    clusters = api(app_url, "/api/clusters?min_reports=2&limit=200")["items"]
    pick = [c for c in clusters if len(c["sources"]) >= 2 and c["contradictions"]]
    assert pick, "the sample corpus has a multi-outlet story whose sources disagree"
    c = max(pick, key=lambda c: (len(c["sources"]), len(c["contradictions"])))
    goto(page, app_url, f"#/cluster/{c['cluster_id']}")
    page.wait_for_selector("table.compare")
    heads = page.locator("th.report-head")
    assert heads.count() == c["n_reports"] >= 2
    assert set(heads.locator(".report-source").all_inner_texts()) == set(c["sources"])
    # contradictions listed at the top, in red, and their rows marked
    box = page.locator(".contradictions")
    assert box.is_visible()
    assert box.locator(".contradiction-text").all_inner_texts() == [x["text"] for x in c["contradictions"]]
    red = box.evaluate("e => getComputedStyle(e).borderLeftColor")
    r, g, b = (int(v) for v in re.findall(r"\d+", red)[:3])
    assert r > 150 and g < 90 and b < 90, red
    assert page.locator("tr.cmp-row.conflict").count() >= 1
    cell = page.locator("tr.cmp-row.conflict td").first.evaluate("e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(v) for v in re.findall(r"\d+", cell)[:3])
    assert r > g + 10 and r > b + 10, cell
    # evidence of every report, right to left
    assert page.locator("tr.row-evidence blockquote[dir=rtl]").count() >= c["n_reports"]
    page.screenshot(path=str(SHOTS / "rasd-cluster.png"), full_page=True)


def test_person_page(page: Any, app_url: str) -> None:
    persons = api(app_url, "/api/persons?limit=100")["items"]
    assert persons
    p = max(persons, key=lambda p: (len(p.get("aliases") or []), len(p.get("event_ids") or [])))
    goto(page, app_url, "#/persons")
    page.wait_for_selector(".persons-table")
    page.click(f"a[href='#/person/{p['person_id']}']")
    page.wait_for_selector(".person-head h1")
    assert page.locator(".person-head h1").inner_text() == (p["name"] or p["name_ar"])
    ar = page.locator(".person-head .name-ar")
    assert ar.inner_text() == p["name_ar"] and ar.get_attribute("dir") == "rtl"
    for alias in p.get("aliases") or []:
        assert page.locator(".aliases-list li", has_text=alias).count() >= 1
    if p.get("affiliation"):
        assert p["affiliation"] in page.locator("main").inner_text()
    full = api(app_url, f"/api/persons/{p['person_id']}")
    assert page.locator("tr.ev-row").count() == len(full["events"]) >= 1


def test_hostile_text_is_only_text(page: Any, app_url: str) -> None:
    doc = api(app_url, "/api/documents/evil-01")
    assert doc["events"], "the hostile document yields an event"
    ev = doc["events"][0]
    assert any(SCRIPT_TAG in sp["text"] for sp in ev["evidence"])
    goto(page, app_url, f"#/event/{ev['event_id']}")
    page.wait_for_selector(".article-text mark.evidence")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    marks = page.locator(".article-text mark.evidence").all_inner_texts()
    assert any(SCRIPT_TAG in m and IMG_TAG in m for m in marks), marks
    # no element came out of the data: one script (the page's own), no image at all
    assert page.evaluate("document.scripts.length") == 1
    assert page.locator("main img, main script, main iframe, main object").count() == 0
    assert SCRIPT_TAG + IMG_TAG in page.locator(".source").first.inner_text()
    # a javascript: URL is shown, not linked
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("main .url").first.inner_text() == EVIL_DOC["url"]
    for hash_ in (f"#/document/{doc['id']}", f"#/cluster/{api(app_url, '/api/events/' + ev['event_id'])['cluster_id']}",
                  "#/?q=" + "window.__pwned"):
        goto(page, app_url, hash_)
        page.wait_for_selector(".page-head, tr.ev-row, .empty")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("main img, main script").count() == 0


def test_narrow_window(page: Any, app_url: str) -> None:
    page.set_viewport_size({"width": 400, "height": 860})
    goto(page, app_url)
    page.wait_for_selector("tr.ev-row")
    page.wait_for_selector(".map-svg circle.ev")
    assert page.evaluate("document.documentElement.scrollWidth") <= 401
    page.screenshot(path=str(SHOTS / "rasd-narrow.png"), full_page=True)
    clusters = api(app_url, "/api/clusters?min_reports=2&limit=1")["items"]
    goto(page, app_url, f"#/cluster/{clusters[0]['cluster_id']}")
    page.wait_for_selector("table.compare")
    assert page.evaluate("document.documentElement.scrollWidth") <= 401
