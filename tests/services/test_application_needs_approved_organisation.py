import pytest
from django.core.exceptions import ValidationError

from exchanges.models import Application
from exchanges.services import application_submit
from tests.factories import ExchangeProgramFactory, OrganisationFactory, PartnerUserFactory

pytestmark = pytest.mark.django_db


def _data():
    return {
        "applicant_name": "Inès Moreau",
        "applicant_email": "ines@mail.example",
        "motivation": "A semester in our partner city.",
        "participants_count": 1,
    }


def test_a_member_of_a_pending_organisation_cannot_apply_until_staff_approve_it():
    member = PartnerUserFactory(organisation=OrganisationFactory(status="pending"))
    program = ExchangeProgramFactory()

    with pytest.raises(ValidationError) as caught:
        application_submit(program=program, user=member, organisation=None, data=_data())

    assert "doit être approuvée par le service" in str(caught.value.message_dict["organisation"][0])
    assert not Application.objects.exists()


def test_a_member_of_an_approved_organisation_can_apply():
    member = PartnerUserFactory(organisation=OrganisationFactory(status="approved"))

    application = application_submit(
        program=ExchangeProgramFactory(), user=member, organisation=None, data=_data()
    )

    assert application.organisation == member.organisation
