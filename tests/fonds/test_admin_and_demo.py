"""Staff tools (admin actions calling the services) and the demo content."""

import io
from decimal import Decimal

import pytest
from django.utils import timezone

from atlas.models import Collectivity, Country
from fonds import demo, services
from fonds.models import Allocation, Contribution, DacSector, Declaration, Fund, LedgerEntry
from fonds.reference import load_eapd_reference
from tests.factories import CollectivityFactory, CollectivityMemberFactory

from .factories import CampaignFactory, FundFactory

pytestmark = pytest.mark.django_db


def test_admin_refuses_an_allocation_above_received(client, staff_user, reference):
    fund = FundFactory()
    services.record_receipt(services.pledge(fund, CollectivityFactory(), Decimal("100"), "D"))
    client.force_login(staff_user)
    data = {"fund": fund.pk, "title": "Projet", "partner_organisation": "ONG", "place": "Rabat",
            "amount": "150", "decided_on": "2026-11-20", "status": "planned", "progress": "0", "description": ""}
    response = client.post("/admin/fonds/allocation/add/", data)
    assert response.status_code == 400 and "Allocation refusée" in response.content.decode()
    assert not Allocation.objects.exists()
    response = client.post("/admin/fonds/allocation/add/", {**data, "amount": "100"})
    assert response.status_code == 302
    assert LedgerEntry.objects.filter(kind="allocation", amount=Decimal("100")).count() == 1


def test_admin_return_action_requires_a_comment_and_mails(client, staff_user, reference, mailoutbox):
    load_eapd_reference()
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(country=Country.objects.get(iso2="FR")))
    declaration = services.start_declaration(member.collectivity, CampaignFactory())
    services.add_line(declaration, country=Country.objects.get(iso2="TN"), category="ong",
                      sector=DacSector.objects.get(code="15150"), amount=Decimal("10"), label="L")
    services.submit_declaration(declaration, member.user, "A", "B", True)
    client.force_login(staff_user)
    action = {"action": "send_back", "_selected_action": [declaration.pk], "apply": "1"}
    response = client.post("/admin/fonds/declaration/", {**action, "comment": ""})
    assert response.status_code == 200  # the form again, with its error
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.SUBMITTED
    client.post("/admin/fonds/declaration/", {**action, "comment": "Le montant de la ligne 1 paraît faible."})
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.RETURNED
    assert mailoutbox[-1].to == [member.user.email] and "faible" in mailoutbox[-1].body


def test_demo_loads_twice_with_the_seed_content(reference):
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert set(Fund.objects.values_list("slug", flat=True)) == {"fonds-ukraine", "fonds-maroc", "fonds-turquie",
                                                                "fonds-haiti"}
    maroc = Fund.objects.get(slug="fonds-maroc")
    assert "François Bonneau, Président de la région Centre-Val de Loire" in maroc.committee_chair
    # Seed 001 gives the day only: the meeting starts at midnight in Paris, and its page shows no time.
    assert timezone.localtime(maroc.meetings.get().starts_at).isoformat() == "2024-02-21T00:00:00+01:00"
    assert Fund.objects.get(slug="fonds-ukraine").meetings.get().starts_at.date().isoformat() == "2024-03-13"
    assert Fund.objects.get(slug="fonds-turquie").updates.filter(title__contains="juin 2023 à février 2024").exists()
    assert Allocation.objects.get(fund__slug="fonds-haiti").partner_organisation.startswith("Architectes sans")
    assert Contribution.objects.filter(is_demo=False).count() == 0
    assert Collectivity.objects.filter(slug="nimes-metropole").count() == 1
    for fund in Fund.objects.all():
        received, allocated = services.ledger_sums(fund.pk)
        assert 0 < allocated <= received
    assert Declaration.objects.filter(state="validated", campaign=2025).exists()


def test_check_fund_ledgers_command_reports_totals(reference):
    from django.core.management import call_command

    demo.load(io.StringIO())
    out = io.StringIO()
    call_command("check_fund_ledgers", stdout=out)
    lines = out.getvalue().splitlines()
    # Each fund's line adds up its own rows: live pledges, receipts and allocations of the ledger.
    from django.db.models import Sum

    from cuf_portal.templatetags.portal import euros

    def total(queryset):
        return queryset.aggregate(total=Sum("amount"))["total"] or 0

    funds = Fund.objects.order_by("pk")
    assert funds.count() >= 3
    for fund in funds:
        pledged = total(Contribution.objects.filter(fund=fund).exclude(state=Contribution.State.CANCELLED))
        received = total(LedgerEntry.objects.filter(fund=fund, kind=LedgerEntry.Kind.RECEIPT))
        allocated = total(LedgerEntry.objects.filter(fund=fund, kind=LedgerEntry.Kind.ALLOCATION))
        expected = (f"{fund.name} : promis {euros(pledged)}, reçus {euros(received)}, alloués {euros(allocated)}, "
                    f"disponibles {euros(received - allocated)}, ")
        assert [line for line in lines if line.startswith(f"{fund.name} :")][0].startswith(expected)
    assert lines[-1].endswith("Registres cohérents.")


def test_check_fund_ledgers_command_fails_when_allocations_exceed_receipts(db):
    import datetime

    from django.core.management import CommandError, call_command

    fund = FundFactory(name="Fonds en défaut")
    allocation = Allocation.objects.create(fund=fund, amount=Decimal("500"), title="Projet", partner_organisation="ONG",
                                           place="Lieu", decided_on=datetime.date(2024, 5, 1))
    LedgerEntry.objects.create(fund=fund, kind=LedgerEntry.Kind.ALLOCATION, date=allocation.decided_on,
                               amount=allocation.amount, allocation=allocation)  # written around the service
    with pytest.raises(CommandError, match="Fonds en défaut : allocations supérieures aux versements reçus"):
        call_command("check_fund_ledgers", stdout=io.StringIO())


def test_staff_cancels_a_pledge_and_the_change_is_recorded(client, staff_user):
    from fonds.models import Contribution
    from tests.factories import CollectivityFactory

    from .factories import FundFactory

    contribution = Contribution.objects.create(fund=FundFactory(), collectivity=CollectivityFactory(), amount=500,
                                               pledged_on="2026-01-10", decision_reference="D-1")
    client.force_login(staff_user)
    response = client.post("/admin/fonds/contribution/", {"action": "cancel_pledges",
                                                          "_selected_action": [contribution.pk]}, follow=True)
    assert "1 promesse annulée." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.CANCELLED
    assert contribution.state_changes.get().by == staff_user


def test_a_fund_cannot_take_the_slug_of_a_portal_page(staff_user):
    from django.core.exceptions import ValidationError

    from .factories import FundFactory

    fund = FundFactory.build(slug="registre")
    with pytest.raises(ValidationError, match="réservé"):
        fund.full_clean(exclude=["country"])
