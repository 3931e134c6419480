"""Bourse-projets: requests of foreign local authorities looking for a French partner."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import queries, services
from .account_forms import BourseInterestForm
from .exports import geojson_response
from .models import BourseInterest, BourseRequest, Country, Theme
from .published import published_figures
from .reference import collated

PAGE_SIZE = 20


class BourseFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        label="Pays", queryset=Country.objects.exclude(iso2="FR").order_by(collated("name")), to_field_name="slug",
        empty_label="Tous")
    theme = django_filters.ModelChoiceFilter(
        label="Thématique", field_name="themes", queryset=Theme.objects.all(), to_field_name="slug",
        empty_label="Toutes")
    status = django_filters.ChoiceFilter(label="Statut", choices=BourseRequest.Status.choices, empty_label="Tous")

    class Meta:
        model = BourseRequest
        fields = []


def _filterset(request):
    query = request.GET.copy()
    query.pop("page", None)
    return BourseFilter(query, queryset=queries.bourse_requests()), query


def bourse(request):
    filterset, query = _filterset(request)
    if not filterset.is_valid():
        return render(request, "atlas/bourse/list.html", {"form": filterset.form, "invalid": True,
                                                          "published": published_figures()}, status=400)
    page_obj = Paginator(filterset.qs.distinct(), PAGE_SIZE).get_page(request.GET.get("page"))
    encoded = query.urlencode()
    return render(request, "atlas/bourse/list.html", {
        "form": filterset.form, "page_obj": page_obj, "count": page_obj.paginator.count,
        "published": published_figures(),
        "geojson_url": f"{reverse('atlas:bourse_geojson')}?{encoded}" if encoded else reverse("atlas:bourse_geojson"),
    })


def bourse_geojson(request):
    filterset, _ = _filterset(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest("Filtres invalides.", content_type="text/plain; charset=utf-8")
    return geojson_response(queries.bourse_points(filterset.qs.distinct()))


def bourse_request(request, slug):
    item = get_object_or_404(queries.bourse_requests(), slug=slug)
    collectivity = queries.collectivity_of(request.user)
    interest = (BourseInterest.objects.filter(request=item, collectivity=collectivity).first()
                if collectivity else None)
    form = BourseInterestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if collectivity is None:
            form.add_error(None, "Seul un compte rattaché à une collectivité peut manifester son intérêt.")
            status = 403
        elif form.is_valid():
            try:
                services.express_interest(request.user, item, form.cleaned_data["message"])
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, "Votre intérêt est transmis à CUF, qui fera le lien avec l'ambassade.")
                return redirect("atlas:bourse_request", slug=item.slug)
        else:
            status = 400
    return render(request, "atlas/bourse/detail.html", {
        "item": item, "collectivity": collectivity, "interest": interest, "form": form}, status=status)
