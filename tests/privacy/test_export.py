"""The export of one person's data: all their records, nothing of anyone else."""

import json

import pytest

from privacy.selectors import person_export
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_record_of_the_person_and_nothing_of_another(partner_organisation):
    delegation = f.DelegationFactory(title="Hangzhou medical technology mission")
    member = f.DelegationMemberFactory(
        delegation=delegation, full_name="Li Wei", email="li.wei@hangzhou.example", phone="+86 1"
    )
    colleague = f.DelegationMemberFactory(
        delegation=delegation, full_name="Zhang Min", email="zhang@hangzhou.example"
    )
    application = f.ApplicationFactory(
        applicant_name="Li Wei", applicant_email="LI.WEI@hangzhou.example", motivation="Research"
    )
    f.ApplicationDocumentFactory(application=application, original_name="cv-li-wei.pdf")
    f.ApplicationFactory(applicant_name="Zhang Min", applicant_email="zhang@hangzhou.example")
    account = f.PartnerUserFactory(
        username="liwei", email="li.wei@hangzhou.example", organisation=partner_organisation
    )
    member.position = "Deputy director"
    member.save()

    document = person_export(email="Li.Wei@Hangzhou.example")
    text = json.dumps(document, default=str)

    assert document["email"] == "li.wei@hangzhou.example"
    assert document["count"] == 3
    assert set(document["records"]) == {"delegation_member", "application", "user"}
    (exported_member,) = document["records"]["delegation_member"]
    assert exported_member["data"]["full_name"] == "Li Wei"
    assert exported_member["data"]["phone"] == "+86 1"
    assert exported_member["data"]["delegation"]["label"] == "Hangzhou medical technology mission"
    assert [v["change"] for v in exported_member["history"]] == ["created", "changed"]
    assert exported_member["history"][-1]["values"]["position"] == "Deputy director"
    (exported_application,) = document["records"]["application"]
    assert exported_application["data"]["motivation"] == "Research"
    assert exported_application["documents"][0]["name"] == "cv-li-wei.pdf"
    (exported_account,) = document["records"]["user"]
    assert exported_account["data"]["username"] == "liwei"
    assert "password" not in exported_account["data"]
    assert account.password not in text
    assert "Zhang" not in text
    assert "zhang@" not in text
    assert f"delegationmember:{colleague.pk}" not in text


def test_the_export_of_an_unknown_address_is_empty():
    f.DelegationMemberFactory(email="someone@else.example")

    document = person_export(email="nobody@nowhere.example")

    assert document["count"] == 0
    assert document["records"] == {}
