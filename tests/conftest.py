"""Fixtures shared by the whole suite: one user per role, and clients signed in as them."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.choices import Role

from .factories import OrganisationFactory, PartnerUserFactory, UserFactory
from .needs import need_redis

pytest_plugins = ["tests.workers"]

ROLES = ("anonymous", "partner", "viewer", "editor", "administrator")


def pytest_runtest_setup(item):
    # ``@pytest.mark.redis``: skipped without Redis on this machine, failed in CI.
    if item.get_closest_marker("redis") or item.get_closest_marker("celery_worker"):
        need_redis()
    if item.get_closest_marker("celery_worker"):
        from django.conf import settings

        # Skipped here, before its transactional database is set up: skipped later, its
        # flush would empty the tables (themes) for the tests that follow it.
        if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
            pytest.skip("The worker shares the test database: PostgreSQL only")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's language: a request in English leaves its
    language active in the thread, and the next test would read English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and report outputs go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Tasks run in the test's own process, even when CI names a broker.

    Only the tests marked ``celery_worker`` send tasks through Redis to a real worker
    (they switch the Celery app themselves); every other test sees a run or an import
    finish before its request returns, as on the quick start.
    """
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from intl_relations.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin-role", role=Role.ADMINISTRATOR)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", role=Role.EDITOR)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role=Role.VIEWER)


@pytest.fixture
def partner_organisation(db):
    return OrganisationFactory(name="Université Lumière", kind="university")


@pytest.fixture
def partner_user(db, partner_organisation):
    return PartnerUserFactory(username="partner", organisation=partner_organisation)


@pytest.fixture
def other_partner_user(db):
    return PartnerUserFactory(username="other-partner", organisation=OrganisationFactory())


@pytest.fixture
def user_for_role(request, db):
    """Return a function giving the user of a role name (None for anonymous)."""

    def get(role: str):
        if role == "anonymous":
            return None
        fixture = {"partner": "partner_user"}.get(role, role)
        return request.getfixturevalue(fixture)

    return get


@pytest.fixture
def client_for(user_for_role):
    """A browser of its own signed in as the user of a role (anonymous: not signed in).

    The staff and insight tests override it with one shared client signed in anew."""

    def make(role: str) -> Client:
        client = Client()
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_client_for(user_for_role):
    """An API client authenticated (by session force-login) as the given role."""

    def make(role: str) -> APIClient:
        client = APIClient()
        user = user_for_role(role)
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
