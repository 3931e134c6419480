from django.core.management.base import BaseCommand

from fonds.reference import load_eapd_reference


class Command(BaseCommand):
    help = "Charge la liste CAD des pays bénéficiaires de l'APD, les codes secteurs CAD et les chiffres publiés."

    def handle(self, *args, **options):
        count = load_eapd_reference()
        self.stdout.write(f"{count} pays éligibles à l'APD chargés (liste du CAD de l'OCDE).")
