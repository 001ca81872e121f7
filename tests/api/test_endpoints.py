"""Every endpoint of the router, with every role, for list, retrieve, create, update, delete.

Anonymous writes answer 401, read-only roles 403, rows out of a user's scope 404.
Each endpoint only supplies its factory and payloads (``endpoints.py``).
"""

import pytest
from django.urls import reverse

from tests.conftest import ROLES

from .endpoints import ENDPOINTS, walked_basenames

BASENAMES = walked_basenames()
# Models a partner member may change or delete, in their own scope only.
PARTNER_CHANGES = {"organisation", "contact"}
PARTNER_DELETES = {"contact"}


def test_every_registered_endpoint_is_described():
    assert set(BASENAMES) == set(ENDPOINTS), "add the new endpoint to tests/api/endpoints.py"


def expected(basename: str, role: str, operation: str) -> int:
    endpoint = ENDPOINTS[basename]
    read_only = endpoint.payload is None
    success = {"list": 200, "retrieve": 200, "create": 201, "update": 200, "delete": 204}
    if basename == "user":
        if role == "anonymous":
            return 401
        return success[operation] if role == "administrator" else 403
    if operation in ("list", "retrieve"):
        if operation == "retrieve" and role in ("anonymous", "partner") and not endpoint.public:
            return 404
        return 200
    if role == "anonymous":
        return 401
    if role == "viewer":
        return 403
    if role == "partner":
        if operation == "create":
            return 201 if endpoint.partner_can_add else 403
        allowed = PARTNER_CHANGES if operation == "update" else PARTNER_DELETES
        # Allowed on their own rows only: the factory's record belongs to someone else.
        return 404 if basename in allowed else 403
    if read_only:
        return 405
    return success[operation]


def _send(client, method, url, endpoint, data):
    if endpoint.multipart and method == "post":
        return client.post(url, data, format="multipart")
    return getattr(client, method)(url, data, format="json")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("basename", BASENAMES)
def test_endpoint_answers_each_role_as_the_permissions_say(
    basename, role, api_client_for, user_for_role
):
    endpoint = ENDPOINTS[basename]
    client = api_client_for(role)
    user = user_for_role(role)
    record = endpoint.factory()
    model = type(record)
    list_url = reverse(f"api:{basename}-list")
    detail_url = reverse(f"api:{basename}-detail", args=[record.pk])

    answers = {
        "list": client.get(list_url),
        "retrieve": client.get(detail_url),
        "update": client.patch(detail_url, endpoint.change, format="json"),
    }
    before = model.objects.count()
    payload = endpoint.payload(user) if endpoint.payload else {"code": "water"}
    created_before = model.objects.count()
    answers["create"] = _send(client, "post", list_url, endpoint, payload)
    answers["delete"] = client.delete(detail_url)

    for operation, response in answers.items():
        want = expected(basename, role, operation)
        assert response.status_code == want, (
            f"{role} {operation} {basename}: {response.status_code} {getattr(response, 'data', '')}"
        )
        if response.status_code >= 400 and response.status_code != 405:
            assert set(response.json()["error"]) == {"status", "code", "message", "fields"}
    assert before <= created_before
    if answers["create"].status_code == 201:
        assert model.objects.filter(pk=answers["create"].json()["id"]).exists()
    if answers["delete"].status_code == 204:
        assert not model.objects.filter(pk=record.pk).exists()
    else:
        assert model.objects.filter(pk=record.pk).exists()
