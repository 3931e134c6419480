"""The official registry of French collectivities, from Etalab's `@etalab/decoupage-administratif`.

The npm package carries INSEE's Code officiel géographique (communes with their SIREN, départements,
régions and their chefs-lieux), the DGCL's list of EPCI à fiscalité propre with their member communes,
INSEE's list of the établissements publics territoriaux (EPT) of the Grand Paris, and INSEE's legal
populations. `build_rows` turns the package into one compact table (fixtures/registry/), which
`load_registry` loads into Collectivity in a few statements (COPY into a staging table, then one
UPDATE and one INSERT), idempotently: a collectivity is matched by SIREN, or by kind and COG code
when the registry gives it no SIREN (régions, départements, collectivités d'outre-mer).

What the package does not give is not invented: régions and départements have no SIREN there; an EPCI
has no seat, so it is placed at its most populous member commune (see atlas.places).
"""

import csv
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from .search import strip_accents

PACKAGE = "@etalab/decoupage-administratif"
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "registry"
FIXTURE = FIXTURE_DIR / "collectivites-francaises.csv.gz"
COLUMNS = ["kind", "siren", "code", "name", "department", "region", "population", "epci", "seat", "latitude",
           "longitude", "approximate"]

# Kinds of the Collectivity model (atlas.models.Collectivity.Kind values).
REGION, DEPARTEMENT, COMMUNE, EPCI, EPT, UNIQUE = ("region", "departement", "commune", "epci", "ept",
                                                   "collectivite_unique")

# Territories whose région and département are one collectivité à statut particulier: the
# collectivity is recorded once, at the région level (Corse, Martinique, Guyane) or at the
# département level (Mayotte). Paris (75) is the commune 75056 of the registry; the Métropole de
# Lyon comes from the EPCI list (type MET69).
UNIQUE_REGIONS = {"94", "02", "03"}
MERGED_DEPARTMENTS = {"2A", "2B", "972", "973", "75"}
UNIQUE_DEPARTMENTS = {"976"}
MERGED_REGIONS = {"06"}
# Collectivités d'outre-mer (and Nouvelle-Calédonie): a collectivity, with no région or département.
OVERSEAS_COLLECTIVITIES = {"975", "977", "978", "986", "987", "988"}
# Overseas "communes" of the COG that are collectivities: those of Saint-Pierre-et-Miquelon,
# Polynésie française and Nouvelle-Calédonie. The districts of the TAAF, the circonscriptions of
# Wallis-et-Futuna, Clipperton and the one-commune COM (Saint-Barthélemy, Saint-Martin) are not.
OVERSEAS_COMMUNES = {"975", "987", "988"}


@dataclass
class Row:
    kind: str
    siren: str
    code: str
    name: str
    department: str
    region: str
    population: int | None
    epci: str
    seat: str
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = True

    @property
    def key(self):
        return self.siren or f"{self.kind}:{self.code}"


def _load_json(package_dir, name):
    with open(Path(package_dir) / "data" / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def build_rows(package_dir):
    """The registry's rows, in a stable order, from an unpacked package directory."""
    communes = [c for c in _load_json(package_dir, "communes") if c["type"] == "commune-actuelle"]
    departments = _load_json(package_dir, "departements")
    regions = _load_json(package_dir, "regions")
    epcis = _load_json(package_dir, "epci")
    epts = _load_json(package_dir, "ept")
    commune_by_code = {c["code"]: c for c in communes}
    epci_of = {}
    for epci in epcis:
        if epci["type"] == "MET69":
            continue  # Métropole de Lyon: a collectivité à statut particulier, not an EPCI of its communes
        for member in epci["membres"]:
            epci_of[member["code"]] = epci["code"]
    population = {}
    for commune in communes:
        for level in ("departement", "region"):
            population[(level, commune[level])] = population.get((level, commune[level]), 0) + (
                commune.get("population") or 0)
    rows = []
    for region in regions:
        code = region["code"]
        if code in MERGED_REGIONS:
            continue
        if code in OVERSEAS_COLLECTIVITIES or code in UNIQUE_REGIONS:
            kind = UNIQUE
        elif len(code) == 2:
            kind = REGION
        else:
            continue  # TAAF, Clipperton: no territorial collectivity
        rows.append(Row(kind, "", code, region["nom"], "", "" if code in OVERSEAS_COLLECTIVITIES else code,
                        population.get(("region", code)), "", region.get("chefLieu", "")))
    for department in departments:
        code = department["code"]
        if code in MERGED_DEPARTMENTS or len(code) == 3 and code not in {"971", "972", "973", "974", "976"}:
            continue
        kind = UNIQUE if code in UNIQUE_DEPARTMENTS else DEPARTEMENT
        rows.append(Row(kind, "", code, department["nom"], code, department["region"],
                        population.get(("departement", code)), "", department["chefLieu"]))
    for commune in communes:
        department = commune["departement"]
        overseas = department in OVERSEAS_COLLECTIVITIES
        if overseas and department not in OVERSEAS_COMMUNES:
            continue
        if not commune.get("siren") and not overseas:
            continue
        rows.append(Row(COMMUNE, commune.get("siren", ""), commune["code"], commune["nom"],
                        "" if overseas else department, "" if overseas else commune["region"],
                        commune.get("population"), epci_of.get(commune["code"], ""), ""))
    for group, kind in [(epcis, EPCI), (epts, EPT)]:
        for epci in group:
            members = [commune_by_code[m["code"]] for m in epci["membres"] if m["code"] in commune_by_code]
            main = max(members, key=lambda c: (c.get("population") or 0, c["code"]))
            pop = epci.get("populationMunicipale") or sum(m.get("populationMunicipale") or 0
                                                          for m in epci["membres"]) or None
            rows.append(Row(UNIQUE if epci["type"] == "MET69" else kind, epci["code"], "", epci["nom"],
                            main["departement"],
                            main["region"], pop, "", main["code"]))
    return rows


def write_fixture(rows, path=FIXTURE):
    """Write the rows as gzipped CSV (mtime 0: the same package gives the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.kind, row.siren, row.code, row.name, row.department, row.region,
                         "" if row.population is None else row.population, row.epci, row.seat,
                         "" if row.latitude is None else row.latitude, "" if row.longitude is None else row.longitude,
                         int(row.approximate)])
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def read_fixture(path=FIXTURE):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [Row(kind=r["kind"], siren=r["siren"], code=r["code"], name=r["name"], department=r["department"],
                    region=r["region"], population=int(r["population"]) if r["population"] else None,
                    epci=r["epci"], seat=r["seat"], latitude=float(r["latitude"]) if r["latitude"] else None,
                    longitude=float(r["longitude"]) if r["longitude"] else None, approximate=r["approximate"] == "1")
                for r in csv.DictReader(handle)]


def search_name(name, *codes):
    """Lower-case, accent-free words of a name (and its codes), the text the pickers search."""
    text = strip_accents(name).lower()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join([*text.split(), *(c.lower() for c in codes if c)])


def _slug(row, departments_by_code, taken):
    base = slugify(row.name) or "collectivite"
    if row.kind == REGION:
        candidates = [f"region-{base}"]
    elif row.kind == DEPARTEMENT:
        candidates = [f"departement-{base}"]
    elif row.kind == COMMUNE:
        candidates = [f"{base}-{row.department.lower()}" if row.department else base, f"{base}-{row.code}"]
    else:
        candidates = [base]
    candidates.append(f"{base}-{(row.siren or row.code).lower()}")
    for slug in candidates:
        if slug not in taken:
            taken.add(slug)
            return slug
    n = 2
    while f"{candidates[-1]}-{n}" in taken:
        n += 1
    taken.add(f"{candidates[-1]}-{n}")
    return f"{candidates[-1]}-{n}"


@transaction.atomic
def load_registry(path=FIXTURE):
    """Create or update every French collectivity of the registry. Idempotent; returns counts.

    A record already in the database (same SIREN, or same kind and COG code) keeps its slug, its
    links and what staff entered (membership of CUF, website); its name, codes, département, région,
    population and EPCI follow the registry.
    """
    from .models import Collectivity, Country, Department, Region

    rows = read_fixture(path)
    france = Country.objects.get(iso2="FR")
    region_ids = dict(Region.objects.values_list("code", "pk"))
    department_ids = dict(Department.objects.values_list("code", "pk"))
    existing = {}
    for pk, siren, kind, code in Collectivity.objects.filter(country=france).exclude(
            siren="", code="").values_list("pk", "siren", "kind", "code"):
        if siren:
            existing[siren] = pk
        if code:
            existing.setdefault(f"{kind}:{code}", pk)
    taken = set(Collectivity.objects.values_list("slug", flat=True))
    staged = io.StringIO()
    writer = csv.writer(staged, lineterminator="\n")
    created = 0
    for row in rows:
        pk = existing.get(row.key)
        slug = "" if pk else _slug(row, department_ids, taken)
        created += pk is None
        lat, lon, approximate = row.latitude, row.longitude, row.approximate
        writer.writerow([
            pk or "", slug, row.kind, row.siren, row.code, row.name,
            search_name(row.name, row.code, row.siren), department_ids.get(row.department, ""),
            region_ids.get(row.region, ""), "" if row.population is None else row.population, row.epci,
            "" if lat is None else lat, "" if lon is None else lon, "t" if approximate else "f"])
    with connection.cursor() as cursor:
        cursor.execute("""CREATE TEMP TABLE registry_stage (
            pk bigint, slug text, kind text, siren text, code text, name text, search_name text,
            department_id bigint, region_id bigint, population integer, epci text,
            latitude double precision, longitude double precision, approximate boolean) ON COMMIT DROP""")
        with cursor.copy("COPY registry_stage FROM STDIN (FORMAT csv, "
                         "FORCE_NOT_NULL (slug, kind, siren, code, name, search_name, epci))") as copy:
            copy.write(staged.getvalue())
        # Temporary tables are never analysed by autovacuum: without statistics the planner took the
        # 36,000 staged rows for a few and joined them to the registry in nested loops (40 s per load).
        cursor.execute("ANALYZE registry_stage")
        insert = """
            INSERT INTO atlas_collectivity (name, slug, kind, country_id, is_french, code, siren, region_id,
                department_id, latitude, longitude, website, is_cuf_member, is_generated, population,
                search_name, position_approximate, is_registry, epci_id)
            SELECT s.name, s.slug, s.kind, %s, true, s.code, s.siren, s.region_id, s.department_id,
                   s.latitude, s.longitude, '', false, false, s.population, s.search_name, s.approximate, true, e.id
            FROM registry_stage AS s LEFT JOIN atlas_collectivity AS e ON e.siren = s.epci AND e.siren <> ''
            WHERE s.pk IS NULL AND {}"""
        # Groupings first, so that the communes find their EPCI in the same statement that creates them.
        cursor.execute(insert.format("s.kind <> 'commune'"), [france.pk])
        cursor.execute("""
            UPDATE atlas_collectivity AS c SET name = s.name, kind = s.kind, siren = s.siren, code = s.code,
                search_name = s.search_name, department_id = s.department_id, region_id = s.region_id,
                population = s.population, is_registry = true, epci_id = e.id,
                latitude = COALESCE(c.latitude, s.latitude), longitude = COALESCE(c.longitude, s.longitude),
                position_approximate = CASE WHEN c.latitude IS NULL THEN s.approximate
                                            ELSE c.position_approximate END
            FROM registry_stage AS s LEFT JOIN atlas_collectivity AS e ON e.siren = s.epci AND e.siren <> ''
            WHERE s.pk = c.id
              AND (c.name, c.kind, c.siren, c.code, c.search_name, c.department_id, c.region_id, c.population,
                   c.is_registry, c.latitude IS NULL, c.epci_id)
                  IS DISTINCT FROM (s.name, s.kind, s.siren, s.code, s.search_name, s.department_id, s.region_id,
                                    s.population, true, false, e.id)""")
        cursor.execute(insert.format("s.kind = 'commune'"), [france.pk])
        # Dropped now rather than only at commit: inside an enclosing transaction (a test, or load_demo
        # run twice in one atomic block) a second load would find the table still there.
        cursor.execute("DROP TABLE registry_stage")
        cursor.execute("ANALYZE atlas_collectivity")  # 36,000 new rows: fresh statistics for the planner
    return {"rows": len(rows), "created": created, "updated": len(rows) - created}


# ---- Existing records onto the registry -------------------------------------------------------

_PREFIXES = ("region ", "departement de la ", "departement du ", "departement des ", "departement de l ",
             "departement de ", "departement d ", "ville de ", "commune de ", "ca de ", "ca du ", "ca ",
             "cc de ", "cc du ", "cc ", "cu de ", "cu ")


def _plain(name):
    text = search_name(name.split(" (")[0])
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def registry_match(collectivity):
    """The registry record an older French record stands for, or None when none or several fit.

    Tried in turn: its SIREN (or a SIREN typed into `code`), its COG code, then its name with its
    département (communes, EPCI) or its région (régions), the name compared without accents and
    without "Région", "Département de…", "CA de…"."""
    from .models import Collectivity

    Kind = Collectivity.Kind
    registry = Collectivity.objects.filter(is_registry=True)
    code = collectivity.code.strip()
    siren = collectivity.siren or (code if len(code) == 9 and code.isdigit() else "")
    if siren and (found := registry.filter(siren=siren).first()):
        return found
    kind = collectivity.kind
    department_code = collectivity.department.code if collectivity.department_id else ""
    region_code = collectivity.region.code if collectivity.region_id else ""
    if kind == Kind.COMMUNE and len(code) == 5 and (found := registry.filter(kind=kind, code=code).first()):
        return found
    if kind == Kind.DEPARTEMENT and department_code:
        return registry.filter(kind__in=[Kind.DEPARTEMENT, Kind.COLLECTIVITE_UNIQUE], code=department_code,
                               department__code=department_code).first()
    if kind in {Kind.REGION, Kind.COLLECTIVITE_UNIQUE} and region_code and not department_code:
        plain = _plain(collectivity.name)
        candidates = list(registry.filter(kind__in=[Kind.REGION, Kind.COLLECTIVITE_UNIQUE], region__code=region_code,
                                          department__isnull=True))
        named = [c for c in candidates if _plain(c.name) in plain or plain in _plain(c.name)]
        return named[0] if len(named) == 1 else (candidates[0] if len(candidates) == 1 else None)
    plain = _plain(collectivity.name)
    if not plain:
        return None
    kinds = {Kind.EPCI: [Kind.EPCI, Kind.EPT, Kind.COLLECTIVITE_UNIQUE]}.get(kind, [kind])
    candidates = registry.filter(kind__in=kinds)
    if department_code:
        candidates = candidates.filter(department__code=department_code)
    elif region_code:
        candidates = candidates.filter(region__code=region_code)
    first_word = plain.split()[0]
    candidates = [c for c in candidates.filter(search_name__contains=first_word) if _plain(c.name) == plain]
    if not candidates and collectivity.is_generated:  # generated sets placed some towns in the wrong département
        candidates = [c for c in registry.filter(kind__in=kinds, search_name__contains=first_word)
                      if _plain(c.name) == plain]
    if not candidates and kind == Kind.EPCI and department_code:
        candidates = [c for c in registry.filter(kind__in=kinds, department__code=department_code)
                      if plain in _plain(c.name)]
    if len(candidates) == 1:
        return candidates[0]
    if collectivity.is_generated and candidates:
        return max(candidates, key=lambda c: c.population or 0)  # a generated name: the largest homonym
    return None


def merge_into(old, target):
    """Point everything that referred to `old` at the registry record `target`, then delete `old`.

    `target` keeps what staff entered on `old` (membership of CUF, website, a SIREN typed into the code,
    a hand-placed position where the registry's is approximate) and takes its slug, so that links keep
    working. Raises IntegrityError (nothing changed) when both records hold something that may exist
    once per collectivity (an e-APD declaration for the same campaign…)."""
    from .models import Collectivity, Participation

    with transaction.atomic():
        for participation in Participation.objects.filter(collectivity=old):
            twin = Participation.objects.filter(project_id=participation.project_id, collectivity=target).first()
            if twin is not None:
                lead = participation.is_lead and not twin.is_lead
                participation.delete()
                if lead:
                    Participation.objects.filter(pk=twin.pk).update(is_lead=True)
        for relation in Collectivity._meta.related_objects:
            if relation.many_to_many:
                continue
            relation.related_model._base_manager.filter(**{relation.field.name: old}).update(
                **{relation.field.name: target})
        target.is_cuf_member = target.is_cuf_member or old.is_cuf_member
        target.website = target.website or old.website
        code = old.code.strip()
        if not target.siren and len(code) == 9 and code.isdigit():
            target.siren = code
        if target.position_approximate and old.latitude is not None and not old.is_generated:
            target.latitude, target.longitude, target.position_approximate = old.latitude, old.longitude, False
        slug = old.slug
        old.delete()
        if not old.is_generated:
            target.slug = slug  # a hand-made record's links keep working
        target.save()
    return target


def adopt_registry(stdout=None):
    """Move every older French record onto its registry record (see registry_match). Idempotent.

    Returns {"merged": n, "unmatched": [names], "conflicts": [names]}; unmatched and conflicting records
    are left as they are, for staff to look at."""
    from django.db import IntegrityError

    from .models import Collectivity

    result = {"merged": 0, "unmatched": [], "conflicts": []}
    older = Collectivity.objects.filter(is_french=True, is_registry=False).select_related("department", "region")
    for collectivity in older.order_by("is_generated", "pk"):
        target = registry_match(collectivity)
        if target is None:
            result["unmatched"].append(str(collectivity))
            continue
        try:
            merge_into(collectivity, target)
        except IntegrityError:
            result["conflicts"].append(f"{collectivity} → {target}")
        else:
            result["merged"] += 1
    if stdout:
        stdout.write(f"Registre : {result['merged']} collectivités rattachées au registre officiel, "
                     f"{len(result['unmatched'])} sans correspondance, {len(result['conflicts'])} en conflit.")
    return result
