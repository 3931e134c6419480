"""`bench_atlas --browser`: the map pages in headless Chromium (Playwright) against the benchmark's gunicorn.

For each page: the bytes that went over the wire (Chrome's encodedDataLength: compressed sizes, headers
included, 0 for what came from the browser cache), the number of requests, and the time from the start of
navigation until the map has drawn its markers (`.map.map-ready`, set by static/js/map.js) — on a first
visit (empty cache) and on a revisit in the same browser (cache kept).
"""

import html
import os
import re
import shutil

from .http import Connection

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ("/atlas/", "/atlas/monde/")
MAP = ".map[data-points-url], .map[data-geojson-url]"
# Polled at each animation frame, in the page: the time of the first frame in which a map has drawn its
# markers. Read inside the poll, not by a later evaluation, which would queue behind the work the page
# starts once the markers are on screen (the basemap, the world choropleth) and count it as waiting.
READY_AT = (f"() => [...document.querySelectorAll('{MAP}')].some(m => m.matches('.map-ready, .map-error'))"
            " && performance.now()")


def _visit(page, cdp, url):
    transferred = {"bytes": 0, "requests": 0}

    def finished(event):
        transferred["bytes"] += event.get("encodedDataLength", 0)
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="commit")
    markers_ms = page.wait_for_function(READY_AT, polling="raf", timeout=60_000).json_value()
    state = page.evaluate(f"() => {{ const m = document.querySelector('{MAP}');"
                          " return [m.classList.contains('map-ready'), m.dataset.markers]; }")
    page.wait_for_load_state("networkidle")
    cdp.remove_listener("Network.loadingFinished", finished)
    return transferred, markers_ms, state


def warm_up(port):
    """The server side is measured by --http: ask each page and its map data once, so that the browser
    measures a warm server (a first visit of this browser, not of the first visitor after a deployment)."""
    connection = Connection(port)
    try:
        for path in PAGES:
            _status, body, _headers = connection.get(path)
            for url in re.findall(rb'data-(?:points|geojson|basemap)-url="([^"]+)"', body):
                connection.get(html.unescape(url.decode()), headers={"Accept-Encoding": "gzip"})
    finally:
        connection.close()


def run(stdout, port):
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    stdout.write(f"Chromium sans interface ({CHROMIUM}), boucle locale, gunicorn 127.0.0.1:{port}.")
    stdout.write(f"{'page':<16} {'visite':<10} {'transféré':>10} {'requêtes':>9} {'marqueurs':>10}")
    warm_up(port)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for path in PAGES:
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                for visit in ("première", "retour"):
                    transferred, markers_ms, (ready, markers) = _visit(page, cdp, base + path)
                    note = f"{markers} marqueurs" if ready else "ÉCHEC de la carte"
                    stdout.write(f"{path:<16} {visit:<10} {transferred['bytes'] / 1024:8.0f}Ko "
                                 f"{transferred['requests']:>9} {markers_ms:8.0f}ms  {note}")
                context.close()
        finally:
            browser.close()
