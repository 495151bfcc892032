"""schemathesis against the open directory API's own OpenAPI document.

Every check schemathesis has (status codes and content types as declared,
schema-valid requests accepted, schema-violating ones refused, 405 for
methods not declared, no server errors), over its coverage, fuzzing and
stateful phases. Zero failures and zero errors, or this fails with
schemathesis's own report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def test_the_open_directory_api_keeps_to_its_own_document(server):
    command = [
        str(VENV_BIN / "schemathesis"), "run", f"{server}/oruk/openapi.json", "--url", f"{server}/oruk",
        "--checks", "all", "--max-examples", os.environ.get("LINKWELL_SCHEMATHESIS_EXAMPLES", "100"),
        "--request-timeout", "20", "--no-color",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    report = result.stdout + result.stderr
    (Path(__file__).parent.parent / "artefacts" / "schemathesis.txt").write_text(report)
    assert result.returncode == 0, report[-6000:]
    assert "No issues found" in report, report[-6000:]
