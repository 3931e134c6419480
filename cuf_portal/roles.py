"""CUF staff roles: Django groups holding every permission of the apps they manage."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ROLES = {
    "Éditeurs Atlas": ["atlas"],
    "Gestion des Rencontres": ["events"],
    "Animation des groupes": ["groupes_pays"],
    "Fonds et e-APD": ["fonds"],
}


@transaction.atomic
def sync_roles():
    """Create or update the groups; idempotent, run by `setup_roles` and `load_demo`."""
    groups = {}
    for name, app_labels in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=app_labels))
        groups[name] = group
    return groups
