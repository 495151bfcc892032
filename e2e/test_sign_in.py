"""Signing in and out in a real browser."""

import re

from conftest import check_accessibility, sign_in
from playwright.sync_api import expect


def test_sign_in_page_is_accessible(page):
    page.goto("/sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Linkwell")
    expect(page.locator(".demo-banner")).to_contain_text("Everyone and everything here is made up")
    check_accessibility(page, "sign-in")


def test_wrong_password_shows_one_clear_message(page):
    sign_in(page, "link_worker", password="not the right password")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("The email address or password is not right")
    expect(page.get_by_label("Email address")).to_have_value("link.worker@riverside.example")
    expect(page.get_by_label("Password")).to_have_value("")
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    # The summary's link takes the person to the field.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Email address")).to_be_focused()
    check_accessibility(page, "sign-in-error")


def test_skip_link_is_first_and_reaches_the_content(page):
    page.goto("/sign-in")
    check_accessibility(page, "sign-in", screenshot=False)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_sign_out_ends_the_session(page):
    sign_in(page, "referrer")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Helen")
    check_accessibility(page, "home-referrer", screenshot=False)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    check_accessibility(page, "signed-out")
    page.goto("/")
    expect(page).to_have_url(re.compile("/sign-in"))
    check_accessibility(page, "sign-in-after-sign-out", screenshot=False)


def test_works_without_javascript(browser, server):
    # axe-core needs script to run, so this flow's pages are checked by the
    # tests above, which visit the same pages with script on.
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "manager")
    expect(page.get_by_role("heading", name="Your team")).to_be_visible()
    expect(page.get_by_role("cell", name="Priya Sharma")).to_be_visible()
    context.close()


def test_demo_prints_one_account_per_role(server):
    from conftest import ARTEFACTS, DEMO_ACCOUNTS, DEMO_PASSWORD

    log = (ARTEFACTS / "e2e-server.log").read_text()
    assert "Linkwell demo is running at http://127.0.0.1:" in log
    assert f"The password for all of them is: {DEMO_PASSWORD}" in log
    for role_label, email in zip(
        ["Link worker", "Referrer", "Community provider", "Manager", "Administrator"], DEMO_ACCOUNTS.values()
    ):
        assert re.search(rf"{role_label}\s+{re.escape(email)}", log), f"{role_label} account not printed"
