from importlib import import_module, util

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from cuf_portal.demo_content import forget

# Order matters: the other apps link to the Atlas registry of collectivities, and the Rencontres
# link their group meetings to the groups (groupes_pays before events).
DEMO_MODULES = ["cuf_portal.demo", "atlas.demo", "groupes_pays.demo", "events.demo", "fonds.demo"]


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (tiré des documents réels de CUF). Idempotent."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            if util.find_spec(name) is None:
                continue
            with transaction.atomic():
                import_module(name).load(self.stdout)
        # Collectivities the other apps' demo content created by name or SIREN join the registry's records.
        from atlas.registry import adopt_registry

        adopt_registry(self.stdout)
        # Fresh planner statistics for what was just written (the registry's 36,000 rows among them):
        # with tables that still look empty, PostgreSQL plans nested loops over the whole registry.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # The site-wide notice ("Portail de démonstration") follows at once, not after its cache expires.
        forget()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
