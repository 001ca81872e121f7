"""Expired API tokens are refused at once and deleted each night."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.tasks import delete_expired_tokens


@pytest.mark.django_db
def test_the_nightly_task_deletes_expired_tokens_only(editor, administrator):
    live, _ = AuthToken.objects.create(user=editor)
    expired, _ = AuthToken.objects.create(user=editor)
    others, _ = AuthToken.objects.create(user=administrator)
    past = timezone.now() - dt.timedelta(days=1)
    AuthToken.objects.filter(pk__in=[expired.pk, others.pk]).update(expiry=past)
    assert delete_expired_tokens() == 2
    assert list(AuthToken.objects.values_list("pk", flat=True)) == [live.pk]


@pytest.mark.django_db
def test_using_one_token_leaves_the_users_other_tokens_alone(editor):
    # knox swept the user's other expired tokens on every call; the nightly task does it.
    _, secret = AuthToken.objects.create(user=editor)
    expired, _ = AuthToken.objects.create(user=editor)
    AuthToken.objects.filter(pk=expired.pk).update(expiry=timezone.now() - dt.timedelta(hours=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(reverse("api:token-list")).status_code == 200
    assert AuthToken.objects.filter(pk=expired.pk).exists()


def test_the_beat_schedule_runs_it_each_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-api-tokens"]
    assert entry["task"] == delete_expired_tokens.name
