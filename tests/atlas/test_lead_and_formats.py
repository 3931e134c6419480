"""A fiche always has one French lead collectivity; the admin imports and exports CSV and XLSX only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atlas import services
from atlas.models import Participation, Project, ProjectChangeRequest
from tests.atlas.account_factories import ProjectFactory, partner_collectivity, project_of
from tests.factories import CollectivityFactory, CollectivityMemberFactory

pytestmark = pytest.mark.django_db


def fiche_post(participations, **fields):
    """POST data of the fiche's admin page with the given participations [(collectivity, is_lead, pk)]."""
    data = {"title": "Lille et Saint-Louis : eau potable", "slug": "lille-saint-louis-eau", "kind": "cooperation",
            "status": "en_cours", "is_published": "on", "start_year": "2020", "end_year": "",
            "convention_date": "", "dac_code": "", "objectives": "", "description": "", "history": "",
            "context": "", "volunteers": "", "last_update": "", "update_source": ""}
    initial = sum(1 for *_, pk in participations if pk)
    data.update({"participations-TOTAL_FORMS": str(len(participations)),
                 "participations-INITIAL_FORMS": str(initial)})
    for prefix in ("funding_lines", "partners", "contacts"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    for index, (collectivity, is_lead, pk) in enumerate(participations):
        data[f"participations-{index}-collectivity"] = str(collectivity.pk)
        if is_lead:
            data[f"participations-{index}-is_lead"] = "on"
        if pk:
            data[f"participations-{index}-id"] = str(pk)
    data.update(fields)
    return data


@pytest.fixture
def sides(reference):
    return {"lille": CollectivityFactory(name="Lille", slug="lille"),
            "nancy": CollectivityFactory(name="Nancy", slug="nancy"),
            "saint_louis": partner_collectivity(name="Saint-Louis", slug="saint-louis")}


# ---- Admin: the fiche's participations --------------------------------------------------------

def test_admin_refuses_a_fiche_without_french_lead(client, staff_user, sides):
    client.force_login(staff_user)
    url = reverse("admin:atlas_project_add")
    response = client.post(url, fiche_post([(sides["lille"], False, None), (sides["saint_louis"], False, None)]))
    assert response.status_code == 200
    assert "Indiquez la collectivité française chef de file" in response.content.decode()
    assert not Project.objects.exists()

    response = client.post(url, fiche_post([(sides["saint_louis"], True, None)]))
    assert response.status_code == 200  # a foreign lead: a French message, not a database error
    assert "seule une collectivité française peut être chef de file" in response.content.decode()
    assert not Project.objects.exists()

    response = client.post(url, fiche_post([(sides["lille"], True, None), (sides["nancy"], True, None)]))
    assert response.status_code == 200
    assert "qu&#x27;une collectivité chef de file" in response.content.decode()

    response = client.post(url, fiche_post([(sides["lille"], True, None), (sides["saint_louis"], False, None)]))
    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.participations.values_list("collectivity__slug", "is_lead")) == [
        ("lille", True), ("saint-louis", False)]


def test_admin_refuses_removing_the_lead_of_a_fiche(client, staff_user, sides):
    project = project_of(sides["lille"], sides["saint_louis"], title="Lille et Saint-Louis : eau potable",
                         slug="lille-saint-louis-eau")
    lead, partner = project.participations.order_by("-is_lead")
    client.force_login(staff_user)
    url = reverse("admin:atlas_project_change", args=[project.pk])
    response = client.post(url, fiche_post([(sides["lille"], True, lead.pk), (sides["saint_louis"], False, partner.pk)],
                                           **{"participations-0-DELETE": "on"}))
    assert response.status_code == 200
    assert "Indiquez la collectivité française chef de file" in response.content.decode()
    assert project.participations.filter(is_lead=True, collectivity=sides["lille"]).exists()

    # Handing the lead to another French collectivity in one save works.
    response = client.post(url, fiche_post([(sides["lille"], False, lead.pk), (sides["saint_louis"], False, partner.pk),
                                            (sides["nancy"], True, None)]))
    assert response.status_code == 302
    assert list(project.participations.filter(is_lead=True).values_list("collectivity__slug", flat=True)) == ["nancy"]


def test_participation_admin_keeps_the_lead(client, staff_user, sides):
    project = project_of(sides["lille"], sides["saint_louis"])
    lead = project.participations.get(is_lead=True)
    partner = project.participations.get(is_lead=False)
    client.force_login(staff_user)
    response = client.post(reverse("admin:atlas_participation_change", args=[partner.pk]),
                           {"project": project.pk, "collectivity": sides["saint_louis"].pk, "is_lead": "on"})
    assert response.status_code == 200
    assert "Seule une collectivité française peut être chef de file" in response.content.decode()
    response = client.post(reverse("admin:atlas_participation_change", args=[lead.pk]),
                           {"project": project.pk, "collectivity": sides["lille"].pk})
    assert response.status_code == 200
    assert "changez-la depuis la fiche-projet" in response.content.decode()
    assert client.get(reverse("admin:atlas_participation_delete", args=[lead.pk])).status_code == 403
    assert Participation.objects.get(pk=lead.pk).is_lead


# ---- Moderation: a new fiche needs a French lead ----------------------------------------------

def test_a_foreign_collectivity_cannot_propose_nor_get_a_new_fiche_approved(sides, staff_user):
    member = CollectivityMemberFactory(collectivity=sides["saint_louis"]).user
    with pytest.raises(ValidationError, match="chef de file"):
        services.propose_project(member, {"title": "Sans chef de file"})
    # A proposal stored before this rule (or by any other path) is refused at approval.
    change = ProjectChangeRequest.objects.create(project=None, collectivity=sides["saint_louis"], author=member,
                                                 data={"title": "Sans chef de file", "kind": "cooperation",
                                                       "status": "en_cours"})
    with pytest.raises(ValidationError, match="chef de file"):
        services.approve_change(change, staff_user)
    change.refresh_from_db()
    assert change.state == "submitted" and not Project.objects.filter(title="Sans chef de file").exists()


def test_approval_refuses_a_fiche_left_without_lead(sides, staff_user):
    """A fiche without lead (imported without its participations) is not published by an approval."""
    project = ProjectFactory(title="Fiche importée", is_published=False)
    Participation.objects.create(project=project, collectivity=sides["lille"], is_lead=False)
    member = CollectivityMemberFactory(collectivity=sides["lille"]).user
    change = services.propose_change(member, project, {"title": "Fiche importée et complétée",
                                                       "kind": "cooperation", "status": "en_cours"})
    with pytest.raises(ValidationError, match="chef de file"):
        services.approve_change(change, staff_user)
    project.refresh_from_db()
    assert project.title == "Fiche importée" and not project.is_published


def test_admin_review_page_shows_the_missing_lead_in_french(client, sides, staff_user):
    member = CollectivityMemberFactory(collectivity=sides["saint_louis"]).user
    change = ProjectChangeRequest.objects.create(project=None, collectivity=sides["saint_louis"], author=member,
                                                 data={"title": "Sans chef de file", "kind": "cooperation",
                                                       "status": "en_cours"})
    client.force_login(staff_user)
    response = client.post(reverse("admin:atlas_projectchangerequest_change", args=[change.pk]),
                           {"decision": "approve", "comment": ""})
    assert response.status_code == 400
    assert "seule une collectivité française peut proposer une nouvelle fiche" in response.content.decode()
    assert not Project.objects.filter(title="Sans chef de file").exists()


# ---- Admin import/export formats --------------------------------------------------------------

@pytest.mark.parametrize("model", ["project", "collectivity", "participation", "country", "bourserequest"])
def test_admin_import_and_export_offer_csv_and_xlsx_only(client, staff_user, reference, model):
    client.force_login(staff_user)
    for view in ("import", "export"):
        response = client.get(reverse(f"admin:atlas_{model}_{view}"))
        assert response.status_code == 200
        labels = sorted(label.lower() for value, label in response.context["form"].fields["format"].choices if value)
        assert labels == ["csv", "xlsx"], (view, labels)


# ---- seed_atlas after load_demo --------------------------------------------------------------

def test_seed_atlas_runs_again_when_other_data_points_to_generated_collectivities(reference):
    """load_demo links real data (fund contributions, APD declarations, fiches, accounts) to generated
    collectivities: generating again keeps and reuses them instead of failing on protected keys."""
    from atlas.generate import generate
    from atlas.models import Collectivity

    generate("demo")
    lyon = Collectivity.objects.get(slug="lyon", is_generated=True)
    real = ProjectFactory(title="Fiche réelle liée à une collectivité générée")
    Participation.objects.create(project=real, collectivity=lyon, is_lead=True)  # protected key
    member = CollectivityMemberFactory(collectivity=lyon)

    counts = generate("demo")
    assert counts["french"] == 160
    assert Collectivity.objects.filter(name="Lyon", is_generated=True).count() == 1
    assert real.participations.get().collectivity_id == lyon.pk
    member.refresh_from_db()
    assert member.collectivity_id == lyon.pk
    assert Project.objects.filter(is_generated=True).count() == 400
    assert Project.objects.filter(is_generated=True, participations__collectivity=lyon).exists()


def test_participation_import_reports_lead_errors_in_french(sides):
    import tablib

    from atlas.resources import ParticipationResource

    without_lead = ProjectFactory(title="Fiche sans participation", slug="fiche-sans-participation")
    with_lead = project_of(sides["lille"], sides["saint_louis"], slug="lille-saint-louis")
    dataset = tablib.Dataset(["fiche-sans-participation", "saint-louis", "1"], ["lille-saint-louis", "nancy", "1"],
                             headers=["project", "collectivity", "is_lead"])
    result = ParticipationResource().import_data(dataset, dry_run=False)
    messages = [" ".join(row.error.messages) for row in result.invalid_rows]
    assert messages == ["Seule une collectivité française peut être chef de file.",
                        "Cette fiche a déjà une collectivité chef de file (une seule par fiche)."]
    assert not without_lead.participations.exists()
    assert list(with_lead.participations.filter(is_lead=True).values_list("collectivity__slug", flat=True)) == ["lille"]
