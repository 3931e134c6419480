"""Collectivity proposals: nothing public before CUF staff validate; nobody edits another's fiche."""

import csv
import io
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from atlas import moderation, services
from atlas.models import Participation, Project, ProjectChangeRequest
from tests.atlas.account_factories import partner_collectivity, project_of
from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def proposal_post(**fields):
    """POST data of the proposal form: the fiche's fields plus empty formsets unless given."""
    data = {"title": "Eau potable à Saint-Louis", "kind": "cooperation", "status": "en_cours",
            "start_year": "2021", "end_year": "", "convention_date": "", "dac_code": "",
            "objectives": "", "description": "", "history": "", "context": "", "volunteers": "",
            "partner_collectivities": "",
            "financement-TOTAL_FORMS": "0", "financement-INITIAL_FORMS": "0",
            "partenaire-TOTAL_FORMS": "0", "partenaire-INITIAL_FORMS": "0"}
    data.update(fields)
    return data


@pytest.fixture
def setting(reference):
    """Collectivity A (with a member and a fiche) and collectivity B (with its own fiche)."""
    partner = partner_collectivity(name="Saint-Louis", slug="saint-louis")
    a = CollectivityFactory(name="Lille", slug="lille")
    b = CollectivityFactory(name="Grabels", slug="grabels")
    member = CollectivityMemberFactory(collectivity=a)
    other_member = CollectivityMemberFactory(collectivity=b)
    fiche_a = project_of(a, partner, title="Lille et Saint-Louis : patrimoine", slug="lille-saint-louis")
    fiche_b = project_of(b, partner, title="Grabels et Saint-Louis : jeunesse", slug="grabels-saint-louis")
    return {"a": a, "b": b, "partner": partner, "member": member.user, "other": other_member.user,
            "fiche_a": fiche_a, "fiche_b": fiche_b}


def public_views(client, word):
    """What the public sees for a keyword: search page, CSV export, GeoJSON of everything."""
    page = client.get(reverse("atlas:index"), {"q": word}).content.decode()
    rows = list(csv.reader(io.StringIO(b"".join(
        client.get(reverse("atlas:index"), {"q": word, "format": "csv"}).streaming_content
    ).decode("utf-8-sig")), delimiter=";"))
    geojson = json.loads(client.get(reverse("atlas:all_geojson")).content)
    return page, rows, {f["properties"]["name"] for f in geojson["features"]}


# ---- Moderation end to end ----------------------------------------------------------------------

def test_change_is_invisible_until_staff_approve_it(client, setting, staff_user):
    """Rule: a proposed change touches nothing public; approval applies it and publishes it."""
    client.force_login(setting["member"])
    url = reverse("atlas:propose_change", args=[setting["fiche_a"].pk])
    response = client.post(url, proposal_post(
        title="Lille et Saint-Louis : patrimoine et zanzibarisation",
        description="Restauration du pont Faidherbe.", partner_collectivities="Saint-Louis"))
    assert response.status_code == 302, response.content.decode()
    change = ProjectChangeRequest.objects.get()
    assert change.state == "submitted" and change.project == setting["fiche_a"]
    assert [m.to for m in mail.outbox] == [["coordination@cites-unies-france.org"]]
    assert "Lille" in mail.outbox[0].subject

    client.logout()
    fiche = client.get(setting["fiche_a"].get_absolute_url()).content.decode()
    assert "zanzibarisation" not in fiche and "pont Faidherbe" not in fiche
    page, rows, _ = public_views(client, "zanzibarisation")
    assert "Aucune fiche-projet ne correspond" in page
    assert len(rows) == 1  # header only

    services.approve_change(change, staff_user)
    change.refresh_from_db()
    assert change.state == "approved" and change.reviewer == staff_user and change.reviewed_at
    fiche = client.get(reverse("atlas:project", args=["lille-saint-louis"])).content.decode()
    assert "zanzibarisation" in fiche and "pont Faidherbe" in fiche
    page, rows, _ = public_views(client, "zanzibarisation")
    assert len(rows) == 2 and rows[1][1] == "Lille et Saint-Louis : patrimoine et zanzibarisation"
    assert mail.outbox[-1].to == [setting["member"].email]
    assert "validée" in mail.outbox[-1].subject


def test_new_fiche_is_created_only_on_approval(client, setting, staff_user):
    """Rule: a proposed new fiche creates no Project, no point on the map, until staff approve it."""
    partner_collectivity(name="Abalak", slug="abalak", latitude=15.45, longitude=6.28)
    client.force_login(setting["member"])
    response = client.post(reverse("atlas:propose_project"), proposal_post(
        title="Lille et Abalak : maraîchage solidaire", partner_collectivities="Abalak",
        themes=[], **{"financement-TOTAL_FORMS": "1", "financement-0-source": "meae",
                      "financement-0-amount": "15000", "financement-0-year": "2022",
                      "financement-0-label": "Appel à projets"}))
    assert response.status_code == 302, response.content.decode()
    assert not Project.objects.filter(title__contains="Abalak").exists()
    client.logout()
    page, rows, names = public_views(client, "maraichage")
    assert len(rows) == 1 and "Abalak" not in names

    change = ProjectChangeRequest.objects.get(project=None)
    services.approve_change(change, staff_user)
    project = Project.objects.get(title="Lille et Abalak : maraîchage solidaire")
    assert project.is_published
    assert set(project.participations.values_list("collectivity__slug", "is_lead")) == {
        ("lille", True), ("abalak", False)}
    assert [(f.source, f.amount, f.year) for f in project.funding_lines.all()] == [("meae", 15000, 2022)]
    page, rows, names = public_views(client, "maraichage")
    assert len(rows) == 2 and "Abalak" in names and "Lille et Abalak" in page


def test_rejected_change_stays_invisible_and_author_gets_the_comment(client, setting, staff_user):
    client.force_login(setting["member"])
    client.post(reverse("atlas:propose_change", args=[setting["fiche_a"].pk]),
                proposal_post(title="Titre refusé xylophone", partner_collectivities="Saint-Louis"))
    change = ProjectChangeRequest.objects.get()
    with pytest.raises(ValidationError):
        services.reject_change(change, staff_user, "  ")
    services.reject_change(change, staff_user, "Le titre doit nommer les deux collectivités.")
    change.refresh_from_db()
    assert change.state == "rejected"
    assert Project.objects.get(pk=setting["fiche_a"].pk).title == "Lille et Saint-Louis : patrimoine"
    page, rows, _ = public_views(client, "xylophone")
    assert len(rows) == 1
    assert mail.outbox[-1].to == [setting["member"].email]
    assert "Le titre doit nommer les deux collectivités." in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.approve_change(change, staff_user)  # already reviewed


def test_only_the_fields_the_author_changed_are_applied(setting, staff_user):
    """Staff edits made after the proposal are kept: the proposal's untouched fields don't revert them."""
    fiche = setting["fiche_a"]
    data = moderation.snapshot(fiche)
    data["description"] = "Nouvelle description proposée."
    change = services.propose_change(setting["member"], fiche, data)
    Project.objects.filter(pk=fiche.pk).update(history="Écrit par CUF entre-temps.")
    rows = moderation.diff(change)
    assert [row["field"] for row in rows] == ["description"]
    services.approve_change(change, staff_user)
    fiche.refresh_from_db()
    assert fiche.description == "Nouvelle description proposée."
    assert fiche.history == "Écrit par CUF entre-temps."
    assert fiche.update_source.startswith("Lille")


def test_one_pending_proposal_per_fiche(setting, reference):
    """The author's collectivity replaces its pending proposal; another partner must wait."""
    shared = setting["fiche_a"]
    Participation.objects.create(project=shared, collectivity=setting["b"])
    data = moderation.snapshot(shared)
    first = services.propose_change(setting["member"], shared, {**data, "description": "Version 1"})
    again = services.propose_change(setting["member"], shared, {**data, "description": "Version 2"})
    assert first.pk == again.pk and again.data["description"] == "Version 2"
    with pytest.raises(ValidationError):
        services.propose_change(setting["other"], shared, {**data, "description": "Autre version"})
    with pytest.raises(ValidationError):
        services.propose_change(setting["member"], shared, data)  # nothing changed


# ---- Permissions by URL guessing ----------------------------------------------------------------

def test_another_collectivitys_fiche_is_404_whatever_the_url(client, setting):
    client.force_login(setting["member"])
    other = setting["fiche_b"]
    url = reverse("atlas:propose_change", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, proposal_post(title="Piratage")).status_code == 404
    assert client.get(reverse("atlas:propose_change", args=[999999])).status_code == 404
    change_b = services.propose_change(setting["other"], other, {**moderation.snapshot(other), "history": "B"})
    assert client.get(reverse("atlas:change_request", args=[change_b.pk])).status_code == 404
    assert not ProjectChangeRequest.objects.filter(collectivity=setting["a"]).exists()
    with pytest.raises(PermissionDenied):
        services.propose_change(setting["member"], other, {**moderation.snapshot(other), "history": "A"})


def test_accounts_without_collectivity_cannot_propose(client, setting):
    assert client.get(reverse("atlas:my_projects")).status_code == 302  # anonymous: login
    client.force_login(UserFactory())
    assert client.get(reverse("atlas:my_projects")).status_code == 403
    assert client.get(reverse("atlas:propose_project")).status_code == 404
    assert client.get(reverse("atlas:propose_change", args=[setting["fiche_a"].pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.propose_project(UserFactory(), {"title": "X"})


def test_proposal_form_reports_errors_in_french(client, setting):
    client.force_login(setting["member"])
    response = client.post(reverse("atlas:propose_project"), proposal_post(
        title="", start_year="2022", end_year="2020", partner_collectivities="Atlantide"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Atlantide" in content and "ne figure pas" in content
    assert "Ce champ est obligatoire" in content
    assert not ProjectChangeRequest.objects.exists()


def test_my_projects_lists_fiches_and_proposals_in_constant_queries(client, setting, django_assert_max_num_queries):
    client.force_login(setting["member"])
    for n in range(8):
        project_of(setting["a"], setting["partner"], title=f"Fiche supplémentaire {n}")
    services.propose_change(setting["member"], setting["fiche_a"],
                            {**moderation.snapshot(setting["fiche_a"]), "history": "Nouvel historique"})
    # 12 for the page, + 7 for the site-wide demo notice on a cold cache
    # (cuf_portal.demo_content): the cache read, the one-query probe, and the DatabaseCache write (count
    # for culling, savepoint, select, insert, release). A constant: the page's own share must not grow.
    with django_assert_max_num_queries(12 + 7):
        response = client.get(reverse("atlas:my_projects"))
    content = response.content.decode()
    assert "Fiche supplémentaire 7" in content and "Modification en attente" in content
    assert "Grabels et Saint-Louis" not in content


def test_account_panel_lists_my_projects_and_searches(client, setting):
    client.force_login(setting["member"])
    client.post(reverse("atlas:saved_searches"), {"name": "Sénégal", "query": "country=senegal"})
    content = client.get(reverse("account")).content.decode()
    assert "Mes projets" in content and "Lille et Saint-Louis : patrimoine" in content
    assert "Mes recherches" in content and "Sénégal" in content


# ---- The moderation queue in the admin ----------------------------------------------------------

def test_admin_review_page_shows_the_diff_and_approves(client, setting, staff_user):
    fiche = setting["fiche_a"]
    data = moderation.snapshot(fiche)
    change = services.propose_change(setting["member"], fiche, {
        **data, "title": "Lille et Saint-Louis : patrimoine et fleuve", "status": "termine",
        "funding_lines": [{"source": "afd", "amount": "12345.5", "year": 2023, "label": ""}]})
    client.force_login(staff_user)
    queue = client.get(reverse("admin:atlas_projectchangerequest_changelist")).content.decode()
    assert "Modification : Lille et Saint-Louis : patrimoine et fleuve" in queue
    url = reverse("admin:atlas_projectchangerequest_change", args=[change.pk])
    content = client.get(url).content.decode()
    for text in ("Intitulé", "Lille et Saint-Louis : patrimoine</td>", "patrimoine et fleuve</td>",
                 "Statut", "En cours", "Terminé", "Financements",
                 "2023 — Agence française de développement (AFD) : 12\u202f345,50 €"):
        assert text in content, text
    assert "Description" not in content  # unchanged fields are not listed
    response = client.post(url, {"decision": "reject", "comment": ""})
    assert response.status_code == 400  # a refusal needs a comment
    response = client.post(url, {"decision": "approve", "comment": "Merci !"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:atlas_projectchangerequest_changelist")
    assert "est validée et publiée" in response.content.decode()
    fiche.refresh_from_db()
    assert fiche.title == "Lille et Saint-Louis : patrimoine et fleuve" and fiche.status == "termine"
    queue = client.get(reverse("admin:atlas_projectchangerequest_changelist")).content.decode()
    assert "patrimoine et fleuve" not in queue  # the queue shows pending proposals


def test_admin_queue_is_for_staff_only(client, setting):
    change = services.propose_project(setting["member"], {"title": "Nouvelle"})
    client.force_login(setting["member"])
    response = client.get(reverse("admin:atlas_projectchangerequest_change", args=[change.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_invalid_proposal_is_refused_at_approval_with_a_message(client, setting, staff_user):
    """A proposal that no longer passes the model's checks is not applied; staff see why."""
    change = services.propose_project(setting["member"], {"title": "Fiche", "start_year": 2020, "end_year": 2010})
    client.force_login(staff_user)
    response = client.post(reverse("admin:atlas_projectchangerequest_change", args=[change.pk]),
                           {"decision": "approve", "comment": ""})
    assert response.status_code == 400
    assert not Project.objects.filter(title="Fiche").exists()
    change.refresh_from_db()
    assert change.state == "submitted"
