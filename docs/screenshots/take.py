"""Take the before/after screenshots of the key pages (issue 13) from a running demo server.

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8700 docs/screenshots/after

Each page at 1280 px (first 1000 px: what is above the fold) and 320 px (first 1800 px), reduced to a
64-colour palette when Pillow is installed, to keep the PNGs small.
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "atlas-search": "/atlas/?q=eau",
    "fiche": "/atlas/projets/jumelage-lille-saint-louis-du-senegal-lutte-contre-le-changement-climatique/",
    "programme": "/rencontres/prochaines-rencontres/programme/",
    "registration-form": "/rencontres/prochaines-rencontres/inscription/",
    "group": "/groupes/senegal/",
    "fund": "/fonds/fonds-ukraine/",
}
WIDTHS = {1280: 1000, 320: 1800}


def shrink(path):
    """64-colour palette: a tenth of the size, still readable (Pillow is optional, not a dependency)."""
    try:
        from PIL import Image
    except ImportError:
        return
    Image.open(path).convert("RGB").quantize(colors=64).save(path, optimize=True)


def main(base_url, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR",
                                          timezone_id="Europe/Paris")
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base_url + path, wait_until="networkidle")
                full = page.evaluate("document.documentElement.scrollHeight")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True,
                                clip={"x": 0, "y": 0, "width": width, "height": min(full, height)})
                shrink(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
