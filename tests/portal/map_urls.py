"""A page with a map, for the test of the shared map module (static/js/map.js)."""

from django.http import JsonResponse
from django.shortcuts import HttpResponse
from django.template import engines
from django.urls import path

from cuf_portal import urls as portal_urls

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<h1>Carte d'essai</h1>"""
    """{% include "includes/map.html" with geojson_url="/essai/points.geojson" """
    """lines_url="/essai/lignes.geojson" label="Carte d'essai" %}"""
    """<ul><li>Lille</li><li>Saint-Louis</li><li>Nancy</li></ul>{% endblock %}""")


def page(request):
    return HttpResponse(PAGE.render({}, request))


def points(request):
    def point(name, lon, lat, kind):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"name": name, "url": "/", "kind": kind, "popup": "<b>texte</b>"}}

    return JsonResponse({"type": "FeatureCollection", "features": [
        point("Lille", 3.06, 50.63, "fr"), point("Nancy", 6.18, 48.69, "fr"),
        point("Saint-Louis", -16.49, 16.03, "partner")]})


def lines(request):
    return JsonResponse({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[3.06, 50.63], [-16.49, 16.03]]},
         "properties": {}}]})


urlpatterns = [
    path("essai/carte/", page),
    path("essai/points.geojson", points),
    path("essai/lignes.geojson", lines),
    # The portal's own patterns (not include(): they are i18n_patterns, which Django refuses to include).
    *portal_urls.urlpatterns,
]
