from django.urls import path
from django.views.generic import TemplateView

app_name = "fonds"
urlpatterns = [
    path("", TemplateView.as_view(template_name="section.html"), name="index"),
    path("e-apd/", TemplateView.as_view(template_name="section.html"), name="eapd"),
]
