"""Anonymisation after the retention period: who is anonymised, what stays, the history."""

import datetime as dt

import pytest
from django.utils import translation

from delegations.models import DelegationMember
from exchanges.models import Application, ApplicationDocument, Participant
from privacy.registry import MARKER
from privacy.services import personal_data_anonymise_expired, retention_cutoff
from reports.selectors import report_figures
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)


def old_delegation(**kwargs):
    return f.DelegationFactory(
        starts_on=dt.date(2019, 5, 6), ends_on=dt.date(2019, 5, 9), status="done", **kwargs
    )


def old_program(**kwargs):
    return f.ExchangeProgramFactory(
        applications_open_on=dt.date(2018, 9, 1),
        applications_close_on=dt.date(2018, 12, 1),
        starts_on=dt.date(2019, 2, 1),
        ends_on=dt.date(2019, 7, 1),
        **kwargs,
    )


def recent_program():
    return f.ExchangeProgramFactory(
        applications_open_on=dt.date(2023, 9, 1),
        applications_close_on=dt.date(2023, 12, 1),
        starts_on=dt.date(2024, 2, 1),
        ends_on=dt.date(2024, 7, 1),
    )


def test_the_cutoff_is_the_same_day_n_years_earlier_even_on_29_february():
    assert retention_cutoff(dt.date(2026, 3, 1), 5) == dt.date(2021, 3, 1)
    assert retention_cutoff(dt.date(2024, 2, 29), 5) == dt.date(2019, 2, 28)


def test_members_of_a_delegation_ended_past_retention_are_anonymised():
    member = f.DelegationMemberFactory(
        delegation=old_delegation(),
        full_name="Li Wei",
        email="li.wei@hangzhou.example",
        phone="+86 571 0000",
        position="Deputy mayor",
        role="elected",
        is_head=True,
    )

    result = personal_data_anonymise_expired(today=TODAY, retention_years=5)

    member.refresh_from_db()
    assert result.counts["delegation_member"] == 1
    assert (member.full_name, member.email, member.phone, member.position) == (MARKER, "", "", "")
    # The facts the reports count are kept.
    assert member.role == "elected"
    assert member.is_head is True


def test_recent_records_are_left_alone():
    recent_delegation = f.DelegationFactory(
        starts_on=dt.date(2022, 5, 6), ends_on=dt.date(2022, 5, 9), status="done"
    )
    member = f.DelegationMemberFactory(delegation=recent_delegation, full_name="Anna Keller")
    program = recent_program()
    application = f.ApplicationFactory(program=program, applicant_name="Tom Roux")
    participant = f.ParticipantFactory(
        program=program,
        full_name="Tom Roux",
        departed_on=dt.date(2024, 2, 1),
        returned_on=dt.date(2024, 7, 1),
    )

    result = personal_data_anonymise_expired(today=TODAY, retention_years=5)

    assert result.total == 0
    member.refresh_from_db()
    application.refresh_from_db()
    participant.refresh_from_db()
    assert member.full_name == "Anna Keller"
    assert application.applicant_name == "Tom Roux"
    assert participant.full_name == "Tom Roux"


def test_a_longer_retention_keeps_what_a_shorter_one_anonymises():
    member = f.DelegationMemberFactory(delegation=old_delegation(), full_name="Li Wei")

    assert personal_data_anonymise_expired(today=TODAY, retention_years=10).total == 0
    member.refresh_from_db()
    assert member.full_name == "Li Wei"

    assert personal_data_anonymise_expired(today=TODAY, retention_years=5).total == 1
    member.refresh_from_db()
    assert member.full_name == MARKER


def test_applications_and_participants_of_an_old_program_are_anonymised_with_their_documents():
    program = old_program()
    application = f.ApplicationFactory(
        program=program,
        applicant_name="Jeanne Petit",
        applicant_email="jeanne@mail.example",
        motivation="My grandmother was born in Frankfurt.",
        decision_note="Excellent file, speaks German.",
        participants_count=3,
        status="accepted",
    )
    document = f.ApplicationDocumentFactory(application=application, original_name="cv-jeanne.pdf")
    participant = f.ParticipantFactory(
        program=program,
        application=application,
        full_name="Jeanne Petit",
        email="jeanne@mail.example",
        departed_on=dt.date(2019, 2, 1),
        returned_on=dt.date(2019, 7, 1),
    )

    result = personal_data_anonymise_expired(today=TODAY, retention_years=5)

    application.refresh_from_db()
    participant.refresh_from_db()
    assert result.counts == {"delegation_member": 0, "application": 1, "participant": 1}
    assert result.documents_deleted == 1
    assert application.applicant_name == MARKER
    assert application.applicant_email.endswith("@anonymised.invalid")
    assert "Frankfurt" not in application.motivation
    assert application.decision_note == ""
    assert (application.status, application.participants_count) == ("accepted", 3)
    assert (participant.full_name, participant.email) == (MARKER, "")
    assert participant.status == "took_part"
    assert participant.departed_on == dt.date(2019, 2, 1)
    assert not ApplicationDocument.objects.filter(pk=document.pk).exists()


def test_the_document_file_is_removed_from_storage_on_commit(django_capture_on_commit_callbacks):
    application = f.ApplicationFactory(program=old_program())
    document = f.ApplicationDocumentFactory(application=application)
    name, storage = document.file.name, document.file.storage
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_anonymise_expired(today=TODAY, retention_years=5)

    assert not storage.exists(name)


def test_a_second_run_changes_nothing_and_writes_no_history():
    member = f.DelegationMemberFactory(delegation=old_delegation(), full_name="Li Wei")
    f.ApplicationFactory(program=old_program())

    first = personal_data_anonymise_expired(today=TODAY, retention_years=5)
    versions = member.history.count()
    second = personal_data_anonymise_expired(today=TODAY, retention_years=5)

    assert first.total == 2
    assert second.total == 0
    assert member.history.count() == versions


def test_the_history_records_the_change_with_its_reason_and_forgets_the_old_names():
    member = f.DelegationMemberFactory(
        delegation=old_delegation(), full_name="Li Wei", email="li.wei@hangzhou.example"
    )
    member.full_name = "Li Wei (Dr)"
    member.save()

    with translation.override("en"):
        personal_data_anonymise_expired(today=TODAY, retention_years=5)

    latest = member.history.latest()
    assert latest.history_type == "~"
    assert latest.history_change_reason == (
        "Personal data anonymised after the retention period (5 years)"
    )
    assert latest.history_user is None
    assert member.history.count() == 3
    names = set(member.history.values_list("full_name", flat=True))
    emails = set(member.history.values_list("email", flat=True))
    assert names == {MARKER}
    assert emails == {""}


def test_a_dry_run_counts_without_changing_anything():
    member = f.DelegationMemberFactory(delegation=old_delegation(), full_name="Li Wei")
    application = f.ApplicationFactory(program=old_program())
    f.ApplicationDocumentFactory(application=application)

    result = personal_data_anonymise_expired(today=TODAY, retention_years=5, dry_run=True)

    assert result.counts["delegation_member"] == 1
    assert result.counts["application"] == 1
    assert result.documents_deleted == 1
    member.refresh_from_db()
    assert member.full_name == "Li Wei"
    assert ApplicationDocument.objects.count() == 1


def test_the_annual_report_of_an_old_year_keeps_its_figures():
    incoming = old_delegation(direction="incoming")
    outgoing = old_delegation(direction="outgoing")
    for role in ("elected", "business", "diaspora"):
        f.DelegationMemberFactory(delegation=incoming, role=role, email=f"{role}@x.example")
    f.DelegationMemberFactory(delegation=outgoing, role="staff")
    program = old_program()
    for i, status in enumerate(("accepted", "rejected", "waitlisted")):
        application = f.ApplicationFactory(program=program, status=status, participants_count=i + 1)
        Application.objects.filter(pk=application.pk).update(
            submitted_at=dt.datetime(2018, 10, 1, 12, tzinfo=dt.UTC)
        )
    for direction in ("outgoing", "incoming"):
        f.ParticipantFactory(
            program=program,
            direction=direction,
            departed_on=dt.date(2019, 2, 1),
            returned_on=dt.date(2019, 7, 1),
        )

    def figures(year):
        data = report_figures(year=year)
        data.pop("generated_at")
        return data

    before = (figures(2018), figures(2019))
    assert before[1]["delegations"]["members"] == 4
    assert before[1]["exchanges"]["participants"] == 2

    result = personal_data_anonymise_expired(today=TODAY, retention_years=5)

    assert result.total == 4 + 3 + 2
    assert DelegationMember.objects.exclude(full_name=MARKER).count() == 0
    assert Participant.objects.exclude(full_name=MARKER).count() == 0
    assert (figures(2018), figures(2019)) == before
