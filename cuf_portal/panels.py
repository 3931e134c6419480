"""Slots where one app shows a panel on another app's page.

The home page shows the next agenda items and news, an Atlas country page shows the
APD declared through e-APD, the account page lists what the user has in each app. The
page that owns a slot renders `{% panels "slot" key=value %}`; the app that has the
content registers a panel in its AppConfig.ready(). The owner of the page thus never
imports the app that fills it, and apps keep depending only on atlas and cuf_portal.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Panel:
    template: str
    get_context: Callable  # (request, **kwargs) -> dict | None; None hides the panel
    order: int = 50
    translated: bool = False  # False: written in French only, marked lang="fr" on other languages' pages


_registry: dict[str, list[Panel]] = {}


def register(slot, template, get_context, order=50, translated=False):
    panels = _registry.setdefault(slot, [])
    if not any(p.template == template for p in panels):
        panels.append(Panel(template, get_context, order, translated))
        panels.sort(key=lambda p: p.order)


def render(slot, request, **kwargs):
    """The HTML of every panel registered for `slot` that has something to show."""
    html = []
    for panel in _registry.get(slot, []):
        context = panel.get_context(request, **kwargs)
        if context is not None:
            rendered = render_to_string(panel.template, context, request=request)
            if not panel.translated and translation.get_language() != settings.LANGUAGE_CODE:
                rendered = f'<div lang="{settings.LANGUAGE_CODE}">{rendered}</div>'
            html.append(rendered)
    return html
