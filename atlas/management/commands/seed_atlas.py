import time

from django.core.management.base import BaseCommand

from atlas.generate import SCALES, generate


class Command(BaseCommand):
    help = "Génère un Atlas réaliste et déterministe (--scale national : 13 000 projets ; demo : un échantillon)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        started = time.perf_counter()
        generate(scale, self.stdout, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Terminé en {time.perf_counter() - started:.1f} s."))
