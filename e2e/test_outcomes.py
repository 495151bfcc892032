"""Outcome measures in a real browser: a baseline and a follow-up, and the change.

A link worker records a loneliness measure (UCLA-3) for someone on their
caseload, then a follow-up, and sees the scores over time as a chart with
the numbers beside it and the change from the first measure. The chart page
passes axe; the hand-over view shows one question and nothing else.
"""

from __future__ import annotations

import re

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect


def answer(page: Page, answers: list[str], occasion: str) -> None:
    page.get_by_label(occasion, exact=True).check()
    for number, label in enumerate(answers):
        page.locator("fieldset", has_text=re.compile(rf"^\s*{number + 1}\. ")).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("Outcome measure recorded.")).to_be_visible()


def test_baseline_follow_up_and_the_change(page: Page):
    sign_in(page, "link_worker")
    rows = page.locator("tr", has=page.get_by_text("Active", exact=True))
    page.goto(rows.first.get_by_role("link").first.get_attribute("href"))
    page.get_by_role("link", name="Record an outcome measure").click()
    check_accessibility(page, "outcome-choose")
    page.get_by_role("link", name="UCLA three-item loneliness scale").click()
    check_accessibility(page, "outcome-form")

    # A mistake (nothing answered) comes back with the message beside the first question.
    page.get_by_role("button", name="Save the answers").click()
    expect(page.locator("#item-companionship-error")).to_contain_text("Answer at least one question")
    check_accessibility(page, "outcome-form-errors")

    answer(page, ["Often", "Often", "Often"], "Follow-up")
    page.get_by_role("link", name="Record an outcome measure").click()
    page.get_by_role("link", name="UCLA three-item loneliness scale").click()
    answer(page, ["Hardly ever", "Some of the time", "Hardly ever"], "Follow-up")

    section = page.locator("#outcome-ucla-3")
    expect(section.locator("svg.outcome-chart")).to_be_visible()
    expect(section).to_contain_text(re.compile(r"Down \d+ since the first measure \(\d+ → 4\): better"))
    expect(section.locator("table tbody tr").last).to_contain_text("4")
    section.scroll_into_view_if_needed()
    check_accessibility(page, "outcome-chart")


def test_hand_over_shows_one_question_and_nothing_else(page: Page):
    sign_in(page, "link_worker")
    rows = page.locator("tr", has=page.get_by_text("Active", exact=True))
    page.goto(rows.nth(1).get_by_role("link").first.get_attribute("href"))
    name = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Record an outcome measure").click()
    page.get_by_role("link", name="ONS direct loneliness question").click()
    page.get_by_role("button", name=re.compile(r"^Hand the device to ")).click()
    expect(page.get_by_role("heading", name="A few questions for you")).to_be_visible()
    assert name.split(" ")[0] not in page.content()
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("link")).to_have_count(1)  # the skip link only
    check_accessibility(page, "hand-over-start")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("legend")).to_have_text("How often do you feel lonely?")
    check_accessibility(page, "hand-over-question")
    page.get_by_label("Occasionally", exact=True).check()
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("Please hand the device back.")).to_be_visible()
    # The hand-back ended the session: the link worker signs in again to see the record.
    record = page.url.split("/outcomes")[0]
    page.goto(record)
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    sign_in(page, "link_worker")
    page.goto(record)
    expect(page.locator("#outcome-ons-loneliness")).to_contain_text("Occasionally")


def test_instruments_page_lists_what_needs_licensed_wording(page: Page):
    sign_in(page, "admin")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Instruments").click()
    expect(page.get_by_role("heading", level=1, name="Outcome instruments")).to_be_visible()
    row = page.locator("tr", has_text="SWEMWBS")
    expect(row).to_contain_text("Needs licensed wording")
    check_accessibility(page, "admin-instruments")
    # A definition that is not JSON comes back beside the field, naming what is wrong.
    page.get_by_label("Definition (JSON)").fill("{ not json")
    page.get_by_role("button", name="Save the definition").click()
    expect(page.locator("#definition-error")).to_contain_text("the definition: is not valid JSON")
    check_accessibility(page, "admin-instruments-errors")
