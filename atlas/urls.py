from django.urls import path

from . import views

app_name = "atlas"
urlpatterns = [
    path("", views.search, name="index"),
    path("carte.geojson", views.all_projects_geojson, name="all_geojson"),
    path("carte/points.json", views.map_points, name="map_points"),
    path("carte/points/<int:pk>.json", views.map_point, name="map_point"),
    path("liens.geojson", views.lines_geojson, name="lines"),
    path("statistiques/", views.statistics, name="statistics"),
    path("monde/", views.world, name="world"),
    path("monde/<slug:slug>/", views.continent, name="continent"),
    path("pays/<slug:slug>/", views.country, name="country"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("departements/<slug:slug>/", views.department, name="department"),
    path("collectivites/chercher/", views.collectivity_lookup, name="collectivity_lookup"),
    path("collectivites/siren/<str:siren>/", views.collectivity_by_siren, name="collectivity_by_siren"),
    path("collectivites/<slug:slug>/", views.collectivity, name="collectivity"),
    path("projets/<slug:slug>/", views.project, name="project"),
]

# Collectivity accounts ("Mes projets", "Mes recherches") and Bourse-projets
from . import account_views, bourse_views  # noqa: E402

urlpatterns += [
    path("mes-projets/", account_views.my_projects, name="my_projects"),
    path("mes-projets/nouvelle-fiche/", account_views.propose_project, name="propose_project"),
    path("mes-projets/<int:pk>/modifier/", account_views.propose_change, name="propose_change"),
    path("mes-projets/propositions/<int:pk>/", account_views.change_request, name="change_request"),
    path("mes-recherches/", account_views.saved_searches, name="saved_searches"),
    path("mes-recherches/<int:pk>/", account_views.saved_search, name="saved_search"),
    path("mes-recherches/<int:pk>/supprimer/", account_views.delete_saved_search, name="delete_saved_search"),
    path("bourse/", bourse_views.bourse, name="bourse"),
    path("bourse/carte.geojson", bourse_views.bourse_geojson, name="bourse_geojson"),
    path("bourse/<slug:slug>/", bourse_views.bourse_request, name="bourse_request"),
]
