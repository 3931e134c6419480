"""The refusals of fonds/services.py that no other test reached: each fails when its check is removed."""

from decimal import Decimal

import pytest

from fonds import services
from fonds.models import Contribution, Declaration, LedgerEntry
from tests.factories import CollectivityFactory, UserFactory

from .factories import CampaignFactory, FundFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reference", ["", "   ", None])
def test_a_pledge_needs_the_reference_of_the_council_decision(reference):
    fund = FundFactory()
    with pytest.raises(services.FundError, match="Indiquez la référence de la délibération de votre assemblée."):
        services.pledge(fund, CollectivityFactory(), Decimal("1000"), reference)
    assert not Contribution.objects.exists()


def test_a_receipt_cannot_precede_its_pledge():
    import datetime

    contribution = services.pledge(FundFactory(), CollectivityFactory(), Decimal("1000"), "Délibération n° 12",
                                   pledged_on=datetime.date(2024, 3, 1))
    with pytest.raises(services.FundError, match="La date de réception ne peut pas précéder la date de la promesse."):
        services.record_receipt(contribution, received_on=datetime.date(2024, 2, 29))
    assert Contribution.objects.get(pk=contribution.pk).state == Contribution.State.PLEDGED
    assert not LedgerEntry.objects.exists()


def test_only_a_pledge_not_yet_received_can_be_cancelled():
    contribution = services.record_receipt(services.pledge(FundFactory(), CollectivityFactory(), Decimal("1000"),
                                                           "Délibération n° 12"))
    with pytest.raises(services.FundError, match="Seule une promesse non encore versée peut être annulée."):
        services.cancel_pledge(contribution)
    assert Contribution.objects.get(pk=contribution.pk).state == Contribution.State.RECEIVED


# ---- e-APD ---------------------------------------------------------------------------------

@pytest.fixture
def draft(eapd_reference):
    from atlas.models import Country, Region
    from fonds.models import DacSector

    nantes = CollectivityFactory(name="Nantes Métropole", country=Country.objects.get(iso2="FR"),
                                 region=Region.objects.get(code="52"), kind="epci")
    declaration = services.start_declaration(nantes, CampaignFactory(year=2025))
    services.add_line(declaration, country=Country.objects.get(iso2="SN"), category="cooperation",
                      sector=DacSector.objects.get(code="43030"), amount=Decimal("1000"), label="Action")
    return declaration


@pytest.mark.parametrize("name, function", [("", "Chargée de mission"), ("Camille Martin", "  ")])
def test_a_submission_names_who_declares_and_their_function(draft, name, function):
    with pytest.raises(services.DeclarationError, match="Indiquez le nom et la fonction de la personne qui déclare."):
        services.submit_declaration(draft, None, name, function, True)
    assert Declaration.objects.get(pk=draft.pk).state == Declaration.State.DRAFT


def test_only_french_collectivities_declare_their_apd(eapd_reference):
    from atlas.models import Country

    dakar = CollectivityFactory(name="Dakar", country=Country.objects.get(iso2="SN"), kind="municipalite")
    with pytest.raises(services.DeclarationError, match="Seules les collectivités françaises déclarent leur APD."):
        services.start_declaration(dakar, CampaignFactory(year=2025))
    assert not Declaration.objects.exists()


def test_only_a_submitted_declaration_can_be_validated_or_returned(draft):
    staff = UserFactory(is_staff=True)
    with pytest.raises(services.DeclarationError, match="Seule une déclaration soumise peut être validée."):
        services.validate_declaration(draft, staff)
    with pytest.raises(services.DeclarationError, match="Seule une déclaration soumise peut être renvoyée"):
        services.return_declaration(draft, staff, "À corriger")
    assert Declaration.objects.get(pk=draft.pk).state == Declaration.State.DRAFT
