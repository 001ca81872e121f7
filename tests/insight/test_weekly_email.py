"""The weekly e-mail: the editors hear of the partnerships whose verdict changed."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from insight.models import HealthVerdict
from insight.tasks import email_health_changes
from tests import factories as f

from .conftest import ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(db):
    return [
        f.UserFactory(
            username="ed1", role="editor", email="ed1@lyon.example", preferred_language="en"
        ),
        f.UserFactory(
            username="ed2", role="editor", email="ed2@lyon.example", preferred_language="fr"
        ),
        f.UserFactory(username="viewer2", role="viewer", email="viewer@lyon.example"),
        f.UserFactory(username="gone", role="editor", email="gone@lyon.example", is_active=False),
    ]


def test_it_is_scheduled_every_week():
    entry = settings.CELERY_BEAT_SCHEDULE["partnership-health-changes"]
    assert entry["task"] == "insight.email_health_changes"
    assert entry["schedule"].day_of_week == {1}


def test_the_first_check_records_the_verdicts_and_reports_nothing(quiet_world, editors):
    assert email_health_changes() == 0
    assert mail.outbox == []
    kept = dict(HealthVerdict.objects.values_list("partnership__partner_city__name", "verdict"))
    assert kept == {"Leipzig": "lively", "Milan": "slowing", "Yokohama": "dormant"}


def test_a_changed_verdict_is_mailed_to_each_active_editor_once(quiet_world, editors):
    email_health_changes()
    milan = quiet_world["Milan"]
    # A delegation sent last week: Milan is lively again.
    f.DelegationFactory(
        local_government=milan.local_government,
        partner_city=milan.partner_city,
        partnership=milan,
        direction="outgoing",
        status="done",
        starts_on=ago(days=7),
        ends_on=ago(days=5),
    )

    assert email_health_changes() == 1

    assert sorted(m.to[0] for m in mail.outbox) == ["ed1@lyon.example", "ed2@lyon.example"]
    english = next(m for m in mail.outbox if m.to == ["ed1@lyon.example"])
    assert "1 change" in english.subject
    assert "Slowing → Lively" in english.body
    assert f"/staff/partnerships/{milan.pk}/" in english.body
    assert "Leipzig" not in english.body
    kept = HealthVerdict.objects.get(partnership=milan)
    assert kept.verdict == "lively"
    assert kept.since == timezone.localdate()

    # Nothing moved since: nothing is sent.
    mail.outbox.clear()
    assert email_health_changes() == 0
    assert mail.outbox == []


def test_a_partnership_going_quiet_with_time_is_reported(quiet_world, editors):
    # Checked today, Leipzig's last visit (6 months ago) is recent…
    from insight.services import health_verdicts_refresh

    health_verdicts_refresh(today=timezone.localdate())
    assert email_health_changes() == 0
    # …two years later, with nothing new, it is slowing; Milan's visit planned for next
    # month has taken place by then.
    later = timezone.localdate() + dt.timedelta(days=2 * 365)
    changes = health_verdicts_refresh(today=later)
    assert [(c.name.split(" – ")[1].split(" (")[0], c.previous, c.verdict) for c in changes] == [
        ("Leipzig", "lively", "slowing"),
        ("Milan", "slowing", "lively"),
    ]


def test_an_ended_partnership_is_no_longer_followed(quiet_world, editors):
    email_health_changes()
    yokohama = quiet_world["Yokohama"]
    type(yokohama).objects.filter(pk=yokohama.pk).update(
        status="ended", ended_on=timezone.localdate()
    )
    assert email_health_changes() == 0
    assert not HealthVerdict.objects.filter(partnership=yokohama).exists()
