"""Demo accounts of the portal (the content itself comes from each app's demo module)."""

from django.contrib.auth import get_user_model

from .roles import sync_roles

DEMO_PASSWORD = "cuf-demo-2026"
STAFF_EMAIL = "equipe@cuf.demo"


def load(stdout):
    groups = sync_roles()
    User = get_user_model()
    staff, _ = User.objects.update_or_create(
        email=STAFF_EMAIL,
        defaults={"first_name": "Équipe", "last_name": "CUF", "is_staff": True, "is_superuser": True},
    )
    staff.set_password(DEMO_PASSWORD)
    staff.save()
    staff.groups.set(groups.values())
    stdout.write(f"Compte équipe CUF : {STAFF_EMAIL} / {DEMO_PASSWORD} (administration : /admin/)")
