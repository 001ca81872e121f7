"""Fixtures shared by the whole suite: one user per role, and clients signed in as them."""

import pytest
from rest_framework.test import APIClient

from accounts.choices import Role

from .factories import OrganisationFactory, PartnerUserFactory, UserFactory

ROLES = ("anonymous", "partner", "viewer", "editor", "administrator")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and report outputs go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
