"""The services every entry point calls: history, governed fields, business rules."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cooperation.models import Network
from exchanges.services import application_decide, application_submit
from intl_relations.services import record_create, record_delete, record_update
from organisations.services import organisation_approve
from partnerships.models import Partnership
from partnerships.services import partnership_change_status
from tests import factories as f


@pytest.mark.django_db
def test_record_create_records_who_did_it_and_sets_many_to_many(editor):
    city = f.PartnerCityFactory()
    partnership = record_create(
        model=Partnership,
        data={
            "local_government": f.LocalGovernmentFactory(),
            "partner_city": city,
            "kind": "mou",
            "themes": [f.theme("water")],
        },
        user=editor,
    )
    assert [t.code for t in partnership.themes.all()] == ["water"]
    assert partnership.history.earliest().history_user == editor


@pytest.mark.django_db
def test_record_update_refuses_governed_status_and_unknown_fields(editor):
    partnership = f.PartnershipFactory(status="active")
    with pytest.raises(ValidationError) as caught:
        record_update(instance=partnership, data={"status": "ended"}, user=editor)
    assert "status" in caught.value.message_dict
    with pytest.raises(ValidationError):
        record_update(instance=partnership, data={"colour": "blue"}, user=editor)


@pytest.mark.django_db
def test_record_writes_are_refused_to_read_only_roles(viewer):
    with pytest.raises(PermissionDenied):
        record_create(model=Network, data={"name": "AIMF", "scope": "francophone"}, user=viewer)
    with pytest.raises(PermissionDenied):
        record_delete(instance=f.NetworkFactory(), user=viewer)


@pytest.mark.django_db
def test_a_broken_constraint_is_a_validation_error_and_nothing_is_saved(editor):
    with pytest.raises(ValidationError):
        record_create(model=Network, data={"name": "Bad", "scope": "nowhere"}, user=editor)
    assert not Network.objects.filter(name="Bad").exists()


@pytest.mark.django_db
def test_ending_a_partnership_sets_its_end_date(editor):
    partnership = f.PartnershipFactory(status="active")
    partnership_change_status(
        partnership=partnership, status="ended", user=editor, on=dt.date(2024, 12, 31)
    )
    partnership.refresh_from_db()
    assert partnership.ended_on == dt.date(2024, 12, 31)


@pytest.mark.django_db
def test_applications_before_the_window_opens_are_refused(partner_user):
    today = timezone.localdate()
    program = f.ExchangeProgramFactory(
        applications_open_on=today + dt.timedelta(days=3),
        applications_close_on=today + dt.timedelta(days=30),
    )
    with pytest.raises(ValidationError) as caught:
        application_submit(
            program=program,
            user=partner_user,
            organisation=None,
            data={"applicant_name": "A", "applicant_email": "a@x.example", "motivation": "m"},
        )
    assert "program" in caught.value.message_dict


@pytest.mark.django_db
def test_the_decision_email_is_french_by_default(editor, django_capture_on_commit_callbacks):
    application = f.ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, status="rejected", user=editor)
    assert len(mail.outbox) == 1
    assert application.program.title in mail.outbox[0].subject


@pytest.mark.django_db
def test_partner_members_cannot_take_decisions(partner_user, editor):
    application = f.ApplicationFactory(organisation=partner_user.organisation)
    with pytest.raises(PermissionDenied):
        application_decide(application=application, status="accepted", user=partner_user)
    organisation = f.OrganisationFactory(status="pending")
    with pytest.raises(PermissionDenied):
        organisation_approve(organisation=organisation, user=partner_user)
    assert organisation_approve(organisation=organisation, user=editor).status == "approved"
