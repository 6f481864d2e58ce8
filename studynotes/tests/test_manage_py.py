"""manage.py itself: what a user sees around any command."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


def manage(*args, database):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("DJANGO_ENV", None)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


COMMANDS = [
    ["import_notes", "fixtures/notes"],
    ["export_topics", "--format", "json"],
    ["export_questions", "--format", "json"],
    ["generate_questions"],
    ["seed_demo"],
    ["link_topics"],
    ["expire_attempts"],
    ["catch_up_reviews"],
    ["rebuild_review_cards"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_command_run_before_migrate_says_to_migrate_without_a_traceback(tmp_path, command):
    database = tmp_path / "fresh.sqlite3"
    result = manage(*command, database=database)
    assert result.returncode == 1
    assert "run `manage.py migrate` first" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    with sqlite3.connect(database) as db:  # and nothing was written
        assert db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'django_%'"
                          ).fetchall() == []


@pytest.mark.parametrize("command", [["export_questions"], ["import_notes", "fixtures/notes"]], ids=lambda c: c[0])
def test_a_database_that_cannot_be_opened_is_one_line_too(tmp_path, command):
    result = manage(*command, database=tmp_path / "no-such-folder" / "db.sqlite3")
    assert result.returncode == 1
    assert "CommandError: Cannot use the database: unable to open database file" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("command", [["seed_demo"], ["export_questions"]], ids=lambda c: c[0])
def test_production_settings_without_a_secret_key_say_so_in_one_line(tmp_path, command):
    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_ENV": "production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "CommandError: SECRET_KEY must be set in production.\n", result.stderr
    assert not database.exists()
