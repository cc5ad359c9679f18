import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SAMPLE_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "x7!k2pLq9vR4sT8wY1zA3bC5dE6fG0hJ-sample-only-not-secret-kM",
    "ALLOWED_HOSTS": "librarians.example.org",
    "SITE_URL": "https://librarians.example.org",
    "DATABASE_URL": "postgres://librarians@127.0.0.1:5432/librarians",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
}


def manage(*args, **environment):
    # A clean environment: only what a deployment would have, not the
    # variables of the test run (DATABASE_URL, DJANGO_ALLOW_ASYNC_UNSAFE…).
    env = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **SAMPLE_ENVIRONMENT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    environment = {k: v for k, v in SAMPLE_ENVIRONMENT.items() if k != missing}
    result = manage("check", **environment)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_loopback_fetches():
    result = manage("check", **SAMPLE_ENVIRONMENT, SAFE_HTTP_ALLOW_LOOPBACK="1")
    assert result.returncode != 0
    assert "SAFE_HTTP_ALLOW_LOOPBACK must not be set in production" in result.stderr
