"""The campaign core is pure: importing it pulls in no database, web or command-line code."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_campaign_core_loads_no_database_web_or_cli_library() -> None:
    code = (
        "import sys, tousu.analysis.campaigns\n"
        "print(sorted(m for m in ('sqlalchemy', 'fastapi', 'typer', 'tousu.db', 'tousu.web', 'tousu.cli') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
