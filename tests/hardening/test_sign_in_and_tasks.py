"""Sign-in lock-out on the staff and portal pages, session expiry, and the task policy."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from intl_relations.celery import app
from tests.factories import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize("login_page", ["staff:login", "portal:login", "admin:login"])
def test_repeated_failures_lock_the_account_out_even_with_the_right_password(
    login_page, client, editor, partner_user
):
    username = partner_user.username if login_page == "portal:login" else editor.username
    url = reverse(login_page)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        refused = client.post(url, {"username": username, "password": "wrong"})
        assert refused.status_code == 200  # the form again, with its error
    assert client.post(url, {"username": username, "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_count(client, editor):
    url = reverse("staff:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": editor.username, "password": "wrong"})
    assert client.post(url, {"username": editor.username, "password": PASSWORD}).status_code == 302
    client.logout()
    client.post(url, {"username": editor.username, "password": "wrong"})
    assert client.post(url, {"username": editor.username, "password": PASSWORD}).status_code == 302


def test_sessions_expire_and_cookies_are_not_readable_by_scripts():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_password_rules_refuse_short_common_and_numeric_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short", "password123", "12345678901234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a-long-pass-phrase-2024")


def test_every_task_of_the_portal_has_late_acknowledgement_and_time_limits():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert ours, "no task found"
    for name, task in ours.items():
        assert task.acks_late, name
        assert task.reject_on_worker_lost or app.conf.task_reject_on_worker_lost, name
        assert task.time_limit or app.conf.task_time_limit, name
        assert task.soft_time_limit or app.conf.task_soft_time_limit, name
    # A message is redelivered only when its worker died: longer than any time limit.
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > max(t.time_limit or app.conf.task_time_limit for t in ours.values())
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.django_db
def test_a_locked_out_api_client_gets_the_json_error_with_retry_after(editor):
    from rest_framework.test import APIClient

    client = APIClient()
    url = reverse("api:auth-login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": editor.username, "password": "wrong"}, format="json")
    locked = client.post(url, {"username": editor.username, "password": PASSWORD}, format="json")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert locked.json()["error"]["status"] == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
