from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
from django.utils.module_loading import module_has_submodule

# django-leaflet's admin module imports GeoDjango, which needs the GDAL C library. The portal
# stores coordinates as plain latitude/longitude fields and uses django-leaflet only for its
# Leaflet assets and map tags, so its admin module is left out of discovery.
SKIPPED = {"leaflet"}


class PortalAdminConfig(SimpleAdminConfig):
    """The admin, with autodiscovery of every app's admin module except SKIPPED."""

    def ready(self):
        super().ready()
        for app_config in apps.get_app_configs():
            if app_config.name not in SKIPPED and module_has_submodule(app_config.module, "admin"):
                import_module(f"{app_config.name}.admin")
