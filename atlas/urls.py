from django.urls import path
from django.views.generic import TemplateView

app_name = "atlas"
section = TemplateView.as_view(template_name="section.html")
urlpatterns = [
    path("", section, name="index"),
    path("pays/<slug:slug>/", section, name="country"),
    path("regions/<slug:slug>/", section, name="region"),
    path("departements/<slug:slug>/", section, name="department"),
    path("collectivites/<slug:slug>/", section, name="collectivity"),
    path("projets/<slug:slug>/", section, name="project"),
]
