"""State changes of the groups: joining a group, and CUF staff's decision on it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from atlas.queries import collectivity_of
from cuf_portal.mail import notify_staff, send_templated_mail

from .models import Group, GroupMembership, JoinRequest


@transaction.atomic
def request_to_join(user, group, message=""):
    """The user's collectivity asks to join `group`; CUF staff are told by mail."""
    collectivity = collectivity_of(user)
    if collectivity is None:
        raise ValidationError("Votre compte n'est rattaché à aucune collectivité : contactez Cités Unies France.")
    group = Group.objects.select_for_update().get(pk=group.pk)
    if not group.is_active:
        raise ValidationError("Ce groupe est archivé : il n'accepte plus de nouveaux membres.")
    if GroupMembership.objects.filter(group=group, collectivity=collectivity, left_on__isnull=True).exists():
        raise ValidationError(f"{collectivity} est déjà membre du groupe « {group} ».")
    if JoinRequest.objects.filter(group=group, collectivity=collectivity, status=JoinRequest.Status.PENDING).exists():
        raise ValidationError(f"Une demande de {collectivity} pour le groupe « {group} » est déjà en attente.")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(group=group, collectivity=collectivity, requested_by=user,
                                                      message=message.strip())
    except IntegrityError as exc:  # a concurrent identical request won the race
        raise ValidationError(f"Une demande de {collectivity} pour le groupe « {group} » est déjà en attente.") from exc
    notify_staff("groupes_pays/mail/join_request_staff", {"join_request": join_request})
    return join_request


def _lock_pending(join_request):
    locked = (JoinRequest.objects.select_for_update(of=("self",))
              .select_related("group", "collectivity", "requested_by").get(pk=join_request.pk))
    if locked.status != JoinRequest.Status.PENDING:
        raise ValidationError(
            f"La demande de {locked.collectivity} a déjà été traitée ({locked.get_status_display()}).")
    return locked


@transaction.atomic
def approve_join_request(join_request, staff_user):
    """Accept the request: the collectivity becomes a current member of the group."""
    locked = _lock_pending(join_request)
    membership, _ = GroupMembership.objects.get_or_create(
        group=locked.group, collectivity=locked.collectivity, left_on__isnull=True,
        defaults={"joined_on": timezone.localdate()})
    locked.status = JoinRequest.Status.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = staff_user
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    _tell_requester(locked)
    return membership


@transaction.atomic
def decline_join_request(join_request, staff_user):
    locked = _lock_pending(join_request)
    locked.status = JoinRequest.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = staff_user
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    _tell_requester(locked)
    return locked


def _tell_requester(join_request):
    if join_request.requested_by and join_request.requested_by.email:
        send_templated_mail(join_request.requested_by.email, "groupes_pays/mail/join_request_decision",
                            {"join_request": join_request})
