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
