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
    # Someone active: their first conversation recorded what matters.
    row = page.locator("tr", has=page.get_by_text("Active", exact=True)).first
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Connections")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Suggest services for ")).click()

    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Suggestions for "))).to_be_visible()
    cards = page.locator("ol.suggestions > li")
    expect(cards.first).to_be_visible()
    assert 1 <= cards.count() <= 10
    first = cards.first.locator("p strong").inner_text()
    # "<needs> · <kind> · <distance> · <day and time> · <cost>"
    assert re.search(r" · \d+(\.\d)? (m|km) · ", first), first
    assert re.search(r"(Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays) \d\d:\d\d", first), first
    check_accessibility(page, "suggestions")
