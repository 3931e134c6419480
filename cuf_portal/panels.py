"""Slots where one app shows a panel on another app's page.

The home page shows the next agenda items and news, an Atlas country page shows the
APD declared through e-APD, the account page lists what the user has in each app. The
page that owns a slot renders `{% panels "slot" key=value %}`; the app that has the
content registers a panel in its AppConfig.ready(). The owner of the page thus never
imports the app that fills it, and apps keep depending only on atlas and cuf_portal.

A slot whose every panel names the data versions its content derives from (`scopes`, see atlas.figures)
is rendered once and cached: the home page then costs a cache read instead of a dozen queries and four
templates. The key holds those versions (any write to the tables shows at once, on every worker and
host), what else a panel's content depends on (`variant`: who sees members-only items), the language,
the release, and the current minute: the next meetings and an opening registration follow the clock,
so cached panels are at most a minute behind it.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from atlas import figures

CLOCK_SECONDS = 60


@dataclass(frozen=True)
class Panel:
    template: str
    get_context: Callable  # (request, **kwargs) -> dict | None; None hides the panel
    order: int = 50
    translated: bool = False  # False: written in French only, marked lang="fr" on other languages' pages
    # The data-version scopes the content derives from (a tuple, or a callable giving one); None: never cached.
    scopes: tuple | Callable | None = None
    variant: Callable | None = None  # (request) -> str: what else the content depends on (who sees what)

    def scope_names(self):
        return self.scopes() if callable(self.scopes) else self.scopes


_registry: dict[str, list[Panel]] = {}


def register(slot, template, get_context, order=50, translated=False, scopes=None, variant=None):
    panels = _registry.setdefault(slot, [])
    if not any(p.template == template for p in panels):
        panels.append(Panel(template, get_context, order, translated, scopes, variant))
        panels.sort(key=lambda p: p.order)


def render(slot, request, **kwargs):
    """The HTML of every panel registered for `slot` that has something to show (cached, see above)."""
    found = _registry.get(slot, [])
    cache = _cache_key(slot, found, request, kwargs)
    if cache is None:
        return _render(found, request, kwargs)
    key, version = cache
    return figures.cached(key, lambda: _render(found, request, kwargs), version=version,
                          timeout=2 * CLOCK_SECONDS)


def _cache_key(slot, found, request, kwargs):
    """(key, data versions) under which the slot's HTML is cached, or None when it is not cacheable."""
    if not found or kwargs or request is None or request.method not in ("GET", "HEAD"):
        return None
    scopes = set()
    for panel in found:
        names = panel.scope_names()
        if names is None:
            return None
        scopes.update(names)
    version = figures.request_versions(request, *sorted(scopes))
    if version is None:
        return None
    variants = ",".join(panel.variant(request) if panel.variant else "" for panel in found)
    minute = int(time.time() // CLOCK_SECONDS)
    return f"panels:{slot}:{figures.release()}:{translation.get_language()}:{minute}:{variants}", version


def _render(found, request, kwargs):
    html = []
    for panel in found:
        context = panel.get_context(request, **kwargs)
        if context is not None:
            rendered = render_to_string(panel.template, context, request=request)
            if not panel.translated and translation.get_language() != settings.LANGUAGE_CODE:
                rendered = f'<div lang="{settings.LANGUAGE_CODE}">{rendered}</div>'
            html.append(rendered)
    return html
