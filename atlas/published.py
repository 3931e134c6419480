"""Figures about the Atlas and the Bourse-projets that the State published (fixtures/published-figures.json).

They are the real portal's scale as the brochure states it (seed 003), shown next to — and
distinct from — what this portal counts in its own tables (atlas.queries.key_figures).
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "published-figures.json"


@cache
def published_figures():
    """{"source": …, "atlas": {projects, french, partners, countries, quote}, "bourse": {…}}."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return {"source": data["source"], "atlas": data["atlas"], "bourse": data["bourse"]}
