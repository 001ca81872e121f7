"""A test needing a missing service is skipped on a fresh clone and failed in CI."""

import pytest
from _pytest.outcomes import Failed, Skipped

from tests import needs


@pytest.fixture
def no_redis(monkeypatch):
    monkeypatch.setattr(needs, "REDIS_PORT", 1)  # nothing listens on port 1
    needs.redis_error.cache_clear()
    yield
    needs.redis_error.cache_clear()


def test_without_redis_a_fresh_clone_skips_naming_what_is_missing(no_redis, monkeypatch):
    monkeypatch.setattr(needs, "IN_CI", False)
    with pytest.raises(Skipped, match=r"Redis is not reachable at 127\.0\.0\.1:1 "):
        needs.need_redis()


def test_without_redis_ci_fails(no_redis, monkeypatch):
    monkeypatch.setattr(needs, "IN_CI", True)
    with pytest.raises(Failed, match=r"CI=true requires it"):
        needs.need_redis()


def test_a_missing_tool_says_which_package_installs_it(monkeypatch):
    monkeypatch.setattr(needs, "IN_CI", False)
    with pytest.raises(Skipped, match=r"no-such-tool is not installed \(apt-get install pkg\)"):
        needs.need_tool("no-such-tool", "pkg")
