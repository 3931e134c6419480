"""Admin import of Atlas data: natural keys, dry-run preview, per-row errors, all or nothing."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from atlas.models import Collectivity, Project
from atlas.resources import CollectivityResource, ProjectResource
from tests.atlas.account_factories import partner_collectivity

pytestmark = pytest.mark.django_db

COLLECTIVITIES_CSV = """\
slug,name,kind,country,code,region,department,latitude,longitude,website,is_cuf_member,is_generated
grabels,Grabels,commune,FR,34116,76,34,43.6486,3.8022,,1,0
abalak,Abalak,municipalite,NE,,,,15.45,6.28,,0,0
"""
BAD_ROW = "atlantide,Atlantide,municipalite,ZZ,,,,10,10,,0,0\n"


def _format_index(response, title):
    return next(value for value, label in response.context["form"].fields["format"].choices
                if label.lower() == title)


def _upload(client, model, content, name, title):
    url = reverse(f"admin:atlas_{model}_import")
    form_page = client.get(url)
    return client.post(url, {
        "resource": "0", "format": _format_index(form_page, title),
        "import_file": SimpleUploadedFile(name, content)})


def test_collectivities_import_by_natural_keys_and_skip_unchanged(reference):
    dataset = tablib.Dataset().load(COLLECTIVITIES_CSV, format="csv")
    result = CollectivityResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    grabels = Collectivity.objects.select_related("country", "region", "department").get(slug="grabels")
    assert (grabels.country.iso2, grabels.department.code, grabels.region.code, grabels.is_french) == (
        "FR", "34", "76", True)
    assert Collectivity.objects.get(slug="abalak").country.name == "Niger"
    again = CollectivityResource().import_data(tablib.Dataset().load(COLLECTIVITIES_CSV, format="csv"))
    assert [row.import_type for row in again.rows] == ["skip", "skip"]


def test_projects_import_by_slug_with_themes_and_goals(reference):
    partner_collectivity(name="Saint-Louis", slug="saint-louis")
    dataset = tablib.Dataset(headers=["slug", "title", "kind", "status", "start_year", "end_year", "themes", "sdgs",
                                      "description", "is_published"])
    dataset.append(["lille-saint-louis-patrimoine", "Lille et Saint-Louis : patrimoine", "cooperation",
                    "en_cours", 2015, "", "patrimoine", "11", "Sauvegarde du patrimoine bâti.", 1])
    result = ProjectResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    project = Project.objects.get(slug="lille-saint-louis-patrimoine")
    assert list(project.themes.values_list("slug", flat=True)) == ["patrimoine"]
    assert list(project.sdgs.values_list("number", flat=True)) == [11]
    assert Project.objects.filter(search_document__isnull=False, pk=project.pk).exists()


def test_one_bad_row_imports_nothing_and_shows_the_row_error(client, staff_user, reference):
    client.force_login(staff_user)
    response = _upload(client, "collectivity", (COLLECTIVITIES_CSV + BAD_ROW).encode(), "collectivites.csv", "csv")
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [3]
    assert "Pays introuvable : « ZZ » (colonne attendue : iso2)." in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Collectivity.objects.filter(slug__in=["grabels", "abalak", "atlantide"]).exists()


def test_bad_project_row_rolls_back_the_good_ones(reference):
    """All or nothing: the years check of the model rejects row 2, so row 1 is not kept either."""
    dataset = tablib.Dataset(headers=["slug", "title", "kind", "status", "start_year", "end_year"])
    dataset.append(["fiche-correcte", "Fiche correcte", "cooperation", "en_cours", 2018, 2020])
    dataset.append(["fiche-incoherente", "Fiche incohérente", "cooperation", "en_cours", 2020, 2018])
    result = ProjectResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors() and not result.has_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2 and invalid.values[0] == "fiche-incoherente"
    assert invalid.error_dict == {"end_year": [
        "L'année de fin (2018) précède l'année de début (2020) : corrigez l'une des deux."]}  # the years check
    assert "project_years_ordered" not in str(invalid.error_dict)  # a French row error, not the constraint's name
    assert not Project.objects.filter(slug__in=["fiche-correcte", "fiche-incoherente"]).exists()


def test_admin_import_shows_the_years_check_as_a_french_row_error(client, staff_user, reference):
    client.force_login(staff_user)
    content = ("slug,title,kind,status,start_year,end_year\n"
               "fiche-incoherente,Fiche incohérente,cooperation,en_cours,2020,2018\n").encode()
    html = _upload(client, "project", content, "fiches.csv", "csv").content.decode()
    assert "précède l&#x27;année de début (2020)" in html or "précède l'année de début (2020)" in html
    assert "project_years_ordered" not in html
    assert not Project.objects.filter(slug="fiche-incoherente").exists()


def test_dry_run_previews_then_confirm_imports(client, staff_user, reference):
    client.force_login(staff_user)
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in COLLECTIVITIES_CSV.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(client, "collectivity", buffer.getvalue(), "collectivites.xlsx", "xlsx")
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert "Grabels" in response.content.decode() and "Abalak" in response.content.decode()
    assert not Collectivity.objects.filter(slug="grabels").exists()  # dry run: nothing written
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:atlas_collectivity_process_import"), confirm.initial)
    assert response.status_code == 302
    assert set(Collectivity.objects.filter(slug__in=["grabels", "abalak"]).values_list("slug", flat=True)) == {
        "grabels", "abalak"}


def test_collectivity_admin_has_the_coordinates_map(client, staff_user, reference):
    client.force_login(staff_user)
    grabels = partner_collectivity(name="Dankassari", slug="dankassari", latitude=13.57, longitude=4.04)
    content = client.get(reverse("admin:atlas_collectivity_change", args=[grabels.pk])).content.decode()
    assert 'data-latitude-input="id_latitude" data-longitude-input="id_longitude"' in content
    assert "js/admin-coordinates.js" in content and "leaflet/leaflet.js" in content
    assert 'name="latitude" value="13.57"' in content  # plain inputs keep working without JS
