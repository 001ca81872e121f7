"""Status changes and application decisions through the API, with their rules."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exchanges.models import Application
from tests import factories as f


def apply(client, program, email="awa@mail.example", **extra):
    return client.post(
        reverse("api:application-list"),
        {
            "program": program.pk,
            "applicant_name": "Awa Ndiaye",
            "applicant_email": email,
            "motivation": "Water management.",
            **extra,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


@pytest.mark.django_db
def test_an_application_outside_the_window_is_refused(api_client_for):
    today = timezone.localdate()
    closed = f.ExchangeProgramFactory(
        applications_open_on=today - dt.timedelta(days=30),
        applications_close_on=today - dt.timedelta(days=1),
    )
    answer = apply(api_client_for("partner"), closed)
    assert answer.status_code == 400
    assert "closed" in answer.json()["error"]["fields"]["program"][0]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_second_application_by_the_same_email_is_refused(api_client_for, partner_user):
    program = f.ExchangeProgramFactory()
    client = api_client_for("partner")
    first = apply(client, program)
    assert first.status_code == 201
    assert first.json()["organisation"]["id"] == partner_user.organisation_id
    second = apply(client, program, email="AWA@mail.example")
    assert second.status_code == 400
    assert "applicant_email" in second.json()["error"]["fields"]
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_group_size_and_capacity_are_enforced(api_client_for):
    program = f.ExchangeProgramFactory(capacity=3, max_participants_per_application=2)
    f.ApplicationFactory(program=program, participants_count=2, status="accepted")
    client = api_client_for("partner")
    too_big = apply(client, program, participants_count=3)
    assert "participants_count" in too_big.json()["error"]["fields"]
    no_room = apply(client, program, participants_count=2)
    assert no_room.status_code == 400
    assert "1" in no_room.json()["error"]["fields"]["participants_count"][0]


@pytest.mark.django_db
def test_deciding_emails_the_applicant_in_their_language(
    api_client_for, partner_user, django_capture_on_commit_callbacks
):
    partner_user.preferred_language = "en"
    partner_user.save()
    application = f.ApplicationFactory(submitted_by=partner_user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_client_for("editor").post(
            reverse("api:application-decide", args=[application.pk]),
            {"status": "accepted", "note": "Welcome!"},
            format="json",
        )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "accepted"
    assert answer.json()["decided_at"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.applicant_email]
    assert "accepted" in mail.outbox[0].body
    assert "Welcome!" in mail.outbox[0].body


@pytest.mark.django_db
def test_accepting_beyond_capacity_is_refused(api_client_for):
    program = f.ExchangeProgramFactory(capacity=1)
    f.ApplicationFactory(program=program, status="accepted")
    waiting = f.ApplicationFactory(program=program)
    answer = api_client_for("editor").post(
        reverse("api:application-decide", args=[waiting.pk]), {"status": "accepted"}
    )
    assert answer.status_code == 400
    assert not mail.outbox


@pytest.mark.django_db
def test_the_applicant_withdraws_and_others_cannot(api_client_for, partner_user):
    application = f.ApplicationFactory(organisation=partner_user.organisation)
    url = reverse("api:application-withdraw", args=[application.pk])
    assert api_client_for("viewer").post(url).status_code == 403
    answer = api_client_for("partner").post(url)
    assert answer.status_code == 200
    assert answer.json()["status"] == "withdrawn"
    assert api_client_for("partner").post(url).status_code == 400


@pytest.mark.django_db
def test_partnership_life_cycle_is_recorded_with_who_and_why(api_client_for, editor):
    partnership = f.PartnershipFactory(status="negotiating", signed_on=None)
    client = api_client_for("editor")
    answer = client.post(
        reverse("api:partnership-transition", args=[partnership.pk]),
        {"status": "active", "note": "Signed by both councils", "on": "2024-04-02"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["signed_on"] == "2024-04-02"
    last = partnership.history.first()
    assert last.history_user == editor
    assert last.history_change_reason == "Signed by both councils"
    renewed = client.post(
        reverse("api:partnership-renew", args=[partnership.pk]),
        {"renewed_on": "2025-04-02", "next_review_on": "2030-04-02"},
        format="json",
    )
    assert renewed.json()["review_on"] == "2030-04-02"
    ended = client.post(
        reverse("api:partnership-transition", args=[partnership.pk]), {"status": "ended"}
    )
    assert ended.json()["ended_on"] == timezone.localdate().isoformat()
    assert (
        api_client_for("viewer")
        .post(reverse("api:partnership-transition", args=[partnership.pk]), {"status": "active"})
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_delegation_transitions_follow_the_life_cycle(api_client_for):
    delegation = f.DelegationFactory(status="planned")
    url = reverse("api:delegation-transition", args=[delegation.pk])
    client = api_client_for("editor")
    assert client.post(url, {"status": "done"}).status_code == 400
    assert client.post(url, {"status": "confirmed"}).json()["status"] == "confirmed"
