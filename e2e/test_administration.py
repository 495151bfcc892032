"""An administrator's work: organisations, practices, users, the audit log."""

import re
import uuid

from conftest import DEMO_PASSWORD, check_accessibility, sign_in
from playwright.sync_api import expect


def test_organisations_and_practices(page):
    sign_in(page, "admin")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    check_accessibility(page, "admin-organisations")

    page.get_by_role("link", name="Add an organisation").click()
    check_accessibility(page, "admin-organisation-new")
    # Submitting with mistakes brings the form back with the messages beside the fields.
    page.get_by_label("Primary Care Network").check()
    page.get_by_label("ODS code (optional)").fill("X1")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the organisation's name")
    expect(page.locator("#odsCode-error")).to_contain_text("U followed by 5 numbers")
    check_accessibility(page, "admin-organisation-errors")

    suffix = uuid.uuid4().hex[:5]
    page.get_by_label("Name").fill(f"Vale Community Trust {suffix}")
    page.get_by_label("Voluntary, community or social enterprise").check()
    page.get_by_label("ODS code (optional)").fill("")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_role("status")).to_contain_text("Organisation added.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vale Community Trust {suffix}")
    check_accessibility(page, "admin-organisation")

    page.get_by_role("link", name="Add a GP practice").click()
    page.get_by_label("Name of the practice").fill("Vale Surgery")
    page.get_by_label("ODS code").fill("V" + str(uuid.uuid4().int)[:5])
    check_accessibility(page, "admin-practice-new")
    page.get_by_role("button", name="Add practice").click()
    expect(page.get_by_role("status")).to_contain_text("Practice added.")
    expect(page.get_by_role("cell", name="Vale Surgery", exact=True)).to_be_visible()
    check_accessibility(page, "admin-organisation-with-practice")

    page.get_by_role("link", name="Change Vale Surgery").click()
    check_accessibility(page, "admin-practice-edit")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name=re.compile("Change the organisation")).click()
    expect(page.get_by_label("Voluntary, community or social enterprise")).to_be_checked()
    check_accessibility(page, "admin-organisation-edit")


def test_a_new_user_signs_in_with_a_one_time_password(page, browser, server):
    sign_in(page, "admin")
    page.goto("/admin/organisations")
    page.get_by_role("link", name="Riverside Community Action").click()
    check_accessibility(page, "admin-organisation-charity", screenshot=False)
    page.get_by_role("link", name="Add a user").click()
    check_accessibility(page, "admin-user-new")
    email = f"volunteer.{uuid.uuid4().hex[:6]}@riverside.example"
    page.get_by_label("Full name").fill("Jamie Fox")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Community provider").check()
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account created")
    password = page.locator(".one-time-password code").inner_text()
    check_accessibility(page, "admin-issued-password")

    page.get_by_role("link", name=re.compile("Back to Jamie Fox")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jamie Fox")
    check_accessibility(page, "admin-user")
    page.get_by_role("link", name=re.compile("Change name, email, role or practice")).click()
    expect(page.get_by_label("Community provider")).to_be_checked()
    check_accessibility(page, "admin-user-edit")
    page.get_by_role("link", name="Cancel").click()

    newcomer_context = browser.new_context(base_url=server)
    newcomer = newcomer_context.new_page()
    newcomer.goto("/sign-in")
    newcomer.get_by_label("Email address").fill(email)
    newcomer.get_by_label("Password").fill(password)
    newcomer.get_by_role("button", name="Sign in").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    check_accessibility(newcomer, "account-choose-password")
    newcomer.get_by_label("Temporary password").fill(password)
    newcomer.get_by_label("New password", exact=True).fill("maple kettle sunrise")
    newcomer.get_by_label("New password again").fill("maple kettle sunrise")
    newcomer.get_by_role("button", name="Save and continue").click()
    expect(newcomer.get_by_role("status")).to_contain_text("Your password has been changed.")
    expect(newcomer.get_by_role("heading", name="Referrals to your services")).to_be_visible()
    check_accessibility(newcomer, "home-new-provider", screenshot=False)
    newcomer_context.close()

    # Deactivating the account stops the newcomer signing in.
    page.get_by_role("button", name="Deactivate account").click()
    expect(page.get_by_role("status")).to_contain_text("User deactivated.")
    check_accessibility(page, "admin-user-deactivated")


def test_audit_log(page):
    sign_in(page, "admin")
    check_accessibility(page, "home-admin", screenshot=False)
    page.goto("/admin/audit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    check_accessibility(page, "admin-audit-unchecked", screenshot=False)
    expect(page.get_by_role("cell", name="Chris Walker <admin@riverside.example>").first).to_be_visible()
    page.get_by_role("button", name="Check the log has not been tampered with").click()
    expect(page.get_by_role("status")).to_contain_text("The audit log is intact")
    check_accessibility(page, "admin-audit")


def test_not_found_and_forbidden_pages(page):
    sign_in(page, "link_worker")
    check_accessibility(page, "home-link_worker", screenshot=False)
    page.goto("/admin/organisations")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    check_accessibility(page, "forbidden")
    page.goto("/no-such-page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_accessibility(page, "not-found")


def test_change_password_page(page):
    sign_in(page, "manager")
    check_accessibility(page, "home-manager", screenshot=False)
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    check_accessibility(page, "account-password")
    page.get_by_label("Current password").fill(DEMO_PASSWORD)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password again").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#newPassword-error")).to_contain_text("at least 12 characters")
    check_accessibility(page, "account-password-errors")
