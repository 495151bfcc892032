"""A link worker's confidential wellbeing check-in, and the manager's view, in a real browser.

The worker answers a few questions (leaving out what they like), saves, and
sees their own scores. The manager's view shows only averages over at least
five people; the demo team is smaller, so it says there are not enough
responses. Both pages pass axe.
"""

from __future__ import annotations

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect


def test_check_in_and_the_managers_view(page: Page, browser, server):
    sign_in(page, "link_worker")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Wellbeing").click()
    expect(page.get_by_role("heading", level=1, name="Your wellbeing")).to_be_visible()
    expect(page.get_by_text("This is yours alone.")).to_be_visible()
    check_accessibility(page, "wellbeing-form")
    page.locator("fieldset", has_text="How often do you feel tired?").get_by_label("Often", exact=True).check()
    page.locator("fieldset", has_text="How often are you physically exhausted?").get_by_label("Sometimes", exact=True).check()
    page.locator("fieldset", has_text="How often are you emotionally exhausted?").get_by_label("Often", exact=True).check()
    page.locator("fieldset", has_text="I often think about leaving").get_by_label("Disagree", exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Check-in saved. Only you can see it.")).to_be_visible()
    row = page.locator("table tbody tr").first
    expect(row).to_contain_text("66.7")  # (75 + 50 + 75) / 3
    expect(row).to_contain_text("Disagree")
    check_accessibility(page, "wellbeing-mine")

    manager = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(manager, "manager")
    manager.goto("/team/wellbeing")
    expect(manager.get_by_role("heading", level=1, name="Team wellbeing")).to_be_visible()
    expect(manager.get_by_text("Not enough responses").first).to_be_visible()
    assert "66.7" not in manager.content()
    check_accessibility(manager, "team-wellbeing")
    manager.context.close()


def test_supervision_page(page: Page):
    sign_in(page, "link_worker")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Supervision").click()
    expect(page.get_by_role("heading", level=1, name="Supervision")).to_be_visible()
    page.get_by_role("button", name="Save the session").click()
    expect(page.locator("#kind-error")).to_contain_text("Choose the kind of supervision")
    check_accessibility(page, "supervision-errors")
    page.get_by_label("Clinical or professional").check()
    page.get_by_label("Supervisor (a colleague on Linkwell)").select_option(label="Rachel Owen")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Length in minutes").fill("60")
    page.get_by_label("Reflective note (private)").fill("Talked through a hard week.")
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_text("Supervision session saved.")).to_be_visible()
    expect(page.get_by_text("Talked through a hard week.")).to_be_visible()
    check_accessibility(page, "supervision")


def test_metrics_are_apart_and_say_nothing_of_wellbeing(page: Page, server, metrics_url):
    """/metrics is served on its own loopback listener, not beside the pages,
    and counts no request to the wellbeing or supervision pages."""
    import urllib.error
    import urllib.request

    sign_in(page, "link_worker")
    page.goto("/wellbeing")
    page.goto("/supervision")
    with urllib.request.urlopen(metrics_url, timeout=5) as response:
        assert response.status == 200
        text = response.read().decode()
    assert "hb_requests" in text and 'http_route="/sign-in"' in text
    assert "wellbeing" not in text and "supervision" not in text
    try:
        urllib.request.urlopen(f"{server}/metrics", timeout=5)
        raise AssertionError("/metrics answered beside the pages")
    except urllib.error.HTTPError as error:
        assert error.code == 404
