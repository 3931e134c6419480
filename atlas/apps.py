from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = "Atlas de la coopération décentralisée"

    def ready(self):
        from cuf_portal import panels

        from .queries import key_figures

        def home_panel(request, **kwargs):
            figures = key_figures()
            return {"figures": figures} if figures["projects"] else None

        panels.register("home", "atlas/panels/home.html", home_panel, order=10)
