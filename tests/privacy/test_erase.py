"""Erasing one person: everywhere their e-mail appears, chosen records, history, permission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from knox.models import AuthToken

from exchanges.models import ApplicationDocument
from privacy.models import Erasure
from privacy.registry import MARKER
from privacy.services import person_erase
from tests import factories as f

pytestmark = pytest.mark.django_db

EMAIL = "Jana.Novak@Partner.example"


@pytest.fixture
def jana(partner_organisation):
    """Jana appears in five places; Jan, another person, in one."""
    member = f.DelegationMemberFactory(
        full_name="Jana Novak", email="jana.novak@partner.example", phone="+420 1"
    )
    application = f.ApplicationFactory(
        applicant_name="Jana Novak",
        applicant_email="jana.novak@partner.example",
        motivation="Personal reasons.",
    )
    document = f.ApplicationDocumentFactory(application=application)
    participant = f.ParticipantFactory(full_name="Jana Novak", email="JANA.NOVAK@partner.example")
    contact = f.ContactFactory(
        first_name="Jana",
        last_name="Novak",
        email="jana.novak@partner.example",
        notes="Prefers calls",
    )
    account = f.PartnerUserFactory(
        username="jnovak",
        first_name="Jana",
        last_name="Novak",
        email="jana.novak@partner.example",
        organisation=partner_organisation,
    )
    AuthToken.objects.create(user=account)
    proposal = f.ProposalFactory(
        contact_name="Jana Novak", contact_email="jana.novak@partner.example"
    )
    consulate = f.ConsulateFactory(
        consul_name="Jana Novak", email="jana.novak@partner.example", phone="+33 4 00"
    )
    other = f.DelegationMemberFactory(full_name="Jan Novak", email="jan@partner.example")
    return {
        "member": member,
        "application": application,
        "document": document,
        "participant": participant,
        "contact": contact,
        "account": account,
        "proposal": proposal,
        "consulate": consulate,
        "other": other,
    }


def test_erasing_by_email_anonymises_the_person_everywhere_and_no_one_else(jana, administrator):
    result = person_erase(user=administrator, email=EMAIL, reason="Request of 3 March by e-mail")

    for obj in jana.values():
        if obj is not jana["document"]:
            obj.refresh_from_db()
    assert result.total == 7
    assert jana["member"].full_name == MARKER
    assert jana["member"].phone == ""
    assert jana["application"].applicant_name == MARKER
    assert jana["application"].motivation == MARKER
    assert not ApplicationDocument.objects.filter(pk=jana["document"].pk).exists()
    assert jana["participant"].full_name == MARKER
    assert (jana["contact"].first_name, jana["contact"].last_name) == ("", MARKER)
    assert jana["contact"].notes == ""
    account = jana["account"]
    assert (account.username, account.email, account.is_active) == (
        f"erased-{account.pk}",
        "",
        False,
    )
    assert not account.has_usable_password()
    assert not AuthToken.objects.filter(user=account).exists()
    assert jana["proposal"].contact_name == MARKER
    assert jana["proposal"].contact_email.endswith("@anonymised.invalid")
    consulate = jana["consulate"]
    assert (consulate.consul_name, consulate.email, consulate.phone) == ("", "", "")
    assert consulate.published  # the consulate stays in the directory
    assert jana["other"].full_name == "Jan Novak"


def test_the_history_says_who_erased_and_why_and_forgets_the_old_values(jana, administrator):
    with translation.override("en"):
        person_erase(user=administrator, email=EMAIL, reason="Request of 3 March by e-mail")

    latest = jana["member"].history.latest()
    assert latest.history_user == administrator
    assert latest.history_change_reason == "Erased on request: Request of 3 March by e-mail"
    assert set(jana["member"].history.values_list("full_name", flat=True)) == {MARKER}
    assert set(jana["contact"].history.values_list("email", flat=True)) == {""}
    assert set(jana["account"].history.values_list("last_name", flat=True)) == {""}

    erasure = Erasure.objects.get()
    assert erasure.erased_by == administrator
    assert erasure.reason == "Request of 3 March by e-mail"
    assert f"delegations.delegationmember:{jana['member'].pk}" in erasure.records
    assert "jana" not in str(erasure.records).lower()


def test_a_record_without_the_email_can_be_chosen_too(jana, administrator):
    no_email = f.DelegationMemberFactory(full_name="Jana Novak", email="")

    person_erase(user=administrator, email=EMAIL, records=[no_email], reason="Request")

    no_email.refresh_from_db()
    assert no_email.full_name == MARKER


def test_a_staff_account_is_never_erased_as_a_person(administrator, editor):
    editor.email = "jana.novak@partner.example"
    editor.save()
    f.DelegationMemberFactory(full_name="Jana Novak", email="jana.novak@partner.example")

    person_erase(user=administrator, email=EMAIL, records=[editor], reason="Request")

    editor.refresh_from_db()
    assert editor.is_active
    assert editor.email == "jana.novak@partner.example"


@pytest.mark.parametrize("role", ["editor", "viewer", "partner_user"])
def test_only_administrators_may_erase(jana, request, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        person_erase(user=user, email=EMAIL, reason="Request")

    jana["member"].refresh_from_db()
    assert jana["member"].full_name == "Jana Novak"
    assert not Erasure.objects.exists()


def test_a_reason_is_required(jana, administrator):
    with pytest.raises(ValidationError) as error:
        person_erase(user=administrator, email=EMAIL, reason="  ")
    assert "reason" in error.value.message_dict


def test_erasing_someone_the_portal_does_not_know_is_an_error(administrator):
    with pytest.raises(ValidationError):
        person_erase(user=administrator, email="nobody@nowhere.example", reason="Request")
    assert not Erasure.objects.exists()


def test_erasing_twice_finds_nothing_the_second_time(jana, administrator):
    person_erase(user=administrator, email=EMAIL, reason="Request")
    with pytest.raises(ValidationError):
        person_erase(user=administrator, email=EMAIL, reason="Request")
