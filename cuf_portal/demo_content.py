"""Whether the portal holds demonstration content, and how much of it.

A record is demonstration content when it was invented to make the portal look full: it carries
`is_demo` (Bourse-projets requests, the upcoming edition of the Rencontres and its sessions,
amounts of the funds, e-APD declarations…) or, for the Atlas's generated data set, `is_generated`.
Records taken from CUF's documents as written carry neither. The models are found through their
fields, so that this module (in the project package) imports no app.

The answer is cached for a minute: every page asks it (the site-wide notice), and one query on a
miss is enough (a UNION ALL of one `LIMIT 1`-able probe per table). `load_demo` forgets it.
"""

import functools

from django.apps import apps
from django.core.cache import cache

DEMO_FIELDS = ("is_demo", "is_generated")
CACHE_KEY = "cuf_portal:demo-content"
CACHE_SECONDS = 60


@functools.cache
def demo_models():
    """(model, flag field name) for every installed model that can hold demonstration rows (the installed
    models do not change once Django has started)."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        for field in DEMO_FIELDS:
            if field in names:
                found.append((model, field))
    return tuple(found)


def _probe():
    probes = [model._default_manager.filter(**{field: True}).values_list(field) for model, field in demo_models()]
    if not probes:
        return False
    first, *others = probes
    return bool(list(first.union(*others, all=True)[:1]))


def has_demo_content():
    """True when any demonstration row exists (one query at most per minute and process)."""
    value = cache.get(CACHE_KEY)
    if value is None:
        value = _probe()
        cache.set(CACHE_KEY, value, CACHE_SECONDS)
    return value


def forget():
    """Call after loading or deleting demonstration content."""
    cache.delete(CACHE_KEY)


def demo_counts():
    """[(app label, model label, number of demonstration rows)] for the explanation page."""
    rows = []
    for model, field in demo_models():
        count = model._default_manager.filter(**{field: True}).count()
        if count:
            rows.append((str(model._meta.app_config.verbose_name), str(model._meta.verbose_name_plural), count))
    return sorted(rows)
