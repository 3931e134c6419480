"""Each lock of fonds/services.py is needed: with it removed, one of these races ends wrong.

The first call pauses inside its transaction (tests/interleave.py) while the others run against
the same fund, contribution or declaration, on the real PostgreSQL.
"""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from atlas.models import Country, Region
from fonds import services
from fonds.models import Allocation, Contribution, DacSector, Declaration, LedgerEntry
from tests.factories import CollectivityFactory, UserFactory
from tests.interleave import interleave

from .factories import CampaignFactory, FundFactory

pytestmark = pytest.mark.django_db(transaction=True)


def funded(amount):
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal(amount), "Délibération n° 2024-12")
    services.record_receipt(contribution)
    return fund


def allocation(fund, amount, n):
    return lambda: services.allocate(fund, Decimal(amount), f"Projet {n}", "ONG partenaire", "Antakya")


def test_five_allocations_during_another_never_spend_more_than_was_received():
    """Defends the fund lock of allocate: 6 × 300 € asked against 1 000 € received, 3 pass."""
    fund = funded("1000")

    first, others = interleave(allocation(fund, "300", 0), [allocation(fund, "300", n) for n in range(1, 6)],
                               pause_in=(services, "ledger_sums"))

    outcomes = [first, *others]
    assert [o.error for o in outcomes if o.error and not isinstance(o.error, services.FundError)] == []
    assert sum(o.error is None for o in outcomes) == 3
    assert services.ledger_sums(fund.pk) == (Decimal("1000"), Decimal("900"))
    assert Allocation.objects.filter(fund=fund).count() == 3


def test_eight_simultaneous_allocations_spend_exactly_what_was_received():
    """The same rule under a real stampede: eight staff members allocate 250 € of 1 000 € at once."""
    fund = funded("1000")
    barrier = threading.Barrier(8)
    results = []

    def worker(n):
        close_old_connections()
        try:
            barrier.wait(timeout=30)
            services.allocate(fund, Decimal("250"), f"Projet {n}", "ONG", "Lieu")
            results.append("ok")
        except services.FundError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["ok"] * 4 + ["refused"] * 4
    assert services.ledger_sums(fund.pk) == (Decimal("1000"), Decimal("1000"))


def test_a_receipt_recorded_twice_at_once_enters_the_ledger_once():
    """Defends the locks of record_receipt (a double click in the admin)."""
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal("500"), "Délibération")

    one, [two] = interleave(lambda: services.record_receipt(contribution),
                            [lambda: services.record_receipt(contribution)], pause_in=(services, "_log"),
                            when="before")

    assert one.error is None and isinstance(two.error, services.FundError), (one, two)
    assert LedgerEntry.objects.filter(contribution=contribution).count() == 1


def test_an_allocation_asked_while_a_receipt_is_recorded_counts_that_receipt():
    """Defends the fund lock of record_receipt: the allocation waits for the receipt being written and
    spends it, instead of being refused on the sums of a moment before (with 0 € received)."""
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal("500"), "Délibération")

    one, [two] = interleave(lambda: services.record_receipt(contribution), [allocation(fund, "400", 1)],
                            pause_in=(services, "_log"), when="before")

    assert one.error is None and two.error is None, (one, two)
    assert services.ledger_sums(fund.pk) == (Decimal("500"), Decimal("400"))


def test_a_receipt_recorded_while_the_pledge_is_cancelled_is_refused():
    """Defends the contribution lock of record_receipt."""
    contribution = services.pledge(FundFactory(), CollectivityFactory(), Decimal("500"), "Délibération")

    one, [two] = interleave(lambda: services.cancel_pledge(contribution),
                            [lambda: services.record_receipt(contribution)], pause_in=(services, "_log"),
                            when="before")

    assert one.error is None and isinstance(two.error, services.FundError), (one, two)
    assert Contribution.objects.get(pk=contribution.pk).state == Contribution.State.CANCELLED
    assert not LedgerEntry.objects.filter(contribution=contribution).exists()


def test_a_pledge_cancelled_while_its_receipt_is_recorded_stays_received():
    """Defends the contribution lock of cancel_pledge."""
    contribution = services.pledge(FundFactory(), CollectivityFactory(), Decimal("500"), "Délibération")

    one, [two] = interleave(lambda: services.record_receipt(contribution),
                            [lambda: services.cancel_pledge(contribution)], pause_in=(services, "_log"),
                            when="before")

    assert one.error is None and isinstance(two.error, services.FundError), (one, two)
    assert Contribution.objects.get(pk=contribution.pk).state == Contribution.State.RECEIVED
    assert LedgerEntry.objects.filter(contribution=contribution).count() == 1


def test_a_pledge_made_while_the_fund_is_being_closed_is_refused():
    """Defends the fund lock of pledge: closing the fund (the admin's UPDATE) is waited for."""
    from types import SimpleNamespace

    from django.db import transaction

    from fonds.models import Fund

    fund = FundFactory()
    hook = SimpleNamespace(closing=lambda: None)

    def close():
        with transaction.atomic():
            Fund.objects.filter(pk=fund.pk).update(status=Fund.Status.CLOSED, closed_on="2024-06-01")
            hook.closing()

    one, [two] = interleave(close, [lambda: services.pledge(fund, CollectivityFactory(), Decimal("10"), "Délib.")],
                            pause_in=(hook, "closing"))

    assert one.error is None and isinstance(two.error, services.FundError), (one, two)
    assert not Contribution.objects.filter(fund=fund).exists()


# ---- e-APD ---------------------------------------------------------------------------------

@pytest.fixture
def declaration(eapd_reference):
    nantes = CollectivityFactory(name="Nantes Métropole", country=Country.objects.get(iso2="FR"),
                                 region=Region.objects.get(code="52"), code="244400404", kind="epci")
    declaration = services.start_declaration(nantes, CampaignFactory(year=2025))
    add_line(declaration)
    return declaration


def add_line(declaration, amount="1000"):
    return services.add_line(declaration, country=Country.objects.get(iso2="SN"), category="cooperation",
                             sector=DacSector.objects.get(code="43030"), amount=Decimal(amount), label="Action")


def submit(declaration):
    return services.submit_declaration(declaration, None, "Camille Martin", "Chargée de mission", True)


def test_a_line_added_while_the_declaration_is_submitted_is_refused(declaration):
    """Defends the declaration lock: a submitted (certified) declaration gets no line afterwards."""
    one, [two] = interleave(lambda: submit(declaration), [lambda: add_line(declaration, "99")],
                            pause_in=(services, "_log"), when="before")

    assert one.error is None and isinstance(two.error, services.DeclarationError), (one, two)
    assert [line.amount for line in Declaration.objects.get(pk=declaration.pk).lines.all()] == [Decimal("1000")]


def test_a_line_deleted_while_the_declaration_is_submitted_stays(declaration):
    [line] = declaration.lines.all()

    one, [two] = interleave(lambda: submit(declaration), [lambda: services.delete_line(line)],
                            pause_in=(services, "_log"), when="before")

    assert one.error is None and isinstance(two.error, services.DeclarationError), (one, two)
    assert Declaration.objects.get(pk=declaration.pk).lines.count() == 1


def test_validating_and_returning_a_declaration_at_once_lets_only_the_first_through(declaration):
    staff = UserFactory(is_staff=True)
    submit(declaration)

    one, [two] = interleave(lambda: services.validate_declaration(declaration, staff),
                            [lambda: services.return_declaration(declaration, staff, "Montant à vérifier")],
                            pause_in=(services, "_log"), when="before")

    assert one.error is None and isinstance(two.error, services.DeclarationError), (one, two)
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.VALIDATED and declaration.returned_at is None
    assert list(declaration.state_changes.values_list("to_state", flat=True).order_by("pk")) == [
        "draft", "submitted", "validated"]
