"""The erase page of the admin: the same service, the same rule (administrators only)."""

import pytest
from django.test import Client
from django.urls import reverse

from privacy.models import Erasure
from privacy.registry import MARKER
from tests import factories as f

pytestmark = pytest.mark.django_db

ERASE = reverse("admin:privacy_erasure_erase")
CHANGELIST = reverse("admin:privacy_erasure_changelist")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_erases_a_person_from_the_admin(administrator):
    member = f.DelegationMemberFactory(full_name="Li Wei", email="li.wei@hangzhou.example")
    client = signed_in(administrator)
    assert ERASE in client.get(CHANGELIST).content.decode()

    response = client.post(
        ERASE,
        {"email": "li.wei@hangzhou.example", "reason": "Written request", "confirm": "on"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == CHANGELIST
    member.refresh_from_db()
    assert member.full_name == MARKER
    assert member.history.latest().history_user == administrator
    erasure = Erasure.objects.get()
    assert erasure.reason == "Written request"
    assert "Written request" in response.content.decode()


def test_the_admin_says_so_when_nobody_has_the_email(administrator):
    response = signed_in(administrator).post(
        ERASE, {"email": "nobody@nowhere.example", "reason": "Request", "confirm": "on"}
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Erasure.objects.exists()


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_other_staff_cannot_erase_from_the_admin(request, role):
    member = f.DelegationMemberFactory(full_name="Li Wei", email="li.wei@hangzhou.example")
    client = signed_in(request.getfixturevalue(role))

    assert client.get(ERASE).status_code == 403
    response = client.post(
        ERASE, {"email": "li.wei@hangzhou.example", "reason": "Request", "confirm": "on"}
    )
    assert response.status_code == 403
    assert client.get(CHANGELIST).status_code == 403
    member.refresh_from_db()
    assert member.full_name == "Li Wei"


def test_an_erasure_cannot_be_added_changed_or_deleted_by_hand(administrator):
    client = signed_in(administrator)
    erasure = Erasure.objects.create(erased_by=administrator, reason="Request", records=[])

    assert client.get(reverse("admin:privacy_erasure_add")).status_code == 403
    assert (
        client.post(reverse("admin:privacy_erasure_delete", args=[erasure.pk])).status_code == 403
    )
    page = client.get(reverse("admin:privacy_erasure_change", args=[erasure.pk]))
    assert page.status_code == 200
    assert 'name="reason"' not in page.content.decode()
