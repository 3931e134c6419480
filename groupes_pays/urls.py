from django.urls import path
from django.views.generic import TemplateView

app_name = "groupes_pays"
urlpatterns = [
    path("", TemplateView.as_view(template_name="section.html"), name="index"),
    path("agenda/", TemplateView.as_view(template_name="section.html"), name="agenda"),
]
