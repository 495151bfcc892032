"""Browser tests for Linkwell.

Starts a real `linkwell demo` server (its own SQLite file, a free port) and
drives it with headless Chromium through Playwright. Every page a test visits
is checked with axe-core for WCAG 2.2 A and AA violations, and important pages
are saved as screenshots under artefacts/screenshots/ to be looked at.

Later capabilities add their flows as new test_*.py files using the fixtures
here: `server`, `page`, `sign_in(page, role)`, `check_accessibility(page, name)`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "artefacts"
SCREENSHOTS = ARTEFACTS / "screenshots"
CHROMIUM = os.environ.get("LINKWELL_CHROMIUM", "/usr/bin/chromium")
BINARY = Path(os.environ.get("LINKWELL_BINARY", ROOT / ".build" / "debug" / "linkwell"))

# The demo accounts printed by `linkwell demo` (see DemoData.swift).
DEMO_PASSWORD = "linkwell-demo"
DEMO_ACCOUNTS = {
    "link_worker": "link.worker@riverside.example",
    "referrer": "referrer@riverside.example",
    "provider": "provider@riverside.example",
    "manager": "manager@riverside.example",
    "admin": "admin@riverside.example",
}

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the rules the issue requires at zero.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The demo server's metrics listener (apart from its pages).
METRICS: dict = {}


@pytest.fixture(scope="session")
def metrics_url(server) -> str:
    return f"http://127.0.0.1:{METRICS['port']}/metrics"


@pytest.fixture(scope="session")
def server():
    """A running demo server; yields its base URL."""
    if not BINARY.exists():
        pytest.fail(f"{BINARY} not found: build first (scripts/test does) or set LINKWELL_BINARY")
    workdir = Path(tempfile.mkdtemp(prefix="linkwell-e2e-"))
    port = free_port()
    METRICS["port"] = free_port()
    log = open(ARTEFACTS / "e2e-server.log", "w")
    env = dict(os.environ, LINKWELL_LOG_LEVEL="notice")
    process = subprocess.Popen(
        [str(BINARY), "demo", "--database", f"sqlite:{workdir / 'demo.sqlite'}", "--port", str(port),
         "--metrics-port", str(METRICS["port"])],
        cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health/ready", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            log.close()
            pytest.fail("linkwell demo did not start:\n" + (ARTEFACTS / "e2e-server.log").read_text())
        time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Page:
    """A fresh browser context (no cookies) at the server's address."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    yield page
    context.close()
    csp_errors = [m for m in messages if "Content Security Policy" in m]
    assert not csp_errors, f"the page broke its own Content Security Policy: {csp_errors}"


def sign_in(page: Page, role: str, password: str = DEMO_PASSWORD) -> None:
    """Signs in through the form, as a person would."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(DEMO_ACCOUNTS[role])
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


_axe = Axe()


def check_accessibility(page: Page, name: str, screenshot: bool = True) -> None:
    """Fails on any WCAG 2.2 A/AA violation axe-core finds; saves a screenshot."""
    if screenshot:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # A Mustache section over a missing value falls back to an outer field of
    # the same name and prints a Swift value's description: never on a page.
    text = page.locator("body").inner_text()
    if "View(id: " in text or "View(name: " in text:
        pytest.fail(f"{name}: a Swift value was printed into the page at {page.url}")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if violations:
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']}\n    "
            + "\n    ".join(node["html"][:160] for node in v["nodes"][:5])
            for v in violations
        )
        pytest.fail(f"{name}: {len(violations)} accessibility violation(s) on {page.url}:\n{report}")
