"""Bourse-projets pages, map data and the interest of French collectivities (mail to CUF staff)."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from atlas import services
from atlas.models import BourseInterest, BourseRequest, Country, Theme
from tests.atlas.account_factories import BourseRequestFactory, partner_collectivity
from tests.factories import CollectivityFactory, CollectivityMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_(reference):
    dakar = partner_collectivity(name="Dakar", slug="dakar")
    hue = partner_collectivity(name="Hué", slug="hue", country=Country.objects.get(iso2="VN"),
                               latitude=None, longitude=None)
    water = Theme.objects.order_by("position").first()
    waste = BourseRequestFactory(authority=dakar, title="Gestion des déchets à Dakar", slug="dechets-dakar")
    waste.themes.add(water)
    heritage = BourseRequestFactory(authority=hue, title="Patrimoine de Hué", slug="patrimoine-hue")
    matched = BourseRequestFactory(authority=dakar, title="Bibliothèque de Dakar", slug="bibliotheque-dakar",
                                   status=BourseRequest.Status.MATCHED)
    return {"waste": waste, "heritage": heritage, "matched": matched, "theme": water}


def test_list_filters_by_country_theme_and_status(client, requests_, django_assert_max_num_queries):
    # 8 for the page, + 7 for the site-wide demo notice on a cold cache
    # (cuf_portal.demo_content): the cache read, the one-query probe, and the DatabaseCache write (count
    # for culling, savepoint, select, insert, release). A constant: the page's own share must not grow.
    with django_assert_max_num_queries(8 + 7):
        content = client.get(reverse("atlas:bourse")).content.decode()
    assert all(t in content for t in ("Gestion des déchets à Dakar", "Patrimoine de Hué", "Bibliothèque de Dakar"))
    content = client.get(reverse("atlas:bourse"), {"country": "viet-nam"}).content.decode()
    assert "Patrimoine de Hué" in content and "Dakar" not in content.split("results-title")[1]
    content = client.get(reverse("atlas:bourse"), {"theme": requests_["theme"].slug}).content.decode()
    assert "Gestion des déchets à Dakar" in content and "Patrimoine de Hué" not in content
    content = client.get(reverse("atlas:bourse"), {"status": "ouverte"}).content.decode()
    assert "Bibliothèque de Dakar" not in content
    assert client.get(reverse("atlas:bourse"), {"status": "inconnu"}).status_code == 400


def test_geojson_places_requests_at_the_authority_or_the_country(client, requests_):
    data = json.loads(client.get(reverse("atlas:bourse_geojson"), {"status": "ouverte"}).content)
    points = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in data["features"]}
    assert points["Gestion des déchets à Dakar"] == [-16.49, 16.02]
    vietnam = Country.objects.get(iso2="VN")
    assert points["Patrimoine de Hué"] == [round(vietnam.longitude, 4), round(vietnam.latitude, 4)]
    assert "Bibliothèque de Dakar" not in points
    assert client.get(reverse("atlas:bourse_geojson"), {"country": "nulle-part"}).status_code == 400


def test_detail_shows_the_embassy_contact_as_text(client, requests_):
    content = client.get(reverse("atlas:bourse_request", args=["dechets-dakar"])).content.decode()
    assert "ambassade de France à Dakar" in content and "scac.dakar@diplomatie.gouv.fr" in content
    assert "mailto:" not in content
    assert "Connectez-vous" in content
    assert client.get(reverse("atlas:bourse_request", args=["inexistante"])).status_code == 404


def test_collectivity_user_expresses_interest_and_staff_are_mailed(client, requests_):
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Nîmes Métropole"))
    client.force_login(member.user)
    url = reverse("atlas:bourse_request", args=["dechets-dakar"])
    response = client.post(url, {"message": "Nous gérons un centre de tri depuis 2010."})
    assert response.status_code == 302
    interest = BourseInterest.objects.get()
    assert interest.collectivity.name == "Nîmes Métropole" and interest.user == member.user
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["coordination@cites-unies-france.org"]
    assert "Nîmes Métropole" in sent.subject and "Gestion des déchets à Dakar" in sent.subject
    assert "Nous gérons un centre de tri depuis 2010." in sent.body
    assert "ambassade de France à Dakar" in sent.body and "&#x27;" not in sent.body
    assert "a manifesté son intérêt" in client.get(url).content.decode()
    # Once per request and collectivity, even from another account of the same collectivity.
    colleague = CollectivityMemberFactory(collectivity=member.collectivity)
    client.force_login(colleague.user)
    response = client.post(url, {"message": "Encore"})
    assert response.status_code == 400 and "a manifesté son intérêt" in response.content.decode()
    with pytest.raises(ValidationError, match="Votre collectivité a déjà manifesté son intérêt pour cette demande."):
        services.express_interest(colleague.user, requests_["waste"])
    assert BourseInterest.objects.count() == 1 and len(mail.outbox) == 1


def test_interest_is_refused_when_matched_or_without_collectivity(client, requests_, user):
    member = CollectivityMemberFactory()
    client.force_login(member.user)
    response = client.post(reverse("atlas:bourse_request", args=["bibliotheque-dakar"]), {"message": ""})
    assert response.status_code == 400 and "a trouvé un partenaire" in response.content.decode()
    client.force_login(user)
    response = client.post(reverse("atlas:bourse_request", args=["dechets-dakar"]), {"message": ""})
    assert response.status_code == 403
    client.logout()
    response = client.post(reverse("atlas:bourse_request", args=["dechets-dakar"]), {"message": ""})
    assert response.status_code == 403
    assert not BourseInterest.objects.exists() and not mail.outbox
