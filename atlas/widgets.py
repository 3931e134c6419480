"""Admin widgets of the Atlas: coordinates picked on a Leaflet map (without GeoDjango)."""

from django import forms
from django.templatetags.static import static
from django.utils.html import format_html


class CoordinatesMapWidget(forms.NumberInput):
    """The longitude input followed by a map: a click fills the latitude and longitude inputs.

    The inputs stay plain number fields: without JavaScript they work as before; the script
    (static/js/admin-coordinates.js) reveals the map and keeps marker and inputs in step.
    Leaflet comes from django-leaflet's static files; its Python admin/forms modules need GDAL
    and are not imported."""

    def __init__(self, latitude_field="latitude", attrs=None):
        super().__init__(attrs={"step": "any", **(attrs or {})})
        self.latitude_field = latitude_field

    class Media:
        css = {"all": ["leaflet/leaflet.css"]}
        js = ["leaflet/leaflet.js", "vendor/topojson-client/topojson-client.min.js", "js/admin-coordinates.js"]

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        input_id = (attrs or {}).get("id") or f"id_{name}"
        latitude_id = input_id[: len(input_id) - len(name)] + self.latitude_field
        return html + format_html(
            '<div class="coordinates-map" hidden data-latitude-input="{}" data-longitude-input="{}" '
            'data-basemap-url="{}" role="region" aria-label="Carte : cliquez pour placer le point" '
            'style="height:320px;width:100%;min-width:240px;max-width:640px;flex:1 1 auto;margin-top:.5rem;'
            'border:1px solid #ccc"></div>'
            '<p class="help coordinates-map-help" hidden>Cliquez sur la carte pour remplir la latitude et la '
            'longitude ; le point actuel y est marqué.</p>',
            latitude_id, input_id, static("vendor/world-atlas/countries-50m.json"))


class CoordinatesAdminForm(forms.ModelForm):
    """A model form whose longitude input carries the map (for models with latitude/longitude)."""

    class Meta:
        widgets = {"longitude": CoordinatesMapWidget(), "latitude": forms.NumberInput(attrs={"step": "any"})}


class CollectivityPickerInput(forms.TextInput):
    """A text input for a collectivity: typed name, COG code or SIREN, resolved by the server.

    static/js/collectivity-picker.js turns it into an accessible combobox (ARIA 1.2 pattern) fed by
    /atlas/collectivites/chercher/; without JavaScript it stays a plain search field."""

    def __init__(self, side="", attrs=None):
        self.side = side
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        url = reverse("atlas:collectivity_lookup")
        context["widget"]["attrs"]["data-lookup-url"] = f"{url}?cote={self.side}" if self.side else url
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer) + format_html(
            '<script type="module" src="{}"></script>', static("js/collectivity-picker.js"))
