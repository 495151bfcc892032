"""Training in a real browser: the manager requires a training, a link
worker records the course with a certificate file and adds a training need,
and the manager sees who is covered and the team's needs added up. Every
page passes axe.
"""

from __future__ import annotations

import datetime

from conftest import check_accessibility, sign_in
from playwright.sync_api import Page, expect

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_required_training_record_and_coverage(page: Page, browser, server):
    sign_in(page, "manager")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", level=1, name="Team training")).to_be_visible()
    page.get_by_label("Training to require").fill("Lone working and personal safety")
    page.get_by_label("Renewed every (months, optional)").fill("24")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Required training added.")).to_be_visible()
    expect(page.get_by_role("region", name="Required trainings, by link worker")).to_contain_text("Not done")

    worker = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(worker, "link_worker")
    worker.get_by_role("navigation", name="Main sections").get_by_role("link", name="Training").click()
    expect(worker.get_by_role("heading", level=1, name="Training")).to_be_visible()
    worker.get_by_role("button", name="Save the course").click()
    expect(worker.locator("#course-error")).to_contain_text("Enter the course")
    check_accessibility(worker, "training-errors")
    today = datetime.date.today()
    worker.get_by_role("textbox", name="Course", exact=True).fill("Safeguarding adults")
    completed = worker.get_by_role("group", name="Date you completed it")
    completed.get_by_label("Day").fill(str(today.day))
    completed.get_by_label("Month").fill(str(today.month))
    completed.get_by_label("Year").fill(str(today.year))
    worker.get_by_label("Hours").fill("7.5")
    worker.get_by_label("Counts towards a required training").select_option(label="Lone working and personal safety")
    worker.get_by_label("Certificate (optional)").set_input_files(
        files=[{"name": "safeguarding.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    worker.get_by_role("button", name="Save the course").click()
    expect(worker.get_by_text("Training recorded.")).to_be_visible()
    expect(worker.get_by_role("link", name="safeguarding.pdf")).to_be_visible()
    worker.get_by_label("Skill or knowledge").fill("Debt advice")
    worker.get_by_label("High").check()
    worker.get_by_role("button", name="Add it").click()
    expect(worker.get_by_text("Added to your training needs.")).to_be_visible()
    check_accessibility(worker, "training")
    with worker.expect_download() as download:
        worker.get_by_role("link", name="safeguarding.pdf").click()
    assert open(download.value.path(), "rb").read() == PDF
    worker.context.close()

    page.reload()
    coverage = page.get_by_role("region", name="Required trainings, by link worker")
    expect(coverage.get_by_role("row", name="Priya Sharma")).to_contain_text("Until")
    expect(page.get_by_role("table", name="The team's training needs, added up, most wanted first")).to_contain_text("Other skills")
    check_accessibility(page, "team-training")
