from django.core.management.base import BaseCommand

from atlas.reference import load_reference


class Command(BaseCommand):
    help = "Charge les continents, pays, régions et départements de référence. Idempotent."

    def handle(self, *args, **options):
        count = load_reference()
        self.stdout.write(f"{count} pays de référence.")
