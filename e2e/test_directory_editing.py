"""Keeping the directory right, in a real browser.

The demo's community provider (Riverside Community Action) keeps some
Riverside entries up to date. Its user finds them on their home page, fixes
one (a mistake first, answered beside the field), sees the change in the
entry's history, and confirms another that was last checked over a year ago.
A link worker sees the same entry without any of the editing.
"""

from __future__ import annotations

import re

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect


def test_provider_keeps_its_entries_right(page: Page):
    sign_in(page, "provider")
    section = page.locator("section", has=page.get_by_role("heading", name="Your services in the directory"))
    expect(section).to_be_visible()
    expect(section.get_by_text("Check now").first).to_be_visible()
    check_accessibility(page, "provider-home-services")

    # An entry due for checking: confirm it is still right.
    due = section.locator("tr", has=page.get_by_text("Check now")).first
    name = due.get_by_role("link").inner_text()
    due.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    expect(page.get_by_text("possibly out of date")).to_be_visible()
    page.get_by_role("button", name="Confirm it is still correct").click()
    expect(page.get_by_text("marked as checked today")).to_be_visible()
    expect(page.get_by_text("possibly out of date")).to_have_count(0)
    expect(page.get_by_text("Checked: still correct")).to_be_visible()

    # Edit it: a session line that cannot be read comes back beside the field.
    page.get_by_role("link", name="Edit this entry").click()
    expect(page.get_by_role("heading", level=1, name=f"Edit {name}")).to_be_visible()
    check_accessibility(page, "directory-entry-form")
    page.get_by_label("Notice (optional)").fill("No session on 24 December")
    page.get_by_label("When it runs").fill("Tuesday 10:00-12:00\nevery other Friday")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#sessions-error")).to_contain_text("Line 2")
    expect(page.get_by_label("Notice (optional)")).to_have_value("No session on 24 December")
    check_accessibility(page, "directory-entry-form-errors")
    page.get_by_label("When it runs").fill("Tuesday 10:00-12:00\nFriday 14:00-15:30")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_text("Changes saved")).to_be_visible()
    expect(page.get_by_text("No session on 24 December").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Changed notice, sessions"))).to_be_visible()
    check_accessibility(page, "directory-entry-history")
    entry_url = page.url

    # A link worker reads the same entry, without the editing.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "link_worker")
    page.goto(entry_url)
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    expect(page.get_by_text("Fridays 14:00").or_(page.get_by_text("Friday 14:00-15:30"))).to_be_visible()
    expect(page.get_by_role("link", name="Edit this entry")).to_have_count(0)
