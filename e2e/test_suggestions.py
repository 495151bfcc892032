"""Suggesting community services for a person, in a real browser.

A link worker opens someone on their caseload who has had a first
conversation (so what matters is recorded), asks for suggestions, and gets
services from the demo directory near where the person lives, best first,
each with its reasons in plain words.
"""

from __future__ import annotations

import re

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect


def test_suggestions_for_someone_on_the_caseload(page: Page):
    sign_in(page, "link_worker")
    # Someone active: their first conversation recorded what matters. Which of
    # them has something within reach depends on where the demo placed them
    # (and the demo is dated from today), so take the first who does; someone
    # with nothing near is told so instead.
    rows = page.locator("tr", has=page.get_by_text("Active", exact=True))
    people = [rows.nth(i).get_by_role("link").first.get_attribute("href") for i in range(min(rows.count(), 8))]
    assert people, "the demo caseload has active people"
    cards = page.locator("ol.suggestions > li")
    for person in people:
        page.goto(person)
        expect(page.get_by_role("heading", name="Connections")).to_be_visible()
        page.get_by_role("link", name=re.compile(r"^Suggest services for ")).click()
        expect(page.get_by_role("heading", level=1, name=re.compile(r"^Suggestions for "))).to_be_visible()
        if cards.count() > 0:
            break
    expect(cards.first).to_be_visible()
    assert 1 <= cards.count() <= 10
    first = cards.first.locator("p strong").inner_text()
    # "<needs> · <kind> · <distance> · <day and time> · <cost>"
    assert re.search(r" · \d+(\.\d)? (m|km) · ", first), first
    assert re.search(r"(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays) \d\d:\d\d", first), first
    check_accessibility(page, "suggestions")


def test_directory_search(page: Page):
    sign_in(page, "link_worker")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Directory").click()
    expect(page.get_by_role("heading", level=1, name="Community directory")).to_be_visible()
    check_accessibility(page, "directory")
    page.get_by_label("What are you looking for?").fill("walking group")
    page.get_by_label("Day").select_option(label="Tuesday")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ services? found$"))).to_be_visible()
    first = page.locator("ol.directory-results > li").first
    assert "Tuesdays" in first.inner_text()
    check_accessibility(page, "directory-results")

    # A postcode that cannot be used comes back beside the field.
    page.get_by_label("Near postcode").fill("nowhere")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#postcode-error")).to_be_visible()
    check_accessibility(page, "directory-errors")

    page.goto("/directory?q=walking+group")
    page.locator("ol.directory-results > li h3 a").first.click()
    expect(page.get_by_role("link", name="Back to the directory")).to_be_visible()
    check_accessibility(page, "directory-service")
