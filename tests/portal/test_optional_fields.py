"""Optional fields marked consistently (issue 13): every form renders its fields through one include
(templates/includes/field.html), which marks a field that may be left empty « (facultatif) », in French and
English, and nothing else: no required field, no single checkbox, no field of a search or filter form.

The check reads each page's own forms from its context and the label (or legend) the page shows for each
visible field, so that a form rendered by hand, or a label that writes « (facultatif) » itself, fails here.
"""

import lxml.html
import pytest
from django import forms
from django.urls import reverse

from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

MARK = {"fr": "(facultatif)", "en": "(optional)"}


def _page_forms(response):
    """Every bound field of the forms and formsets the view handed to its template."""
    seen, fields = set(), []
    for context in response.context:
        for value in context.flatten().values():
            candidates = value.forms if isinstance(value, forms.BaseFormSet) else [value]
            for form in candidates:
                if isinstance(form, forms.BaseForm) and id(form) not in seen:
                    seen.add(id(form))
                    fields += [field for field in form if not field.is_hidden]
    return fields


def _label_text(document, field):
    """The text of the label (or the legend, for a group of choices) the page shows for `field`."""
    if field.use_fieldset and not isinstance(field.field.widget, forms.CheckboxInput):
        legends = document.xpath(f'//fieldset[.//*[@id="{field.auto_id}_0"] or .//*[@id="{field.auto_id}"]]/legend')
        return legends[-1].text_content() if legends else None  # the innermost fieldset
    labels = document.xpath(f'//label[@for="{field.id_for_label}"][not(ancestor::*[@aria-hidden="true"])]')
    return labels[0].text_content() if labels else None


def expected_marks(response, lang="fr"):
    """[(field name, label shown, should carry the mark)] of every rendered field of the page."""
    document = lxml.html.fromstring(response.content.decode())
    rows = []
    for field in _page_forms(response):
        text = _label_text(document, field)
        if text is None:  # a form of the context that the page does not render, or a honeypot hidden from people
            continue
        single_checkbox = isinstance(field.field.widget, forms.CheckboxInput)
        rows.append((field.name, " ".join(text.split()), not field.field.required and not single_checkbox))
    return rows


def assert_marked_consistently(response, lang="fr", *, search=False):
    assert response.status_code == 200
    rows = expected_marks(response, lang)
    assert rows, "no form field found on the page"
    wrong = [(name, text) for name, text, optional in rows
             if text.count(MARK[lang]) != (1 if optional and not search else 0)]
    assert wrong == [], f"labels not marked consistently: {wrong}"
    return rows


@pytest.fixture
def member(reference):
    from atlas.models import Country

    return CollectivityMemberFactory(collectivity=CollectivityFactory(
        name="Ville de Rennes", country=Country.objects.get(iso2="FR"), is_cuf_member=True))


def test_project_proposal_marks_every_optional_field_and_only_those(client, member):
    """The proposal form used its own field template, which marked only the Bourse message."""
    client.force_login(member.user)
    rows = assert_marked_consistently(client.get(reverse("atlas:propose_project")))
    marked = {name for name, _, optional in rows if optional}
    assert {"end_year", "convention_date", "partner_collectivities", "objectives", "themes", "sdgs",
            "dac_code", "label", "city", "role"} <= marked
    assert {"title", "kind", "status"}.isdisjoint(marked)
    assert "DELETE" not in marked  # « Supprimer » is a single checkbox: no mark


def test_registration_form_marks_civility_and_accessibility_needs_in_french_and_english(client):
    from tests.events.factories import EditionFactory

    edition = EditionFactory()
    rows = assert_marked_consistently(client.get(reverse("events:register", args=[edition.slug])))
    assert {name for name, _, optional in rows if optional} == {"civility", "accessibility_needs"}
    english = client.get("/en" + reverse("events:register", args=[edition.slug]))
    assert_marked_consistently(english, "en")


def test_e_apd_declaration_and_pledge_forms(client, member):
    from tests.fonds.factories import CampaignFactory, FundFactory

    CampaignFactory()
    client.force_login(member.user)
    declaration_url = client.post(reverse("fonds:declaration_start")).url
    assert_marked_consistently(client.get(declaration_url))
    assert_marked_consistently(client.get(reverse("fonds:pledge", args=[FundFactory().slug])))


def test_bourse_interest_and_group_join_forms(client, member):
    from tests.atlas.account_factories import BourseRequestFactory
    from tests.groupes_pays.factories import GroupFactory

    client.force_login(member.user)
    bourse = assert_marked_consistently(client.get(reverse("atlas:bourse_request",
                                                           args=[BourseRequestFactory().slug])))
    assert ("message", "Message pour CUF (facultatif)", True) in bourse
    group = assert_marked_consistently(client.get(reverse("groupes_pays:group", args=[GroupFactory().slug])))
    assert ("message", "Message à l'équipe de CUF (facultatif)", True) in group


def test_staff_forms_and_account_forms(client, reference):
    from tests.events.factories import EditionFactory, SessionFactory

    session = SessionFactory(edition=EditionFactory())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert_marked_consistently(client.get(reverse("events:session_message",
                                                  args=[session.edition.slug, session.number])))
    client.logout()
    assert_marked_consistently(client.get(reverse("login")))


@pytest.mark.parametrize("url", ["/atlas/", "/atlas/bourse/", "/groupes/", "/groupes/agenda/"])
def test_search_and_filter_forms_mark_nothing(client, reference, url):
    """Every field of a search form is optional: marking them all would say nothing."""
    from django.core.cache import cache

    # Rendered afresh: a search served from the cache (an earlier test's, in a shared Redis) hands its
    # template the form's HTML, not the form whose fields this test reads.
    cache.clear()
    assert_marked_consistently(client.get(url), search=True)
