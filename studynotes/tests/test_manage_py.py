"""manage.py itself: what a user sees around any command."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_reader_that_stops_early_gets_no_traceback():
    # `manage.py export_questions | head`: head closes the pipe while the command still writes.
    process = subprocess.Popen(
        [sys.executable, "manage.py", "diffsettings", "--all"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
