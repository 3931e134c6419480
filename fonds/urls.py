from django.urls import path

from . import views

app_name = "fonds"
urlpatterns = [
    path("", views.index, name="index"),
    path("registre/", views.ledger, name="ledger"),
    path("registre.csv", views.ledger_csv, name="ledger_csv"),
    path("mes-contributions/", views.my_contributions, name="my_contributions"),
    path("mes-contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("mes-contributions/<int:pk>/deliberation/", views.contribution_file, name="contribution_file"),
    path("comites/<int:pk>/proces-verbal/", views.committee_minutes, name="committee_minutes"),
    path("e-apd/", views.eapd, name="eapd"),
    path("e-apd/declarer/", views.declaration_start, name="declaration_start"),
    path("e-apd/mes-declarations/", views.my_declarations, name="my_declarations"),
    path("e-apd/declarations/<int:pk>/", views.declaration_detail, name="declaration"),
    path("e-apd/declarations/<int:pk>/lignes/ajouter/", views.line_add, name="line_add"),
    path("e-apd/declarations/<int:pk>/lignes/<int:line_pk>/modifier/", views.line_edit, name="line_edit"),
    path("e-apd/declarations/<int:pk>/lignes/<int:line_pk>/supprimer/", views.line_delete, name="line_delete"),
    path("e-apd/declarations/<int:pk>/soumettre/", views.declaration_submit, name="declaration_submit"),
    path("e-apd/statistiques/", views.statistics, name="statistics"),
    path("e-apd/statistiques/<slug:table>.csv", views.statistics_csv, name="statistics_csv"),
    path("e-apd/export/lignes.csv", views.export_lines_csv, name="export_lines"),
    path("e-apd/export/activites-iati.xml", views.export_lines_iati, name="export_iati"),
    path("<slug:slug>/", views.fund_detail, name="fund"),
    path("<slug:slug>/contribuer/", views.pledge, name="pledge"),
    path("<slug:slug>/projets.geojson", views.fund_geojson, name="fund_geojson"),
]
