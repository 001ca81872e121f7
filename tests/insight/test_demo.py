"""The demo data shows a dormant twinning and an unbalanced partner."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import User
from insight.selectors import (
    partner_city_reciprocity_list,
    partnership_health_list,
    with_reciprocity,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dormant_twinning_and_an_unbalanced_partner():
    with translation.override("en"):
        call_command("load_demo_data", stdout=io.StringIO())
    admin = User.objects.filter(role="administrator").first()
    dormant = partnership_health_list(
        user=admin, filters={"verdict": ["dormant"], "kind": ["twinning"], "status": ["active"]}
    )
    assert "Craiova" in [p.partner_city.name for p in dormant]
    top = with_reciprocity(partner_city_reciprocity_list(user=admin), link="partner_city").order_by(
        "-delegation_balance"
    )[0]
    assert top.name == "Guangzhou"
    assert top.delegations_sent == 0
    assert top.delegations_received >= 3
