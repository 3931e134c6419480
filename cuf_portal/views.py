from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from .demo_content import demo_counts
from .forms import StyleguideExampleForm


def home(request):
    return render(request, "cuf_portal/home.html")


@login_required
def account(request):
    return render(request, "cuf_portal/account.html")


@cache_control(max_age=3600, public=True)
def legal(request, page):
    return render(request, f"cuf_portal/legal_{page}.html")


def demo_content(request):
    """What of the portal is invented for the demonstration, and what comes from CUF's documents."""
    return render(request, "cuf_portal/demo_content.html", {"counts": demo_counts()})


def styleguide(request):
    """The living reference of the design system: every component, rendered by the portal's own templates.

    For staff and developers; not linked from the public navigation (and not indexed).
    """
    example = StyleguideExampleForm(data={"name": "", "email": "pas-une-adresse", "kind": "commune"})
    example.is_valid()  # bound with mistakes: the page shows the error summary and fields in error
    return render(request, "cuf_portal/styleguide.html", {
        "example_form": example,
        "clean_form": StyleguideExampleForm(auto_id="clean_%s"),
        "page_obj": Paginator(range(200), 10).get_page(4),
        "colours": [("--blue", "#00467f", "Bleu CUF : liens, boutons, bandeau"),
                    ("--blue-dark", "#002f57", "Titres, pied de page"),
                    ("--gold", "#f4b400", "Or du logo : filets, repères (jamais du texte)"),
                    ("--text", "#1e1e1e", "Texte courant"), ("--muted", "#555555", "Texte secondaire"),
                    ("--ok", "#1b6e2e", "Succès"), ("--warn", "#8a4b00", "Avertissement"),
                    ("--error", "#b00020", "Erreur, action destructrice"),
                    ("--blue-light", "#e8f0f8", "Fond d'information"), ("--bg-soft", "#f6f7f9", "Fond neutre")],
        "type_scale": [("--text-3xl", "Titre de page (h1)"), ("--text-2xl", "Section (h2)"),
                       ("--text-lg", "Sous-section (h3)"), ("--text-md", "Chapeau, h4"),
                       ("--text-base", "Texte courant"), ("--text-sm", "Aide, mentions")],
        "spacing": ["--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6", "--space-7",
                    "--space-8"],
    })
