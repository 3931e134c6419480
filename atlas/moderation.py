"""What a collectivity may propose for a fiche, as JSON: snapshot of a fiche, diff, application.

A proposal (ProjectChangeRequest.data) is a plain dict of the editable fields, relations given by
natural keys so that it reads well in the admin and survives renumbering:

    title, kind, status, start_year, end_year, convention_date (ISO date), dac_code, objectives,
    description, history, context, volunteers,
    themes: [theme slug], sdgs: [ODD number], partner_collectivities: [collectivity slug],
    funding_lines: [{source, amount (string), year, label}],
    partners: [{name, kind, country (ISO alpha-2), city, role}]

Lists are sorted so that two snapshots of the same fiche compare equal.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import ngettext

from .models import (
    Collectivity,
    Country,
    FundingLine,
    Participation,
    Project,
    ProjectPartner,
    SustainableDevelopmentGoal,
    Theme,
)

SCALAR_FIELDS = ["title", "kind", "status", "start_year", "end_year", "convention_date", "dac_code",
                 "objectives", "description", "history", "context", "volunteers"]
TEXT_FIELDS = {"title", "dac_code", "objectives", "description", "history", "context", "volunteers"}
RELATION_FIELDS = ["themes", "sdgs", "partner_collectivities", "funding_lines", "partners"]
FIELDS = SCALAR_FIELDS + RELATION_FIELDS
LABELS = {
    **{name: Project._meta.get_field(name).verbose_name for name in SCALAR_FIELDS},
    "themes": "thématiques",
    "sdgs": "objectifs de développement durable (ODD)",
    "partner_collectivities": "collectivités partenaires",
    "funding_lines": "financements",
    "partners": "autres partenaires",
}


def _funding_key(line):
    return (line["year"], line["source"], Decimal(line["amount"]), line["label"])


def normalize(data):
    """Sort the lists and fill missing keys, so that equal fiches give equal dicts."""
    out = {name: data.get(name) for name in SCALAR_FIELDS}
    for name in TEXT_FIELDS:
        out[name] = out[name] or ""
    out["themes"] = sorted(data.get("themes") or [])
    out["sdgs"] = sorted(int(n) for n in data.get("sdgs") or [])
    out["partner_collectivities"] = sorted(data.get("partner_collectivities") or [])
    out["funding_lines"] = sorted(
        ({"source": line["source"], "amount": f"{Decimal(str(line['amount'])):.2f}", "year": int(line["year"]),
          "label": line.get("label") or ""} for line in data.get("funding_lines") or []), key=_funding_key)
    out["partners"] = sorted(
        ({"name": p["name"], "kind": p["kind"], "country": p["country"], "city": p.get("city") or "",
          "role": p.get("role") or ""} for p in data.get("partners") or []),
        key=lambda p: (p["name"], p["country"], p["kind"], p["city"], p["role"]))
    return out


def snapshot(project):
    """The editable content of a fiche as a proposal dict (six queries)."""
    if project is None:
        return {}
    data = {name: getattr(project, name) for name in SCALAR_FIELDS}
    if data["convention_date"]:
        data["convention_date"] = data["convention_date"].isoformat()
    data["themes"] = list(project.themes.values_list("slug", flat=True))
    data["sdgs"] = list(project.sdgs.values_list("number", flat=True))
    data["partner_collectivities"] = list(
        project.participations.filter(is_french=False).values_list("collectivity__slug", flat=True))
    data["funding_lines"] = [
        {"source": line.source, "amount": str(line.amount), "year": line.year, "label": line.label}
        for line in project.funding_lines.all()]
    data["partners"] = [
        {"name": p.name, "kind": p.kind, "country": p.country.iso2, "city": p.city, "role": p.role}
        for p in project.partners.select_related("country")]
    return normalize(data)


def changed_fields(data, base):
    """The fields the author changed (every field for a new fiche)."""
    if not base:
        return [name for name in FIELDS if data.get(name) not in (None, "", [])]
    return [name for name in FIELDS if data.get(name) != base.get(name)]


# ---- Display (admin diff, "Mes projets") -----------------------------------------------------

class Names:
    """Readable names for the natural keys of a set of proposals (four queries at most)."""

    def __init__(self, *datas):
        themes, collectivities, countries = set(), set(), set()
        for data in datas:
            themes.update(data.get("themes") or [])
            collectivities.update(data.get("partner_collectivities") or [])
            countries.update(p["country"] for p in data.get("partners") or [])
        self.themes = dict(Theme.objects.filter(slug__in=themes).values_list("slug", "name")) if themes else {}
        self.collectivities = dict(Collectivity.objects.filter(slug__in=collectivities)
                                   .values_list("slug", "name")) if collectivities else {}
        self.countries = dict(Country.objects.filter(iso2__in=countries)
                              .values_list("iso2", "name")) if countries else {}
        self.sdgs = dict(SustainableDevelopmentGoal.objects.values_list("number", "title"))

    def display(self, name, value):
        """A French, human-readable rendering of one field's value."""
        if value in (None, "", []):
            return "—"
        if name == "kind":
            return dict(Project.Kind.choices).get(value, value)
        if name == "status":
            return dict(Project.Status.choices).get(value, value)
        if name == "convention_date":
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        if name == "themes":
            return " ; ".join(self.themes.get(slug, slug) for slug in value)
        if name == "sdgs":
            return " ; ".join(f"ODD {n} — {self.sdgs.get(n, '')}" for n in value)
        if name == "partner_collectivities":
            return " ; ".join(self.collectivities.get(slug, slug) for slug in value)
        if name == "funding_lines":
            sources = dict(FundingLine.Source.choices)
            return "\n".join(
                f"{line['year']} — {sources.get(line['source'], line['source'])} : "
                f"{Decimal(line['amount']):,.2f} €".replace(",", "\u202f").replace(".", ",")
                + (f" ({line['label']})" if line["label"] else "") for line in value)
        if name == "partners":
            kinds = dict(ProjectPartner.Kind.choices)
            return "\n".join(
                f"{p['name']} ({kinds.get(p['kind'], p['kind'])}, "
                f"{', '.join(x for x in (p['city'], self.countries.get(p['country'], p['country'])) if x)})"
                + (f" : {p['role']}" if p["role"] else "") for p in value)
        return str(value)


def diff(change_request, current=None):
    """Rows (label, current value, proposed value, moved since submission) of what the author changed.

    `current` is the fiche's snapshot now (computed when not given)."""
    data = change_request.data
    base = change_request.base_data
    if current is None:
        current = snapshot(change_request.project)
    names = Names(data, current)
    rows = []
    for name in changed_fields(data, base):
        rows.append({
            "field": name, "label": LABELS[name],
            "current": names.display(name, current.get(name)) if current else "—",
            "proposed": names.display(name, data.get(name)),
            "moved": bool(base) and current.get(name) != base.get(name),
        })
    return rows


# ---- Application (called by atlas.services.approve_change inside its transaction) ----------

def _lookup(model, field, values, labels):
    """`labels`: the (singular, plural) messages, e.g. ("Thématique introuvable", "Thématiques introuvables")."""
    found = dict(model.objects.filter(**{f"{field}__in": values}).values_list(field, "pk"))
    missing = [v for v in values if v not in found]
    if missing:
        label = ngettext(labels[0], labels[1], len(missing))
        raise ValidationError(f"{label} : {', '.join(str(m) for m in missing)}.")
    return [found[v] for v in values]


def apply(project, data, fields):
    """Write `fields` of the proposal `data` to `project` (saved first if new). Returns the project."""
    for name in SCALAR_FIELDS:
        if name in fields:
            value = data.get(name)
            if name == "convention_date" and value:
                value = datetime.date.fromisoformat(value)
            if name in TEXT_FIELDS:
                value = value or ""
            setattr(project, name, value)
    project.full_clean(exclude=["slug"], validate_unique=False)
    project.save()
    if "themes" in fields:
        project.themes.set(_lookup(Theme, "slug", data["themes"],
                                   ("Thématique introuvable", "Thématiques introuvables")))
    if "sdgs" in fields:
        project.sdgs.set(_lookup(SustainableDevelopmentGoal, "number", data["sdgs"],
                                 ("ODD introuvable", "ODD introuvables")))
    if "partner_collectivities" in fields:
        wanted = set(_lookup(Collectivity, "slug", data["partner_collectivities"],
                                  ("Collectivité introuvable", "Collectivités introuvables")))
        project.participations.filter(is_french=False).exclude(collectivity_id__in=wanted).delete()
        present = set(project.participations.values_list("collectivity_id", flat=True))
        for collectivity_id in sorted(wanted - present):
            Participation.objects.create(project=project, collectivity_id=collectivity_id)
    if "funding_lines" in fields:
        project.funding_lines.all().delete()
        FundingLine.objects.bulk_create(
            FundingLine(project=project, source=line["source"], amount=Decimal(line["amount"]), year=line["year"],
                        label=line["label"]) for line in data["funding_lines"])
    if "partners" in fields:
        countries = dict(zip([p["country"] for p in data["partners"]],
                             _lookup(Country, "iso2", [p["country"] for p in data["partners"]], "Pays"),
                             strict=True))
        project.partners.all().delete()
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=project, name=p["name"], kind=p["kind"], country_id=countries[p["country"]],
                           city=p["city"], role=p["role"]) for p in data["partners"])
    return project
