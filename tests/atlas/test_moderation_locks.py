"""The locks of the Atlas moderation (atlas/services.py) are needed: without them these races end wrong.

The first call pauses inside its transaction (tests/interleave.py) while a second one reviews or
proposes on the same proposal or fiche, on the real PostgreSQL.
"""

import pytest
from django.core.exceptions import ValidationError

from atlas import moderation, services
from atlas.models import Project, ProjectChangeRequest
from tests.atlas.account_factories import partner_collectivity, project_of
from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory
from tests.interleave import interleave

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fiche(reference):
    lille = CollectivityFactory(name="Lille", slug="lille")
    partner = partner_collectivity(name="Saint-Louis", slug="saint-louis")
    return project_of(lille, partner, title="Lille et Saint-Louis : patrimoine", slug="lille-saint-louis")


def proposal(fiche, description="Restauration du pont Faidherbe."):
    member = CollectivityMemberFactory(collectivity=fiche.participations.get(is_lead=True).collectivity).user
    data = moderation.snapshot(fiche)
    data["description"] = description
    return services.propose_change(member, fiche, data)


def test_approving_and_rejecting_a_proposal_at_once_lets_only_the_first_through(fiche):
    """Defends the proposal lock: a rejected proposal never ends up applied, nor the reverse."""
    change = proposal(fiche)
    staff = UserFactory(is_staff=True)

    one, [two] = interleave(lambda: services.approve_change(change, staff),
                            [lambda: services.reject_change(change, staff, "Doublon d'une autre fiche.")],
                            pause_in=(services, "_notify_author"), when="before")

    assert one.error is None and isinstance(two.error, ValidationError), (one, two)
    change.refresh_from_db()
    assert change.state == ProjectChangeRequest.State.APPROVED and change.staff_comment == ""
    assert Project.objects.get(pk=fiche.pk).description == "Restauration du pont Faidherbe."


def test_a_new_fiche_approved_twice_at_once_is_created_once(reference):
    """Defends the proposal lock when the approval creates the fiche (two staff members, one click each)."""
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Nantes", slug="nantes")).user
    change = services.propose_project(member, {"title": "Jumelage Nantes-Jinan", "kind": "jumelage",
                                               "status": "en_cours"})
    staff = UserFactory(is_staff=True)

    one, [two] = interleave(lambda: services.approve_change(change, staff),
                            [lambda: services.approve_change(change, staff)],
                            pause_in=(services, "_notify_author"), when="before")

    assert one.error is None and isinstance(two.error, ValidationError), (one, two)
    assert Project.objects.filter(title="Jumelage Nantes-Jinan").count() == 1


def test_two_partners_proposing_a_change_to_one_fiche_at_once_leave_one_proposal(fiche):
    """Defends the fiche lock of propose_change: one pending proposal per fiche, even in a race."""
    partner = fiche.participations.get(is_lead=False).collectivity
    lead_member = CollectivityMemberFactory(collectivity=fiche.participations.get(is_lead=True).collectivity).user
    partner_member = CollectivityMemberFactory(collectivity=partner).user

    def propose(user, text):
        data = moderation.snapshot(fiche)
        data["description"] = text
        return lambda: services.propose_change(user, fiche, data)

    one, [two] = interleave(propose(lead_member, "Version de Lille."),
                            [propose(partner_member, "Version de Saint-Louis.")],
                            pause_in=(services, "_notify_submission"), when="before")

    assert one.error is None and isinstance(two.error, ValidationError), (one, two)
    assert list(ProjectChangeRequest.objects.filter(project=fiche).values_list("data__description", flat=True)) == [
        "Version de Lille."]


def test_an_author_replacing_a_proposal_while_staff_approve_it_gets_no_error(fiche):
    """Defends the fiche lock of approve_change, taken before the proposal's as propose_change takes
    them: the approval waits for the replacement and applies it (in the other order, one of the two
    calls died in a deadlock)."""
    change = proposal(fiche)
    author = change.author
    staff = UserFactory(is_staff=True)
    replaced = {**moderation.snapshot(fiche), "description": "Restauration du pont et des quais."}

    one, [two] = interleave(lambda: services.propose_change(author, fiche, replaced),
                            [lambda: services.approve_change(change, staff)],
                            pause_in=(moderation, "normalize"))

    assert one.error is None and two.error is None, (one, two)
    assert Project.objects.get(pk=fiche.pk).description == "Restauration du pont et des quais."
    assert ProjectChangeRequest.objects.get(pk=change.pk).state == ProjectChangeRequest.State.APPROVED
