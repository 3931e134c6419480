"""Private uploads: never a public URL, still manageable in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cuf_portal.uploads import private_storage
from tests.factories import CollectivityFactory, CollectivityMemberFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%demo\n"


def test_private_storage_gives_no_public_url():
    name = private_storage.save("essai/acte.pdf", SimpleUploadedFile("acte.pdf", PDF))
    assert private_storage.url(name) is None


def test_admin_change_page_of_a_pledge_with_a_private_file_works(client, staff_user):
    from fonds.models import Contribution
    from tests.fonds.factories import FundFactory

    contribution = Contribution.objects.create(
        fund=FundFactory(), collectivity=CollectivityFactory(), amount=1000, pledged_on="2026-01-15",
        decision_reference="Délibération 12", decision_file=SimpleUploadedFile("d.pdf", PDF))
    client.force_login(staff_user)
    response = client.get(f"/admin/fonds/contribution/{contribution.pk}/change/")
    assert response.status_code == 200
    assert f"/fonds/mes-contributions/{contribution.pk}/deliberation/" in response.content.decode()


def test_council_decision_is_downloadable_by_its_collectivity_and_staff_only(client, staff_user):
    from fonds.models import Contribution
    from tests.fonds.factories import FundFactory

    member = CollectivityMemberFactory()
    contribution = Contribution.objects.create(
        fund=FundFactory(), collectivity=member.collectivity, amount=1000, pledged_on="2026-01-15",
        decision_reference="Délibération 12", decision_file=SimpleUploadedFile("d.pdf", PDF))
    url = f"/fonds/mes-contributions/{contribution.pk}/deliberation/"
    assert client.get(url).status_code == 404
    client.force_login(CollectivityMemberFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_admin_change_page_of_a_group_document_names_the_stored_file(client, staff_user):
    from tests.groupes_pays.factories import DocumentFactory

    document = DocumentFactory()
    client.force_login(staff_user)
    response = client.get(f"/admin/groupes_pays/document/{document.pk}/change/")
    assert response.status_code == 200
    assert document.file.name in response.content.decode()
