"""``manage.py anonymise_personal_data`` and the nightly task around the same service."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from privacy.registry import MARKER
from privacy.tasks import anonymise_expired
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_member():
    delegation = f.DelegationFactory(
        starts_on=dt.date(2010, 5, 6), ends_on=dt.date(2010, 5, 9), status="done"
    )
    return f.DelegationMemberFactory(delegation=delegation, full_name="Li Wei")


def run(*args) -> str:
    out = StringIO()
    call_command("anonymise_personal_data", *args, stdout=out)
    return out.getvalue()


def test_the_command_anonymises_and_says_what_it_did(old_member):
    output = run()

    old_member.refresh_from_db()
    assert old_member.full_name == MARKER
    assert f"Retention {settings.PERSONAL_DATA_RETENTION_YEARS} years" in output
    assert "Anonymised 1 delegation member(s)." in output
    assert "Anonymised 0 application(s)." in output
    assert "Anonymised 1 record(s) in all." in output

    assert "Anonymised 0 record(s) in all." in run()


def test_a_dry_run_only_counts(old_member):
    output = run("--dry-run")

    old_member.refresh_from_db()
    assert old_member.full_name == "Li Wei"
    assert "Would anonymise 1 record(s) in all." in output


def test_the_retention_can_be_given_on_the_command_line(old_member):
    assert "Anonymised 0 record(s) in all." in run("--retention-years", "50")
    old_member.refresh_from_db()
    assert old_member.full_name == "Li Wei"

    with pytest.raises(CommandError):
        run("--retention-years", "-1")


def test_the_nightly_task_uses_the_retention_setting(old_member, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 50
    assert anonymise_expired()["delegation_member"] == 0

    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    assert anonymise_expired()["delegation_member"] == 1
    old_member.refresh_from_db()
    assert old_member.full_name == MARKER


def test_the_task_runs_every_night_from_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-personal-data"]
    assert entry["task"] == anonymise_expired.name
