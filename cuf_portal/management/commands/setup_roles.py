from django.core.management.base import BaseCommand

from cuf_portal.roles import sync_roles


class Command(BaseCommand):
    help = "Crée ou met à jour les groupes de l'équipe CUF et leurs permissions."

    def handle(self, *args, **options):
        for name, group in sync_roles().items():
            self.stdout.write(f"{name} : {group.permissions.count()} permissions")
