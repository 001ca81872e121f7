"""Token sign-in, listing, revoking and signing out."""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post(
        reverse("api:auth-login"), {"username": username, "password": password}, format="json"
    )


@pytest.mark.django_db
def test_a_token_signs_in_lists_and_signs_out(editor):
    client = APIClient()
    answer = login(client, editor.username)
    assert answer.status_code == 200
    token = answer.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    listed = client.get(reverse("api:token-list")).json()["results"]
    assert len(listed) == 1
    assert listed[0]["current"] is True
    assert token not in str(listed)  # the secret is shown once, at sign-in
    assert "digest" not in listed[0]

    # The token works for writes, and history records who made the change.
    created = client.post(
        reverse("api:network-list"), {"name": "UCLG", "scope": "world"}, format="json"
    )
    assert created.status_code == 201
    from cooperation.models import Network

    assert Network.history.get(id=created.json()["id"]).history_user == editor

    assert client.post(reverse("api:auth-logout")).status_code == 204
    assert not AuthToken.objects.filter(user=editor).exists()
    assert client.get(reverse("api:token-list")).status_code == 401


@pytest.mark.django_db
def test_wrong_credentials_are_refused_and_counted(editor, settings):
    client = APIClient()
    answer = login(client, editor.username, "wrong")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["non_field_errors"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, editor.username, "wrong")
    locked = login(client, editor.username)  # even the right password, once locked out
    assert locked.status_code == 429


@pytest.mark.django_db
def test_one_revokes_own_tokens_only_and_administrators_anyone(editor, viewer, administrator):
    _, mine = AuthToken.objects.create(user=editor)
    other, _ = AuthToken.objects.create(user=viewer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {mine}")
    spare, _ = AuthToken.objects.create(user=editor)

    assert client.delete(reverse("api:token-detail", args=[other.token_key])).status_code == 404
    assert client.delete(reverse("api:token-detail", args=[spare.token_key])).status_code == 204
    assert AuthToken.objects.filter(user=viewer).exists()

    admin = APIClient()
    admin.force_authenticate(administrator)
    listed = admin.get(reverse("api:token-list"), {"user": viewer.pk}).json()["results"]
    assert [t["token_key"] for t in listed] == [other.token_key]
    assert admin.delete(reverse("api:token-detail", args=[other.token_key])).status_code == 204
    assert not AuthToken.objects.filter(user=viewer).exists()


@pytest.mark.django_db
def test_administrators_create_users_with_a_role_and_organisation(
    api_client_for, partner_organisation
):
    answer = api_client_for("administrator").post(
        reverse("api:user-list"),
        {
            "username": "new-partner",
            "role": "partner",
            "organisation": partner_organisation.pk,
            "password": "a-long-pass-phrase-2024",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["organisation"] == {
        "id": partner_organisation.pk,
        "name": partner_organisation.name,
    }
    assert "password" not in answer.json()
    assert login(APIClient(), "new-partner", "a-long-pass-phrase-2024").status_code == 200
    weak = api_client_for("administrator").post(
        reverse("api:user-list"),
        {"username": "weak", "role": "viewer", "password": "123"},
        format="json",
    )
    assert weak.status_code == 400
    assert "password" in weak.json()["error"]["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("scheme", ["Token", "token", "Basic"])
def test_credentials_under_another_scheme_are_refused_not_read_as_anonymous(scheme, editor):
    from tests.factories import PartnershipFactory

    PartnershipFactory(published=False)
    _, token = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {token}", HTTP_ACCEPT_LANGUAGE="en")

    answer = client.get(reverse("api:partnership-list"))

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Bearer"
    message = answer.json()["error"]["message"]
    assert f"« {scheme} »" in message
    assert "« Bearer <token> »" in message


@pytest.mark.django_db
def test_the_same_key_as_bearer_is_accepted(editor):
    from tests.factories import PartnershipFactory

    PartnershipFactory(published=False)
    _, token = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    answer = client.get(reverse("api:partnership-list"))

    assert answer.status_code == 200
    assert answer.json()["count"] == 1  # the unpublished record: the editor is signed in
