"""Collectivity accounts: "Mes projets" (proposals for moderation) and "Mes recherches".

Every object is looked up through the user's own collectivity or account: another one's fiche,
proposal or saved search gives a 404 whatever URL is tried.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import moderation, queries, services
from .account_forms import ProposalForms, SavedSearchForm


def _collectivity(request):
    collectivity = queries.collectivity_of(request.user)
    if collectivity is None:
        raise Http404("Votre compte n'est rattaché à aucune collectivité.")
    return collectivity


@login_required
def my_projects(request):
    collectivity = queries.collectivity_of(request.user)
    if collectivity is None:
        return render(request, "atlas/account/no_collectivity.html", status=403)
    return render(request, "atlas/account/my_projects.html", {
        "collectivity": collectivity,
        "projects": queries.my_projects(collectivity),
        "change_requests": queries.change_requests_of(collectivity),
    })


def _proposal_page(request, collectivity, project, initial):
    forms = ProposalForms(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and forms.is_valid():
        try:
            if project is None:
                change = services.propose_project(request.user, forms.data())
            else:
                change = services.propose_change(request.user, project, forms.data())
        except ValidationError as error:
            forms.form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, "Votre proposition est transmise à CUF : elle sera publiée après validation.")
            return redirect("atlas:change_request", pk=change.pk)
    return render(request, "atlas/account/proposal_form.html", {
        "collectivity": collectivity, "project": project, "form": forms.form, "funding": forms.funding,
        "partners": forms.partners}, status=400 if request.method == "POST" else 200)


@login_required
def propose_project(request):
    return _proposal_page(request, _collectivity(request), None, {})


@login_required
def propose_change(request, pk):
    collectivity = _collectivity(request)
    project = queries.editable_project(collectivity, pk)
    pending = queries.pending_change(collectivity, project)
    initial = pending.data if pending else moderation.snapshot(project)
    return _proposal_page(request, collectivity, project, initial)


@login_required
def change_request(request, pk):
    collectivity = _collectivity(request)
    change = get_object_or_404(queries.change_requests_of(collectivity), pk=pk)
    return render(request, "atlas/account/change_request.html", {
        "collectivity": collectivity, "change": change, "rows": moderation.diff(change)})


# ---- Mes recherches -----------------------------------------------------------------------------

@login_required
def saved_searches(request):
    """The user's saved searches; POST saves the search given in `query` under `name`."""
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            saved = services.save_search(request.user, form.cleaned_data["name"], form.cleaned_data["query"])
            messages.success(request, f"Recherche « {saved.name} » enregistrée.")
            return redirect("atlas:saved_searches")
    return render(request, "atlas/account/saved_searches.html", {
        "searches": queries.saved_searches_of(request.user), "form": form},
        status=400 if request.method == "POST" else 200)


@login_required
def saved_search(request, pk):
    return redirect(get_object_or_404(queries.saved_searches_of(request.user), pk=pk).get_absolute_url())


@login_required
@require_POST
def delete_saved_search(request, pk):
    saved = get_object_or_404(queries.saved_searches_of(request.user), pk=pk)
    saved.delete()
    messages.success(request, f"Recherche « {saved.name} » supprimée.")
    return redirect("atlas:saved_searches")
