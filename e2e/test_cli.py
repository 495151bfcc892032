"""The `linkwell` command line, run as a person would run it."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import BINARY, free_port

ADMIN_PASSWORD = "quiet meadow lantern"


def run(*args: str, stdin: str | None = None, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BINARY), *args], input=stdin, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, **(env or {})), cwd=cwd,
    )


@pytest.fixture
def database(tmp_path) -> str:
    return f"sqlite:{tmp_path / 'real.sqlite'}"


def test_every_command_explains_its_options():
    top = run("--help")
    assert top.returncode == 0
    for command in ("serve", "demo", "migrate", "user", "audit", "jobs"):
        assert command in top.stdout
    for command, options in {
        ("serve",): ["--database", "--host", "--port", "--public-url", "--session-idle-minutes", "--lockout-attempts"],
        ("demo",): ["--database", "--host", "--port", "--fresh"],
        ("migrate",): ["--database"],
        ("user", "create"): ["--database", "--name", "--email", "--role", "--organisation", "--new-organisation-type"],
        ("audit", "verify"): ["--database"],
        ("jobs", "run-once"): ["--database"],
    }.items():
        result = run(*command, "--help")
        assert result.returncode == 0, result.stderr
        for option in options:
            assert option in result.stdout, f"{' '.join(command)} --help does not explain {option}"
        assert "Defaults to the LINKWELL_DATABASE environment variable" in result.stdout


def test_first_administrator_from_standard_input_can_sign_in(database, tmp_path):
    assert "applied migration(s) 1" in run("migrate", "--database", database).stdout
    assert "already up to date" in run("migrate", "--database", database).stdout

    created = run(
        "user", "create", "--database", database, "--name", "Chris Walker", "--email", "chris@example.org",
        "--role", "admin", "--organisation", "Riverside PCN", "--new-organisation-type", "pcn",
        stdin=ADMIN_PASSWORD + "\n",
    )
    assert created.returncode == 0, created.stderr
    assert "Created organisation Riverside PCN" in created.stdout
    assert "Created administrator Chris Walker" in created.stdout
    assert ADMIN_PASSWORD not in created.stdout + created.stderr

    # The password is never a flag.
    assert run("user", "create", "--password", "x", "--database", database).returncode != 0

    weak = run(
        "user", "create", "--database", database, "--name", "Weak", "--email", "weak@example.org",
        "--role", "manager", "--organisation", "Riverside PCN", stdin="password1234\n",
    )
    assert weak.returncode != 0
    assert "harder to guess" in weak.stderr

    port = free_port()
    server = subprocess.Popen(
        [str(BINARY), "serve", "--database", database, "--port", str(port), "--metrics-port", "off"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ, LINKWELL_LOG_LEVEL="warning"),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_ready(base, server)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/sign-in").read().decode()
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"_csrf": token, "email": "chris@example.org", "password": ADMIN_PASSWORD}).encode()
        home = opener.open(f"{base}/sign-in", data=form).read().decode()
        assert "Good " in home and "Chris" in home
        assert 'href="/admin/organisations"' in home
        assert "Demo" not in home, "a real database shows no demo banner"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"Linkwell is running at http://127.0.0.1:{port}/" in output

    verify = run("audit", "verify", "--database", database)
    assert verify.returncode == 0
    assert "Intact" in verify.stdout


def test_demo_refuses_a_database_with_real_accounts(database):
    run("user", "create", "--database", database, "--name", "Chris Walker", "--email", "chris@example.org",
        "--role", "admin", "--organisation", "Riverside PCN", "--new-organisation-type", "pcn", stdin=ADMIN_PASSWORD + "\n")
    result = run("demo", "--database", database, "--port", "0")
    assert result.returncode != 0
    assert "not a demo database" in result.stderr
    fresh = run("demo", "--database", database, "--port", "0", "--fresh")
    assert fresh.returncode != 0
    assert "will not delete it" in fresh.stderr


def test_database_defaults_to_the_environment_then_the_working_folder(tmp_path):
    from_env = tmp_path / "from-env.sqlite"
    result = run("migrate", env={"LINKWELL_DATABASE": f"sqlite:{from_env}"})
    assert result.returncode == 0
    assert from_env.exists()

    env = dict(os.environ)
    env.pop("LINKWELL_DATABASE", None)
    result = subprocess.run([str(BINARY), "migrate"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert (tmp_path / "linkwell.sqlite").exists()


def test_unusable_database_address_is_explained():
    result = run("migrate", "--database", "mysql://nope/linkwell")
    assert result.returncode != 0
    assert "sqlite:PATH or postgres://" in result.stderr


def _wait_until_ready(base: str, process: subprocess.Popen) -> None:
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError("the server stopped: " + (process.stdout.read() if process.stdout else ""))
        try:
            with urllib.request.urlopen(f"{base}/health/ready", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not become ready")


def test_directory_csv_template_in_and_out(database, tmp_path):
    """The documented CSV template imports; its export imports again unchanged."""
    template = Path(__file__).resolve().parent.parent / "docs" / "directory-template.csv"
    first = run("import", "oruk", "--database", database, str(template))
    assert first.returncode == 0, first.stderr
    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in first.stdout

    exported = tmp_path / "directory.csv"
    out = run("export", "oruk", "--database", database, str(exported))
    assert out.returncode == 0, out.stderr
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0] == template.read_text(encoding="utf-8").splitlines()[0], "the export has the template's columns"
    assert len(lines) == 3

    again = run("import", "oruk", "--database", database, str(exported))
    assert "0 created, 0 updated, 2 unchanged, 0 rejected" in again.stdout, again.stdout

    as_json = run("export", "oruk", "--database", database, "--format", "json", "-")
    assert as_json.returncode == 0, as_json.stderr
    names = sorted(service["name"] for service in json.loads(as_json.stdout))
    assert names == ["Knit and Natter", "Riverside Walking Group"]

    wrong = run("export", "oruk", "--database", database, "--format", "xml", "-")
    assert wrong.returncode != 0 and "json or csv" in wrong.stderr

    bad = tmp_path / "bad.csv"
    bad.write_text("name,organisation,description,sessions\nLunch Club,Riverside Church,Hot lunch.,Wednesday noon\n", encoding="utf-8")
    refused = run("import", "oruk", "--database", database, str(bad))
    assert refused.returncode == 2
    assert "Rejected record 1 (\"Lunch Club\")" in refused.stdout
    assert "sessions Line 1" in refused.stdout


def test_import_draws_a_progress_bar_on_a_terminal_only(database, tmp_path):
    """On a terminal an import draws a progress bar on standard error; a log gets only the summary."""
    import pty

    template = str(Path(__file__).resolve().parent.parent / "docs" / "directory-template.csv")
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [str(BINARY), "import", "oruk", "--database", database, template],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal, timeout=120, text=True,
        )
    finally:
        os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal's other end is closed: all has been read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert done.returncode == 0
    assert "2 created" in done.stdout
    text = drawn.decode("utf-8", "replace")
    assert "Importing [" in text and "100% (2/2)" in text, text

    logged = run("import", "oruk", "--database", database, template)
    assert "Importing [" not in logged.stderr, "no bar when standard error is not a terminal"
    assert "2 unchanged" in logged.stdout


def test_directory_import_from_an_oruk_api(server, database, tmp_path):
    """`linkwell import oruk <address>` walks a live ORUK API (the demo's own) page by page."""
    with urllib.request.urlopen(f"{server}/oruk/services?per_page=1", timeout=30) as response:
        total = json.loads(response.read())["total_items"]
    assert total >= 400

    first = run("import", "oruk", "--database", database, f"{server}/oruk")
    assert first.returncode == 0, first.stderr
    assert f"{total} created, 0 updated, 0 unchanged, 0 rejected" in first.stdout, first.stdout

    # The copy serves the same records as the original.
    copy = run("export", "oruk", "--database", database, "--format", "json", "-")
    with urllib.request.urlopen(f"{server}/oruk/services?per_page=500", timeout=30) as response:
        original = {service["id"]: service for service in json.loads(response.read())["contents"]}
    copied = {service["id"]: service for service in json.loads(copy.stdout)}
    assert copied.keys() == original.keys()
    some = sorted(original)[0]
    with urllib.request.urlopen(f"{server}/oruk/services/{some}", timeout=30) as response:
        full = json.loads(response.read())
    assert full["schedules"], "the demo's services have sessions"
    assert copied[some] == full, "each service is copied in full, nested detail and all"

    again = run("import", "oruk", "--database", database, f"{server}/oruk/services")
    assert f"0 created, 0 updated, {total} unchanged, 0 rejected" in again.stdout, again.stdout

    missing = run("import", "oruk", "--database", database, f"{server}/no-such-api")
    assert missing.returncode != 0
    assert "answered 404" in missing.stderr, missing.stderr
    nowhere = run("import", "oruk", "--database", database, f"http://127.0.0.1:{free_port()}/oruk")
    assert nowhere.returncode != 0
    assert "Could not read" in nowhere.stderr, nowhere.stderr


def test_jobs_run_once_sends_what_is_due_once(database, tmp_path):
    """`linkwell jobs run-once` does the server's background work once: here,
    an email waiting in the outbox goes (to the log, with no Notify key), and
    a second run finds nothing to do."""
    import sqlite3

    assert run("migrate", "--database", database).returncode == 0
    path = database.removeprefix("sqlite:")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO outbox (id, channel, recipient, template, personalisation, next_attempt_at, created_at) "
            "VALUES ('0b7c7b2e-9f1e-4a53-9a1c-1f6f3f0c2d11', 'email', 'tom@example.org', 'referral-to-provider', "
            "'{\"subject\":\"New referral\",\"body\":\"Sign in\"}', '2026-01-01 09:00:00.000', '2026-01-01 09:00:00.000')"
        )
    first = run("jobs", "run-once", "--database", database, env={"LINKWELL_LOG_LEVEL": "notice"})
    assert first.returncode == 0, first.stderr
    assert "Messages: 1 sent" in first.stdout
    assert "message not sent: no GOV.UK Notify key is configured" in first.stderr + first.stdout
    assert "tom@example.org" not in first.stderr + first.stdout, "the log never holds the full address"
    with sqlite3.connect(path) as db:
        state, personalisation = db.execute("SELECT state, personalisation FROM outbox").fetchone()
    assert (state, personalisation) == ("sent", "{}")
    second = run("jobs", "run-once", "--database", database)
    assert second.returncode == 0, second.stderr
    assert "Messages: 0 sent" in second.stdout

    refused = run("jobs", "run-once", "--database", database, env={"LINKWELL_NOTIFY_API_KEY": "not-a-key"})
    assert refused.returncode != 0
    assert "LINKWELL_NOTIFY_API_KEY" in refused.stderr
