"""An English-speaking delegate's journey in Chromium, from the home page to the badge, with axe."""

import re

import pytest
from django.core import mail

from tests.conftest import assert_accessible
from tests.factories import CountryFactory, FranceFactory

from .factories import EditionFactory, SessionFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_english_delegate_goes_from_the_home_page_to_the_badge(page):
    FranceFactory()
    CountryFactory()  # Senegal, named « Sénégal » in French
    edition = EditionFactory(title="Rencontres de démonstration", title_en="Demonstration meetings")
    SessionFactory(edition=edition, title="Atelier ODD", title_en="SDG workshop", room="Salle 1", capacity=5)

    page.goto("/")
    page.get_by_role("link", name="English", exact=True).focus()
    page.keyboard.press("Enter")  # the language switch works from the keyboard
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Rencontres").click()
    page.get_by_role("heading", name="Demonstration meetings").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Programme", exact=True).first.click()
    page.get_by_role("heading", name="14:30–16:00").wait_for()
    assert "14h30" not in page.content()
    assert_accessible(page)

    page.goto(f"/en/rencontres/{edition.slug}/")
    page.get_by_role("link", name="Register", exact=True).click()
    page.wait_for_url(f"**/en/rencontres/{edition.slug}/inscription/")
    assert_accessible(page)
    page.get_by_label("First name").fill("Aminata")
    page.get_by_label("Last name").fill("Diop")
    page.get_by_label("E-mail address").fill("aminata.diop@example.test")
    page.get_by_label("Organisation or local authority").fill("City of Dakar")
    page.get_by_label("Position").fill("Deputy mayor")
    page.get_by_label("Category").select_option(label="Foreign local authority")
    page.get_by_label("Country").select_option(label="Senegal")
    page.get_by_label("I agree that Cités Unies France").check()
    page.get_by_role("button", name="Register").click()
    page.get_by_role("heading", name="Check your mailbox").wait_for()
    assert_accessible(page)

    [message] = mail.outbox
    assert message.subject == "Confirm your registration — Demonstration meetings"
    link = next(line for line in message.body.splitlines() if "/en/rencontres/inscription/" in line)
    page.goto(link[link.index("/en/"):])
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my address").click()
    page.get_by_text("Your address is confirmed").wait_for()
    page.get_by_label(re.compile("SDG workshop")).check()
    page.get_by_role("button", name="Save my choice").click()
    page.get_by_text("Seat confirmed").wait_for()
    assert "Salle 1" in page.content() and "Room Salle" not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="My confirmation and badge").click()
    page.locator(".badge-qr svg").wait_for()
    badge = page.locator(".badge-card").inner_text()
    assert "Aminata Diop" in badge and "Senegal" in badge and "Demonstration meetings" in badge
    assert_accessible(page)
    assert not page.js_errors
