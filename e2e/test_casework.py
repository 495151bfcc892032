"""The link worker's journey, from referral to discharge, in a real browser.

Also measures the burden of that journey: how many pages load and how many
forms are submitted for a typical first few weeks (referral received ->
assigned -> first contact with what matters -> plan with two goals ->
follow-up contact -> discharge). The counts are printed and checked against
the targets: a contact in one submission from the caseload, the whole flow in
at most 12 submissions. docs/burden.md records them.
"""

from __future__ import annotations

import re
import uuid

from conftest import ARTEFACTS, DEMO_ACCOUNTS, DEMO_PASSWORD, check_accessibility
from playwright.sync_api import Page, expect


class Burden:
    """Counts page loads and form submissions, as a person would feel them."""

    def __init__(self) -> None:
        self.page_loads = 0
        self.submissions = 0
        self.steps: list[tuple[str, int, int]] = []

    def watch(self, page: Page) -> None:
        page.on("load", lambda _: self._loaded())

    def _loaded(self) -> None:
        self.page_loads += 1

    def submit(self, page: Page, button: str, *, exact: bool = False) -> None:
        self.submissions += 1
        page.get_by_role("button", name=button, exact=exact).click()
        page.wait_for_load_state()

    def mark(self, step: str) -> None:
        self.steps.append((step, self.page_loads, self.submissions))

    def report(self) -> str:
        lines = ["step | page loads (total) | submissions (total)", "---|---|---"]
        lines += [f"{step} | {loads} | {submissions}" for step, loads, submissions in self.steps]
        return "\n".join(lines)


def sign_in(page: Page, role: str, burden: Burden) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(DEMO_ACCOUNTS[role])
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    burden.submit(page, "Sign in")


def test_referral_to_discharge(browser, server):
    burden = Burden()
    name = f"Winifred Ashby-{uuid.uuid4().hex[:5]}"

    # 1. A GP refers.
    gp_context = browser.new_context(base_url=server)
    gp = gp_context.new_page()
    burden.watch(gp)
    sign_in(gp, "referrer", burden)
    gp.get_by_role("link", name="Refer someone").first.click()
    check_accessibility(gp, "refer")
    gp.get_by_label("Full name").fill(name)
    born = gp.get_by_role("group", name="Date of birth")
    born.get_by_label("Day").fill("14")
    born.get_by_label("Month").fill("6")
    born.get_by_label("Year").fill("1941")
    gp.get_by_label("NHS number (optional)").fill("")
    gp.get_by_label("Address", exact=True).fill("3 Weavers Row\nRiverside")
    gp.get_by_label("Postcode").fill("RV2 4AB")
    gp.get_by_label("Phone number").fill("07700 900456")
    gp.get_by_label("Phone call").check()
    gp.get_by_label("Loneliness and isolation").check()
    gp.get_by_label("Physical activity").check()
    gp.get_by_label("What would help, in your words (optional)").fill("Widowed last year; stopped going out. Used to love dancing.")
    gp.get_by_label("Routine").check()
    gp.get_by_label("GP practice (optional)").select_option(label="Meadowbank Surgery")
    gp.get_by_label("Referrer's role").fill("GP")
    gp.get_by_label("The person themselves").check()
    burden.submit(gp, "Send referral")
    expect(gp.get_by_role("status")).to_contain_text("Referral sent")
    check_accessibility(gp, "referrer-home-after-referral", screenshot=False)
    burden.mark("Referral sent by the GP (sign-in included)")
    gp_context.close()

    # 2. The link worker triages it: accept and assign to herself.
    context = browser.new_context(base_url=server)
    page = context.new_page()
    burden.watch(page)
    sign_in(page, "link_worker", burden)
    check_accessibility(page, "caseload")
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Inbox").click()
    check_accessibility(page, "inbox")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    check_accessibility(page, "referral-triage")
    page.get_by_label("Give to").select_option(label="Priya Sharma")
    burden.submit(page, "Accept referral")
    expect(page.get_by_role("status")).to_contain_text("Referral accepted and assigned.")
    check_accessibility(page, "person-accepted", screenshot=False)
    burden.mark("Accepted and assigned (link worker sign-in included)")

    # 3. The first conversation, with what matters, from the caseload in one submission.
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Caseload").click()
    page.get_by_role("link", name=f"Record contact with {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("First conversation")
    check_accessibility(page, "first-conversation")
    page.get_by_label("Home visit").check()
    page.get_by_label("How long, in minutes").fill("55")
    page.get_by_label("Note (optional)").fill("Talked for an hour about Arthur and the dances they went to.")
    loneliness = page.get_by_role("group", name="Loneliness and isolation")
    loneliness.get_by_label("A great deal").check()
    page.get_by_label("In their words (loneliness and isolation)").fill("The house is so quiet now")
    page.get_by_role("group", name="Physical activity").get_by_label("Quite a lot").check()
    page.get_by_label("Dancing").check()
    page.get_by_label("Music").check()
    page.get_by_role("group", name="Days they are free").get_by_label("Wednesday").check()
    page.get_by_role("group", name="Times they are free").get_by_label("Afternoon").check()
    burden.submit(page, "Save contact")
    expect(page.get_by_role("status")).to_contain_text("Contact recorded.")
    burden.mark("First conversation with what matters")

    # 4. A plan with two goals, in one submission.
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_text("The house is so quiet now")).to_be_visible()
    check_accessibility(page, "person-active")
    page.get_by_role("link", name="Make a plan").click()
    check_accessibility(page, "plan-new")
    page.get_by_label("Goal 1, in their own words").fill("I want to dance again")
    page.get_by_label("Step 1: what").first.fill("Go to the Wednesday tea dance at the community centre")
    page.get_by_label("Who").first.fill("Me, with Priya the first time")
    page.get_by_label("Goal 2, in their own words").fill("Get out of the house more days than not")
    page.locator("#goal-2-step-1-what").fill("Walk to the park café with my neighbour")
    page.locator("#goal-2-step-1-who").fill("Me")
    burden.submit(page, "Save plan")
    expect(page.get_by_role("status")).to_contain_text("Plan saved.")
    expect(page.get_by_text("I want to dance again")).to_be_visible()
    burden.mark("Plan with two goals")

    page.get_by_role("link", name=re.compile("Print a copy for")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    check_accessibility(page, "plan-print")
    page.go_back()

    # 5. A follow-up contact from the caseload, in one submission.
    page.get_by_role("navigation", name="Main sections").get_by_role("link", name="Caseload").click()
    before = burden.submissions
    page.get_by_role("link", name=f"Record contact with {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    check_accessibility(page, "contact")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("How long, in minutes").fill("15")
    page.get_by_label("Note (optional)").fill("Went to the tea dance and loved it.")
    burden.submit(page, "Save contact")
    expect(page.get_by_role("status")).to_contain_text("Contact recorded.")
    contact_submissions = burden.submissions - before
    burden.mark("Follow-up contact from the caseload")

    # 6. Discharge and the message back to the GP.
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("link", name="Discharge").click()
    check_accessibility(page, "discharge")
    page.get_by_label("Goals met").check()
    page.get_by_label("Summary for their GP and referrer").fill("Dances weekly at the tea dance; out most days with her neighbour.")
    burden.submit(page, "Discharge")
    expect(page.get_by_role("heading", level=1)).to_have_text("Social prescribing: discharge summary")
    expect(page.get_by_text("The house is so quiet now")).to_be_visible()
    check_accessibility(page, "letter")
    burden.mark("Discharged; message to GP shown")

    page.get_by_role("link", name=re.compile("Back to")).click()
    page.get_by_role("link", name="Every version of the plan").click()
    check_accessibility(page, "plan-history")
    context.close()

    report = burden.report()
    (ARTEFACTS / "burden.md").write_text(report + "\n")
    print("\nBurden of a typical first few weeks:\n" + report)
    assert contact_submissions == 1, "a contact takes one submission from the caseload"
    assert burden.submissions <= 12, f"the whole flow took {burden.submissions} submissions (target: at most 12)"


def test_person_details_and_flags(browser, server):
    context = browser.new_context(base_url=server)
    page = context.new_page()
    burden = Burden()
    sign_in(page, "link_worker", burden)
    page.locator(".caseload td a").first.click()
    check_accessibility(page, "person", screenshot=False)
    page.get_by_role("link", name="Change details or flags").click()
    check_accessibility(page, "person-details")
    page.get_by_label("Risk (optional)").fill("Steep steps to the front door")
    burden.submit(page, "Save details")
    expect(page.get_by_role("status")).to_contain_text("Details saved.")
    expect(page.get_by_role("note", name="Flags")).to_contain_text("Steep steps to the front door")
    check_accessibility(page, "person-flagged")
    page.get_by_role("link", name="Change what matters").click()
    check_accessibility(page, "what-matters")
    context.close()


def test_self_referral_form(browser, server):
    context = browser.new_context(base_url=server)
    admin = context.new_page()
    sign_in(admin, "admin", Burden())
    admin.goto("/admin/organisations")
    admin.get_by_role("link", name="Riverside Primary Care Network").click()
    href = admin.locator('a[href^="/self-referral/"]').get_attribute("href")
    check_accessibility(admin, "admin-organisation-pcn", screenshot=False)
    admin.goto("/admin/needs")
    check_accessibility(admin, "admin-needs")
    context.close()

    public = browser.new_context(base_url=server).new_page()
    public.goto(href)
    expect(public.get_by_role("heading", level=1)).to_have_text("Refer yourself for social prescribing")
    check_accessibility(public, "self-referral")
    public.get_by_role("button", name="Send").click()
    expect(public.get_by_role("alert")).to_contain_text("There is a problem")
    check_accessibility(public, "self-referral-errors")
