"""API throttling: anonymous and token clients get 429 with Retry-After past their rate."""

from __future__ import annotations

import pytest
import redis
from django.core.cache import cache, caches
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

REDIS_URL = "redis://127.0.0.1:6379/4"


@pytest.fixture
def low_rates(monkeypatch):
    # DRF reads the rates once, at import: patch where the throttles look them up.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    cache.clear()
    yield
    cache.clear()


def assert_throttled(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["status"] == 429
    assert error["message"]


@pytest.mark.django_db
@pytest.mark.usefixtures("low_rates")
def test_anonymous_clients_are_answered_429_with_retry_after_past_their_rate():
    client = APIClient()
    url = reverse("api:partnership-list")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert_throttled(client.get(url))
    # Another address has its own allowance.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("low_rates")
def test_token_clients_are_throttled_per_user_not_per_address(editor, viewer):
    _, token = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = reverse("api:partnership-list")
    answers = [client.get(url, REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(5)]
    assert answers == [200] * 5
    assert_throttled(client.get(url, REMOTE_ADDR="192.0.2.99"))

    _, other = AuthToken.objects.create(user=viewer)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {other}")
    assert client.get(url).status_code == 200


@pytest.mark.redis
@pytest.mark.django_db
def test_throttle_counters_live_in_the_shared_cache_when_one_is_configured(settings, monkeypatch):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # The throttles hold a reference to the cache they were built with.
    monkeypatch.setattr(SimpleRateThrottle, "cache", caches["default"])
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "2/min"})
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter("*throttle_anon_*"):
        store.delete(key)
    try:
        client = APIClient()
        url = reverse("api:partnership-list")
        client.get(url, REMOTE_ADDR="198.51.100.4")
        # What another worker process would see: the counter, in Redis.
        assert any(b"throttle_anon_198.51.100.4" in key for key in store.scan_iter("*throttle_*"))
        client.get(url, REMOTE_ADDR="198.51.100.4")
        assert_throttled(client.get(url, REMOTE_ADDR="198.51.100.4"))
    finally:
        for key in store.scan_iter("*throttle_anon_*"):
            store.delete(key)


@pytest.mark.django_db
def test_an_expired_token_is_refused(editor):
    instance, token = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(reverse("api:token-list")).status_code == 200
    AuthToken.objects.filter(pk=instance.pk).update(expiry=instance.created)
    assert client.get(reverse("api:token-list")).status_code == 401


@pytest.mark.django_db
def test_tokens_are_stored_hashed_and_expire(editor, settings):
    instance, token = AuthToken.objects.create(user=editor)
    stored = AuthToken.objects.get(pk=instance.pk)
    assert token not in {stored.digest, stored.token_key}
    assert stored.token_key == token[: len(stored.token_key)]
    assert stored.expiry is not None
    lifetime = stored.expiry - stored.created
    assert abs(lifetime - settings.REST_KNOX["TOKEN_TTL"]).total_seconds() < 1


def test_the_window_counter_counts_refuses_and_reopens(rf, editor, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework.request import Request

    from intl_relations.throttling import UserWindowThrottle

    clock = [1000.0]
    store = LocMemCache("throttle-test", {})
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min"})

    class Throttle(UserWindowThrottle):
        cache = store

        def timer(self):
            return clock[0]

    request = Request(rf.get("/api/v1/themes/"))
    request.user = editor
    answers = []
    for seconds in (0, 10, 20, 25):
        clock[0] = 1000.0 + seconds
        throttle = Throttle()
        answers.append(throttle.allow_request(request, None))
    assert answers == [True, True, True, False]
    # Retry-After: what is left of the window opened by the first request.
    assert throttle.wait() == pytest.approx(35.0)
    # The counter is one number, whatever the rate.
    assert store.get(throttle.key) == 4
    # The window expires with the cache entry: the client may call again.
    store.delete(throttle.key)
    clock[0] = 1061.0
    assert Throttle().allow_request(request, None)
