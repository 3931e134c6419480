from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cuf_portal"
    verbose_name = "Portail et comptes"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
