"""Caseload capacity in a real browser: the manager's team view and a
worker's hours, the team settings, and a link worker's own load.

The manager opens Capacity, sees each demo link worker's load against their
capacity and the waiting list, mistypes a worker's hours and sees the message
beside the field, then saves them; adds a support option in Team settings.
The link worker sees their own load and each person's complexity on the
caseload, and the support option on their wellbeing page. Every page passes axe.
"""

from __future__ import annotations

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect


def test_team_capacity_hours_and_settings(page: Page, browser, server):
    sign_in(page, "manager")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Capacity").click()
    expect(page.get_by_role("heading", level=1, name="Team capacity")).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting list")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Weighted load")).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text(" of 60")
    check_accessibility(page, "team-capacity")

    table.locator("tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hours")
    page.get_by_label("Hours a week").fill("none")
    page.get_by_role("button", name="Save hours").click()
    expect(page.locator("#hoursPerWeek-error")).to_contain_text("Enter hours a week from 1 to 60")
    check_accessibility(page, "team-hours-error")
    page.get_by_label("Hours a week").fill("18.75")
    page.get_by_role("button", name="Save hours").click()
    expect(page.get_by_text("Hours saved.")).to_be_visible()
    expect(page.get_by_text("18.8 hours a week").or_(page.get_by_text("18.75 hours a week"))).to_have_count(1)
    expect(page.get_by_role("table").locator("tbody tr", has_text="18.8 hours a week")).to_contain_text(" of 30")

    page.get_by_role("link", name="Team settings").click()
    expect(page.get_by_role("heading", level=1, name="Team settings")).to_be_visible()
    page.get_by_label("Support options for link workers").fill("Employee assistance: 0800 000 0000\nPeer support group, Thursdays")
    check_accessibility(page, "team-settings")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Team settings saved.")).to_be_visible()

    worker = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(worker, "link_worker")
    load = worker.get_by_role("region", name="Your load")
    expect(load).to_contain_text("Weighted load:")
    expect(worker.get_by_text("Complexity:").first).to_be_visible()
    check_accessibility(worker, "caseload-with-load")
    worker.goto("/wellbeing")
    expect(worker.get_by_role("region", name="Support you can turn to")).to_contain_text("Peer support group, Thursdays")
    check_accessibility(worker, "wellbeing-support")
    worker.context.close()
