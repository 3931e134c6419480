"""A collectivity asks to join a group; CUF staff approve it in the admin; it becomes a member."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from groupes_pays import services
from groupes_pays.models import GroupMembership, JoinRequest
from tests.factories import CollectivityMemberFactory, UserFactory

from .factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return CollectivityMemberFactory(collectivity__name="Aix-en-Provence").user


def test_request_then_staff_approval_in_the_admin_makes_a_membership(client, agent, staff_user):
    group = GroupFactory(name="Groupe-pays Japon", slug="japon-t")
    client.force_login(agent)
    response = client.post(reverse("groupes_pays:join"),
                           {"group": group.pk, "message": "Nous coopérons avec Kumamoto."})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.collectivity.name == "Aix-en-Provence"
    assert any("Aix-en-Provence" in m.subject for m in mail.outbox)  # staff told

    account = client.get(reverse("account")).content.decode()
    assert "Groupe-pays Japon" in account and "En attente" in account

    client.force_login(staff_user)
    mail.outbox.clear()
    response = client.post(reverse("admin:groupes_pays_joinrequest_changelist"),
                           {"action": "approve", "_selected_action": [join_request.pk]}, follow=True)
    assert response.status_code == 200
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED and join_request.decided_by == staff_user
    assert GroupMembership.objects.filter(group=group, collectivity=join_request.collectivity,
                                          left_on__isnull=True).count() == 1
    assert [m.to for m in mail.outbox] == [[agent.email]]

    client.force_login(agent)
    account = client.get(reverse("account")).content.decode()
    assert "Mes groupes" in account and "Acceptée" in account
    group_page = client.get(group.get_absolute_url()).content.decode()
    assert "Votre collectivité est membre de ce groupe." in group_page
    assert "Aix-en-Provence" in group_page


def test_a_second_pending_request_for_the_same_group_is_refused_in_french(client, agent):
    group = GroupFactory()
    client.force_login(agent)
    client.post(reverse("groupes_pays:join"), {"group": group.pk})
    response = client.post(reverse("groupes_pays:join"), {"group": group.pk})
    assert response.status_code == 400
    assert "déjà en attente" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_users_without_collectivity_and_archived_groups_cannot_join(client):
    group = GroupFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("groupes_pays:join"), {"group": group.pk})
    assert response.status_code == 400 and "aucune collectivité" in response.content.decode()
    archived = GroupFactory(is_active=False)
    with pytest.raises(ValidationError):
        services.request_to_join(CollectivityMemberFactory().user, archived)


def test_join_needs_login_and_post(client):
    group = GroupFactory()
    assert client.post(reverse("groupes_pays:join"), {"group": group.pk}).status_code == 302  # to login
    assert JoinRequest.objects.count() == 0
    client.force_login(CollectivityMemberFactory().user)
    assert client.get(reverse("groupes_pays:join")).status_code == 405


def test_a_request_is_decided_once(agent, staff_user):
    join_request = services.request_to_join(agent, GroupFactory())
    services.decline_join_request(join_request, staff_user)
    with pytest.raises(ValidationError, match="déjà été traitée"):
        services.approve_join_request(join_request, staff_user)
    assert GroupMembership.objects.count() == 0
