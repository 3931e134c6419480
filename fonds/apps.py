from django.apps import AppConfig


class FondsConfig(AppConfig):
    name = "fonds"
    verbose_name = "Fonds de solidarité et e-APD"

    def ready(self):
        from . import panels

        panels.register()
