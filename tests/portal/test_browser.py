"""Browser journey through the shell: home, keyboard, narrow screen, login."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_home_login_and_account_in_a_real_browser(page, user, login):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Le portail de la coopération décentralisée")
    assert_accessible(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.get_by_role("link", name="Espace collectivité").click()
    page.wait_for_url("**/connexion/**")
    assert_accessible(page)
    login(user)
    expect(page.get_by_role("heading", name="Mon espace")).to_be_visible()
    assert_accessible(page)
    assert page.js_errors == []


def test_pages_are_readable_at_320_pixels(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
