"""Production settings: ``check --deploy`` is silent, and nothing insecure is a default."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides: str) -> dict[str, str]:
    cleared = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    # The browser tests' conftest sets this for live_server; production never does.
    cleared.add("DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in cleared}
    env.update(
        DEBUG="false",
        TESTING="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="relations-internationales.example.org",
        CACHE_URL="redis://127.0.0.1:6379/4",
        DATABASE_URL=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ir_hardening"
        ),
        CELERY_BROKER_URL="redis://127.0.0.1:6379/4",
        DJANGO_SETTINGS_MODULE="intl_relations.settings",
    )
    env.update(overrides)
    return env


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_throttling_counts_per_process():
    result = manage("check", "--deploy", "--fail-level", "WARNING", CACHE_URL="locmemcache://")
    assert result.returncode != 0
    assert "intl_relations.W001" in result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")],
)
def test_production_refuses_to_start_without_a_secret_or_hosts(missing, message):
    env = production_env()
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={k: v for k, v in production_env().items() if k != "DEBUG"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.split() == ["False", "True"], result.stderr
