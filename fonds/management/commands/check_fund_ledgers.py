from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from cuf_portal.templatetags.portal import euros
from fonds import queries
from fonds.models import Contribution, LedgerEntry


class Command(BaseCommand):
    help = ("Vérifie les registres des fonds : allocations ≤ versements reçus, une écriture par versement reçu. "
            "Sort en erreur si un invariant est violé.")

    def handle(self, *args, **options):
        problems = []
        for fund in queries.fund_list():
            received_rows = Contribution.objects.filter(fund=fund, state=Contribution.State.RECEIVED).count()
            receipts = LedgerEntry.objects.filter(fund=fund, kind=LedgerEntry.Kind.RECEIPT).count()
            self.stdout.write(f"{fund.name} : promis {euros(fund.pledged)}, reçus {euros(fund.received)}, "
                              f"alloués {euros(fund.allocated)}, disponibles {euros(fund.available)}, "
                              + ngettext("{n} donateur", "{n} donateurs", fund.donor_count).format(n=fund.donor_count))
            if fund.allocated > fund.received:
                problems.append(f"{fund.name} : allocations supérieures aux versements reçus")
            if received_rows != receipts:
                problems.append(f"{fund.name} : {received_rows} contributions reçues pour {receipts} écritures")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Registres cohérents."))
