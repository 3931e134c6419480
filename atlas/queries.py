"""Reads of the Atlas that pages and other apps share."""

from .models import Collectivity, CollectivityMember


def collectivity_of(user):
    """The collectivity a logged-in user works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (CollectivityMember.objects.select_related("collectivity")
                  .filter(user=user).first())
    return membership.collectivity if membership else None


def is_cuf_member(user):
    """True when the user's collectivity is a member of CUF (members-only content)."""
    collectivity = collectivity_of(user)
    return bool(collectivity and collectivity.is_cuf_member)


def french_collectivities():
    return Collectivity.objects.filter(is_french=True)
