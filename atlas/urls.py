from django.urls import path

from . import views

app_name = "atlas"
urlpatterns = [
    path("", views.search, name="index"),
    path("carte.geojson", views.all_projects_geojson, name="all_geojson"),
    path("liens.geojson", views.lines_geojson, name="lines"),
    path("statistiques/", views.statistics, name="statistics"),
    path("monde/", views.world, name="world"),
    path("monde/<slug:slug>/", views.continent, name="continent"),
    path("pays/<slug:slug>/", views.country, name="country"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("departements/<slug:slug>/", views.department, name="department"),
    path("collectivites/<slug:slug>/", views.collectivity, name="collectivity"),
    path("projets/<slug:slug>/", views.project, name="project"),
]
