"""Each role's home page, as each demo account sees it."""

import pytest

from conftest import check_accessibility, sign_in
from playwright.sync_api import expect

HOME_SECTIONS = {
    "link_worker": "Due today or overdue",
    "referrer": "Your referrals",
    "provider": "Referrals to your services",
    "manager": "Your team",
    "admin": "Recent activity",
}


@pytest.mark.parametrize("role", list(HOME_SECTIONS))
def test_each_role_lands_on_its_home_page(page, role):
    sign_in(page, role)
    expect(page).to_have_url(page.context.pages[0].url)  # no redirect away from home
    expect(page.get_by_role("heading", name=HOME_SECTIONS[role])).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check_accessibility(page, f"home-{role}")


def test_pages_fit_a_narrow_screen(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 740})
    page = context.new_page()
    sign_in(page, "admin")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the admin home page scrolls sideways on a phone ({width}px wide)"
    check_accessibility(page, "home-admin-narrow")
    context.close()
