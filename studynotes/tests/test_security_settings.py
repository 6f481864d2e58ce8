"""Production settings: `manage.py check --deploy` is clean, and nothing runs without a SECRET_KEY.

Each case starts a fresh interpreter, since settings are read once at start-up.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Test-only variables the conftest sets (Playwright needs DJANGO_ALLOW_ASYNC_UNSAFE) are not production's.
NOT_IN_PRODUCTION = {"DEBUG", "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PROD_SECRET = "k8Vq2-not-a-real-secret-but-long-and-random-enough-7fJd9sLm3pQz1xWc6bNv0tRy"


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("switch", [{"DJANGO_ENV": "production"}, {"DEBUG": "false"}])
def test_production_settings_pass_check_deploy_with_no_warning(switch):
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    SECRET_KEY=PROD_SECRET, ALLOWED_HOSTS="kumo.example.com", **switch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="kumo.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_settings_turn_on_secure_cookies_hsts_and_the_proxy_ssl_redirect():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "list(s.SECURE_PROXY_SSL_HEADER), s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "studynotes.settings", "DJANGO_ENV": "production",
             "SECRET_KEY": PROD_SECRET, "ALLOWED_HOSTS": "kumo.example.com"},
    )
    assert result.returncode == 0, result.stderr
    import json

    debug, session_secure, csrf_secure, ssl_redirect, proxy_header, hsts, httponly, xfo = json.loads(result.stdout)
    assert debug is False
    assert session_secure and csrf_secure and ssl_redirect and httponly
    assert proxy_header == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert hsts >= 31536000
    assert xfo == "DENY"


def test_development_settings_stay_in_debug_for_a_fresh_clone():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ENV", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "studynotes.settings"},
    )
    assert result.stdout.strip() == "True", result.stderr
