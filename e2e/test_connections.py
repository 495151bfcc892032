"""Connecting a person to a community service and closing the loop, in a real browser.

A link worker finds a service of Riverside Community Action in the directory
for someone on their caseload and sends a formal referral, sharing only their
name and contact details. The provider signs in, sees the referral with just
what was shared, and accepts it. The link worker is told, and sees it accepted.
"""

from __future__ import annotations

import re

from conftest import check_accessibility, sign_in
from playwright.sync_api import Browser, Page, expect


def new_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    return context.new_page()


def test_connect_accept_and_see_it_accepted(page: Page, browser: Browser, server: str):
    # Which services the provider keeps (its home page lists them).
    provider = new_page(browser, server)
    sign_in(provider, "provider")
    service = provider.locator("#services-heading ~ table tbody tr").first.get_by_role("link").inner_text()
    assert service

    # The link worker finds it for someone on the caseload.
    sign_in(page, "link_worker")
    rows = page.locator("tr", has=page.get_by_text("Active", exact=True))
    page.goto(rows.first.get_by_role("link").first.get_attribute("href"))
    name = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Find a service in the directory").click()
    expect(page.get_by_text(re.compile(r"Finding a service for"))).to_be_visible()
    page.get_by_label("What are you looking for?").fill(service)
    page.get_by_role("button", name="Search").click()
    result = page.locator("ol.directory-results > li", has=page.get_by_role("link", name=service, exact=True)).first
    result.get_by_role("link", name=re.compile(r"^Connect ")).click()
    expect(page.get_by_role("heading", level=1, name=service)).to_be_visible()
    check_accessibility(page, "connect-form")

    # Sharing without saying they agreed comes back with the message beside the box.
    page.get_by_label("Formal referral").check()
    page.get_by_role("button", name="Connect now").click()
    expect(page.locator("#consent-error")).to_contain_text("Confirm they have agreed")
    check_accessibility(page, "connect-form-errors")
    page.get_by_label(re.compile(r"has agreed to share the items ticked")).check()
    page.get_by_label("A note for the provider (optional)").fill("Nervous about the first time; please meet them at the door.")
    page.get_by_role("button", name="Connect now").click()
    expect(page.get_by_text("Connected. It is followed below")).to_be_visible()
    connection = page.locator("li.connection", has=page.get_by_role("link", name=service)).first
    expect(connection).to_contain_text("Referred")
    connection_id = connection.get_attribute("id").removeprefix("connection-")
    check_accessibility(page, "person-with-connection")

    # The provider sees it, with only what was shared, and accepts.
    provider.goto("/")
    provider.locator(f'a[href="/provider/connections/{connection_id}"]').click()
    expect(provider.get_by_role("heading", level=1)).to_contain_text(name.split(" ")[0])
    expect(provider.get_by_text("Nervous about the first time")).to_be_visible()
    expect(provider.get_by_text("Date of birth")).to_have_count(0)
    check_accessibility(provider, "provider-referral")
    provider.get_by_role("button", name="Accept").click()
    expect(provider.get_by_text("Thank you: the link worker has been told.")).to_be_visible()
    expect(provider.locator(".tag", has_text="Accepted")).to_be_visible()

    # The link worker is told, and sees it accepted.
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"new notice")).click()
    expect(page.get_by_text(re.compile(rf"accepted the referral to {re.escape(service)}"))).to_be_visible()
    check_accessibility(page, "notices")
    page.get_by_role("link", name=re.compile(rf"accepted the referral to {re.escape(service)}")).first.click()
    accepted = page.locator(f"#connection-{connection_id}")
    expect(accepted).to_contain_text("Accepted")
    provider.context.close()


def test_referrer_sees_where_referrals_stand(page: Page):
    sign_in(page, "referrer")
    expect(page.get_by_role("heading", name="Your referrals")).to_be_visible()
    table = page.locator("#referrals-heading ~ table")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() > 0
    expect(table.get_by_text("Discharged").first).to_be_visible()
    check_accessibility(page, "referrer-home")
