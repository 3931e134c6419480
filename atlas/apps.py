from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = "Atlas de la coopération décentralisée"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cuf_portal import panels

        from . import models
        from .figures import ATLAS, cached, request_versions
        from .filters import invalidate_reference_choices
        from .published import published_figures
        from .queries import key_figures

        # The search form's cached lists of countries, départements, themes… follow their tables.
        for model in (models.Continent, models.Country, models.Region, models.Department, models.Theme,
                      models.SustainableDevelopmentGoal):
            post_save.connect(invalidate_reference_choices, sender=model,
                              dispatch_uid=f"atlas-choices-{model.__name__}")
            post_delete.connect(invalidate_reference_choices, sender=model,
                                dispatch_uid=f"atlas-choices-del-{model.__name__}")

        def home_panel(request, **kwargs):
            figures = cached("key-figures", key_figures, version=request_versions(request, ATLAS))
            return {"figures": figures, "published": published_figures()} if figures["projects"] else None

        panels.register("home", "atlas/panels/home.html", home_panel, order=10, scopes=(ATLAS,))
        panels.register("account", "atlas/panels/account.html", account_panel, order=10)


def account_panel(request, **kwargs):
    """"Mes projets" (the fiches of my collectivity, my pending proposals) and "Mes recherches"."""
    from .models import ProjectChangeRequest
    from .queries import change_requests_of, collectivity_of, my_projects, saved_searches_of

    if not request.user.is_authenticated:
        return None
    collectivity = collectivity_of(request.user)
    context = {"collectivity": collectivity, "searches": list(saved_searches_of(request.user)[:10])}
    if collectivity:
        context["projects"] = list(my_projects(collectivity)[:10])
        context["projects_count"] = my_projects(collectivity).count()
        context["pending"] = list(change_requests_of(collectivity).filter(
            state=ProjectChangeRequest.State.SUBMITTED))
    return context
