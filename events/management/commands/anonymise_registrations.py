from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from events import services


class Command(BaseCommand):
    help = ("Anonymise les inscriptions des éditions terminées depuis plus que la durée de conservation "
            "(EVENTS_RETENTION_DAYS, 365 jours par défaut).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="durée de conservation en jours")

    def handle(self, *args, days=None, **options):
        days = services.retention_days() if days is None else days
        count = services.anonymise_expired(days=days)
        done = ngettext("%(count)d inscription anonymisée", "%(count)d inscriptions anonymisées", count)
        self.stdout.write(f"{done % {'count': count}} (conservation : {days} jours).")
