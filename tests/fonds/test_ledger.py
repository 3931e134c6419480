"""Ledger invariants of the solidarity funds: totals derive from the ledger, allocations never exceed receipts."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django.db.utils import IntegrityError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fonds import queries, services
from fonds.models import Contribution, Fund, LedgerEntry
from tests.factories import CollectivityFactory

from .factories import FundFactory

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2)
operations = st.lists(st.one_of(
    st.tuples(st.just("pledge"), amounts),
    st.tuples(st.just("receive"), st.integers(min_value=0, max_value=20)),
    st.tuples(st.just("allocate"), amounts),
), max_size=25)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_operations_never_allocate_more_than_received(ops):
    fund = FundFactory()
    collectivity = CollectivityFactory()
    pledges = []
    for op, value in ops:
        if op == "pledge":
            pledges.append(services.pledge(fund, collectivity, value, "Délibération test"))
        elif op == "receive" and pledges:
            contribution = pledges[value % len(pledges)]
            try:
                services.record_receipt(contribution, received_on=datetime.date.today())
            except services.FundError:
                assert Contribution.objects.get(pk=contribution.pk).state == Contribution.State.RECEIVED
        elif op == "allocate":
            received, allocated = services.ledger_sums(fund.pk)
            try:
                services.allocate(fund, value, "Projet", "ONG", "Lieu")
            except services.FundError as error:
                assert value > received - allocated
                assert "dépasse les fonds disponibles" in error.messages[0]
        received, allocated = services.ledger_sums(fund.pk)
        assert allocated <= received

    totals = queries.fund_detail(fund.slug)
    ledger = LedgerEntry.objects.filter(fund=fund)
    assert totals.received == sum((e.amount for e in ledger if e.kind == "receipt"), Decimal(0))
    assert totals.allocated == sum((e.amount for e in ledger if e.kind == "allocation"), Decimal(0))
    assert totals.received == sum((c.amount for c in fund.contributions.filter(state="received")), Decimal(0))
    assert totals.pledged == sum((c.amount for c in fund.contributions.all()), Decimal(0))
    assert totals.available == totals.received - totals.allocated >= 0


@pytest.mark.django_db
def test_allocation_above_received_is_refused_with_a_french_message():
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal("1000"), "Délibération 1")
    with pytest.raises(services.FundError, match="dépasse les fonds disponibles"):
        services.allocate(fund, Decimal("10"), "Projet", "ONG", "Lieu")  # pledged, not received
    services.record_receipt(contribution)
    services.allocate(fund, Decimal("600"), "Projet", "ONG", "Lieu")
    with pytest.raises(services.FundError, match="400,00"):
        services.allocate(fund, Decimal("400.01"), "Projet 2", "ONG", "Lieu")
    services.allocate(fund, Decimal("400"), "Projet 2", "ONG", "Lieu")
    assert services.ledger_sums(fund.pk) == (Decimal("1000"), Decimal("1000"))


@pytest.mark.django_db
def test_receipt_recorded_once_and_logged():
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal("500"), "Délibération 2")
    services.record_receipt(contribution)
    with pytest.raises(services.FundError, match="deux fois"):
        services.record_receipt(contribution)
    assert LedgerEntry.objects.filter(contribution=contribution).count() == 1
    assert [(c.from_state, c.to_state) for c in contribution.state_changes.all()] == [
        ("", "pledged"), ("pledged", "received")]


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("1000000000"), Decimal("1.001"), "abc"])
def test_absurd_amounts_are_refused(amount):
    with pytest.raises(services.FundError):
        services.pledge(FundFactory(), CollectivityFactory(), amount, "Délibération")


@pytest.mark.django_db
def test_closed_fund_refuses_pledges():
    fund = FundFactory(status=Fund.Status.CLOSED, closed_on=datetime.date(2024, 6, 1))
    with pytest.raises(services.FundError, match="clos"):
        services.pledge(fund, CollectivityFactory(), Decimal("10"), "Délibération")


@pytest.mark.django_db
def test_database_refuses_a_ledger_entry_without_its_source():
    fund = FundFactory()
    with pytest.raises(IntegrityError):
        LedgerEntry.objects.create(fund=fund, kind="receipt", date=datetime.date.today(), amount=Decimal("5"))


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_cannot_overspend():
    """Two allocations of 700 € against 1 000 € received, at the same time: exactly one passes."""
    fund = FundFactory()
    contribution = services.pledge(fund, CollectivityFactory(), Decimal("1000"), "Délibération")
    services.record_receipt(contribution)
    barrier = threading.Barrier(2)
    results = []

    def worker(n):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            services.allocate(fund, Decimal("700"), f"Projet {n}", "ONG", "Lieu")
            results.append("ok")
        except services.FundError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["ok", "refused"]
    assert services.ledger_sums(fund.pk) == (Decimal("1000"), Decimal("700"))
