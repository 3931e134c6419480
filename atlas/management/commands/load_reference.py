import time

from django.core.management.base import BaseCommand

from atlas.reference import load_reference
from atlas.registry import adopt_registry, load_registry


class Command(BaseCommand):
    help = ("Charge les continents, pays, régions et départements de référence, puis le registre officiel des "
            "collectivités françaises (fixtures/registry/) et y rattache les fiches existantes. Idempotent.")

    def handle(self, *args, **options):
        count = load_reference()
        self.stdout.write(f"{count} pays de référence.")
        started = time.perf_counter()
        counts = load_registry()
        self.stdout.write(f"Registre officiel : {counts['rows']} collectivités françaises ({counts['created']} "
                          f"créées, {counts['updated']} mises à jour) en {time.perf_counter() - started:.1f} s.")
        adopt_registry(self.stdout)
