"""A checked API token is kept until the token or user table is written; expiry is
checked on every call."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("empty_cache")


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def call(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(reverse("api:theme-list")).status_code
    return status, [q["sql"] for q in queries]


def looks_up_token(sql: list[str]) -> bool:
    return any('FROM "knox_authtoken"' in q for q in sql)


@pytest.mark.django_db
def test_a_checked_token_is_not_looked_up_again(editor):
    _, token = AuthToken.objects.create(editor)
    client = with_token(token)
    status, sql = call(client)
    assert status == 200
    assert looks_up_token(sql)
    status, sql = call(client)
    assert status == 200
    assert not looks_up_token(sql)


def sign_out(client, instance) -> None:
    assert client.post(reverse("api:auth-logout")).status_code == 204


def delete_in_database(client, instance) -> None:
    AuthToken.objects.filter(pk=instance.pk).delete()


@pytest.mark.django_db
@pytest.mark.parametrize("revoke", [sign_out, delete_in_database])
def test_a_revoked_token_is_refused_at_once(editor, revoke):
    instance, token = AuthToken.objects.create(editor)
    client = with_token(token)
    assert call(client)[0] == 200
    revoke(client, instance)
    assert call(client)[0] == 401


@pytest.mark.django_db
def test_a_deactivated_account_is_refused_at_once(editor):
    _, token = AuthToken.objects.create(editor)
    client = with_token(token)
    assert call(client)[0] == 200
    editor.is_active = False
    editor.save()
    assert call(client)[0] == 401


@pytest.mark.django_db
def test_a_changed_role_applies_at_once(editor):
    _, token = AuthToken.objects.create(editor)
    client = with_token(token)
    body = {"name": "UCLG", "scope": "world"}
    assert client.post(reverse("api:network-list"), body, format="json").status_code == 201
    editor.role = "viewer"
    editor.save()
    body["name"] = "AIMF"
    assert client.post(reverse("api:network-list"), body, format="json").status_code == 403


@pytest.mark.django_db
def test_a_token_that_expired_since_it_was_checked_is_refused_and_deleted(editor, monkeypatch):
    instance, token = AuthToken.objects.create(editor, expiry=dt.timedelta(hours=1))
    client = with_token(token)
    assert call(client)[0] == 200
    later = timezone.now() + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert call(client)[0] == 401
    assert not AuthToken.objects.filter(pk=instance.pk).exists()


@pytest.mark.django_db
def test_a_wrong_token_sharing_a_good_ones_key_is_refused(editor):
    _, token = AuthToken.objects.create(editor)
    assert call(with_token(token))[0] == 200
    forged = token[:15] + ("0" if token[15] != "0" else "1") + token[16:]
    assert call(with_token(forged))[0] == 401
    assert call(with_token(token))[0] == 200
