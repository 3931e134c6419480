"""Every admin screen of every model opens for CUF staff, on the demo content."""


import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_changelist_add_and_change_page_opens(demo, client, staff_user):
    """A smoke test, on purpose: it guards against an admin screen that crashes (a bad list_display,
    search_fields or inline after a model change). What each screen shows is tested in each app."""
    client.force_login(staff_user)
    failures = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages = [reverse("admin:{}_{}_changelist".format(*info))]
        if model_admin.has_add_permission(_request(staff_user)):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
        for url in pages:
            status = client.get(url).status_code
            if status != 200:
                failures.append((url, status))
    assert failures == []


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
