"""IATI 2.03 export of the validated e-APD lines, published alongside the Atlas IATI export.

The Atlas export (atlas.exports) describes cooperation projects; the e-APD describes money a
French collectivity paid in a year. They share the publisher (CUF's reporting-org reference),
the IATI version and the identifier namespace (`<org>-ATLAS-<pk>` and `<org>-EAPD-<pk>`), so a
line that funds an Atlas fiche points to it as its parent activity. One <iati-activity> per
line, like the CSV for the State and the OECD: CUF reports as a secondary reporter, the
collectivity is the funding organisation, the money is one disbursement dated 31 December of
the declared year.
"""

from datetime import UTC, datetime

from django.utils import timezone
from lxml import etree

from atlas.exports import IATI_REPORTING_ORG_REF, IATI_VERSION, fiche_document_link, narrative

from .models import DeclarationLine

ODA_FLOW = "10"
STANDARD_GRANT = "110"
DISBURSEMENT = "3"
CLOSED = "4"
LOCAL_GOVERNMENT = "11"
HUMANITARIAN = {DeclarationLine.Category.EMERGENCY}


def _org_ref(collectivity):
    # Same convention as the Atlas export, so both files name a collectivity the same way.
    return {"ref": f"FR-INSEE-{collectivity.code}"} if collectivity.code else {}


def _iso(moment):
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def iati_document(lines, base_url=""):
    """An <iati-activities> document (IATI 2.03), one <iati-activity> per validated e-APD line."""
    root = etree.Element("iati-activities", version=IATI_VERSION,
                         **{"generated-datetime": _iso(datetime.now(UTC))})
    categories = dict(DeclarationLine.Category.choices)
    for line in lines:
        declaration, collectivity = line.declaration, line.declaration.collectivity
        year = declaration.campaign_id
        origin = ("exemple de démonstration : déclaration inventée, pas une APD réelle" if declaration.is_demo
                  else "télédéclaration e-APD validée")
        updated = declaration.validated_at or declaration.updated
        attrs = {"last-updated-datetime": _iso(updated), "{http://www.w3.org/XML/1998/namespace}lang": "fr",
                 "default-currency": "EUR"}
        if line.category in HUMANITARIAN:
            attrs["humanitarian"] = "1"
        activity = etree.SubElement(root, "iati-activity", attrs)
        etree.SubElement(activity, "iati-identifier").text = f"{IATI_REPORTING_ORG_REF}-EAPD-{line.pk}"
        narrative(activity, "reporting-org", "Cités Unies France", ref=IATI_REPORTING_ORG_REF, type="22",
                   **{"secondary-reporter": "1"})
        narrative(activity, "title", line.label)
        narrative(activity, "description",
                   f"{categories.get(line.category, line.category)} — aide publique au développement {year} "
                   f"déclarée par {collectivity.name} ({origin}).", type="1")
        narrative(activity, "participating-org", collectivity.name, role="1", type=LOCAL_GOVERNMENT,
                   **_org_ref(collectivity))
        if line.partner_id:
            narrative(activity, "participating-org", line.partner.name, role="4", type=LOCAL_GOVERNMENT,
                       **_org_ref(line.partner))
        etree.SubElement(activity, "activity-status", code=CLOSED)
        etree.SubElement(activity, "activity-date", type="2", **{"iso-date": f"{year}-01-01"})
        etree.SubElement(activity, "activity-date", type="4", **{"iso-date": f"{year}-12-31"})
        etree.SubElement(activity, "recipient-country", code=line.country.iso2, percentage="100")
        etree.SubElement(activity, "sector", vocabulary="1", code=line.sector_id, percentage="100")
        etree.SubElement(activity, "default-flow-type", code=ODA_FLOW)
        etree.SubElement(activity, "default-finance-type", code=STANDARD_GRANT)
        transaction = etree.SubElement(activity, "transaction")
        etree.SubElement(transaction, "transaction-type", code=DISBURSEMENT)
        etree.SubElement(transaction, "transaction-date", **{"iso-date": f"{year}-12-31"})
        value = etree.SubElement(transaction, "value", currency="EUR", **{"value-date": f"{year}-12-31"})
        value.text = f"{line.amount:.2f}"
        project = line.project
        if project is not None and project.is_published:
            if base_url:
                fiche_document_link(activity, project, base_url)
            etree.SubElement(activity, "related-activity", ref=f"{IATI_REPORTING_ORG_REF}-ATLAS-{project.pk}",
                             type="1")
    return root


def iati_bytes(lines, base_url=""):
    return etree.tostring(iati_document(lines, base_url), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)


def filename(year=None):
    return f"e-apd-iati{'-' + str(year) if year else ''}-{timezone.localdate():%Y-%m-%d}.xml"
