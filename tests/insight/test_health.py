"""Partnership health: the verdicts, dates and reasons a person would find by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from insight.health import health_reasons, suggested_action
from insight.selectors import partnership_health_list, verdict_filter, with_health
from partnerships.models import Partnership
from tests import factories as f

from .conftest import ago

pytestmark = pytest.mark.django_db


def health(partnership):
    return with_health(Partnership.objects.filter(pk=partnership.pk)).get()


def test_each_partnership_gets_the_verdict_of_its_own_records(quiet_world):
    leipzig, milan, yokohama = (health(quiet_world[n]) for n in ("Leipzig", "Milan", "Yokohama"))

    assert leipzig.verdict == "lively"
    assert leipzig.last_delegation_in == ago(days=183)
    assert leipzig.last_delegation_out == ago(6)
    assert leipzig.last_activity == ago(days=183)

    assert milan.verdict == "slowing"
    # The cancelled visit and the planned one do not count.
    assert milan.last_delegation_in == ago(3)
    assert milan.last_delegation_out is None
    assert milan.last_exchange == ago(4)
    assert milan.last_activity == ago(3)

    assert yokohama.verdict == "dormant"
    assert yokohama.last_delegation_out == ago(7)
    assert yokohama.last_agreement == dt.date(1960, 5, 12)
    assert yokohama.last_activity == ago(7)


def test_activity_is_counted_over_the_last_one_three_and_five_years(quiet_world):
    leipzig, milan, yokohama = (health(quiet_world[n]) for n in ("Leipzig", "Milan", "Yokohama"))
    assert (leipzig.activity_1y, leipzig.activity_3y, leipzig.activity_5y) == (1, 1, 1)
    # Received 3 years ago to the day (in the 3-year window), the exchange 4 years ago.
    assert (milan.activity_1y, milan.activity_3y, milan.activity_5y) == (0, 1, 2)
    assert (yokohama.activity_1y, yokohama.activity_3y, yokohama.activity_5y) == (0, 0, 0)


def test_the_reasons_name_each_quiet_source_with_its_year(quiet_world):
    milan = health(quiet_world["Milan"])
    reasons = health_reasons(milan)
    assert reasons[:3] == [
        f"no delegation received since {ago(3).year}",
        f"no exchange since {ago(4).year}",
        "not renewed since 1960",
    ]
    assert "no delegation sent on record" in reasons
    assert "no cooperation spending on record" in reasons

    leipzig = health(quiet_world["Leipzig"])
    assert health_reasons(leipzig) == [
        f"last activity: delegation received on {ago(days=183).strftime('%m/%d/%Y')}"
    ]


def test_the_suggested_action_goes_through_the_existing_pages(quiet_world):
    milan, yokohama = health(quiet_world["Milan"]), health(quiet_world["Yokohama"])

    visit = suggested_action(milan)
    assert visit.label == "Plan a visit"
    assert visit.url.startswith(reverse("staff:delegation_add") + "?partnership=")

    dormant = suggested_action(yokohama)
    assert dormant.label == "Move to dormant"
    detail = reverse("staff:partnership_detail", args=[yokohama.pk])
    assert dormant.url == f"{detail}#workflow-title"

    assert suggested_action(health(quiet_world["Leipzig"])) is None


def test_a_review_date_close_or_passed_suggests_a_renewal(quiet_world):
    leipzig = quiet_world["Leipzig"]
    Partnership.objects.filter(pk=leipzig.pk).update(
        review_on=timezone.localdate() + dt.timedelta(days=20)
    )
    assert suggested_action(health(leipzig)).label == "Renew"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda p: f.BudgetLineFactory(
                project=f.CooperationProjectFactory(
                    partnership=p, partner_city=p.partner_city, local_government=p.local_government
                ),
                year=timezone.localdate().year,
                spent_amount=Decimal("100"),
                apd_amount=Decimal("0"),
            ),
            id="spending this year",
        ),
        pytest.param(
            lambda p: f.FollowUpActionFactory(
                delegation=f.DelegationFactory(
                    partnership=p,
                    partner_city=p.partner_city,
                    local_government=p.local_government,
                    starts_on=ago(9),
                    ends_on=ago(9),
                ),
                status="done",
                due_on=ago(days=10),
            ),
            id="follow-up done",
        ),
        pytest.param(
            lambda p: f.PartnershipDocumentFactory(partnership=p, dated_on=ago(days=40)),
            id="document",
        ),
        pytest.param(
            lambda p: f.ContactFactory(partner_city=p.partner_city, organisation=None),
            id="contact",
        ),
        pytest.param(
            lambda p: Partnership.objects.filter(pk=p.pk).update(last_renewed_on=ago(1)),
            id="renewal",
        ),
    ],
)
def test_every_source_of_activity_revives_a_dormant_partnership(quiet_world, make):
    yokohama = quiet_world["Yokohama"]
    assert health(yokohama).verdict == "dormant"
    make(yokohama)
    assert health(yokohama).verdict == "lively"


def test_spending_without_money_spent_is_no_activity(quiet_world):
    yokohama = quiet_world["Yokohama"]
    f.BudgetLineFactory(
        project=f.CooperationProjectFactory(
            partnership=yokohama, partner_city=yokohama.partner_city
        ),
        year=timezone.localdate().year,
        spent_amount=Decimal("0"),
        apd_amount=Decimal("0"),
    )
    assert health(yokohama).verdict == "dormant"


def test_a_partnership_with_nothing_recorded_is_dormant(db):
    p = f.PartnershipFactory(signed_on=None, status="exploring")
    row = health(p)
    assert row.last_activity is None
    assert row.verdict == "dormant"
    assert "no signing date on record" in health_reasons(row)
    assert suggested_action(row).label == "Review"


def test_thresholds_are_settings(quiet_world, settings):
    settings.INSIGHT_HEALTH_LIVELY_YEARS = 4
    settings.INSIGHT_HEALTH_DORMANT_YEARS = 8
    assert health(quiet_world["Milan"]).verdict == "lively"
    assert health(quiet_world["Yokohama"]).verdict == "slowing"


def test_ended_partnerships_are_not_followed(quiet_world, administrator):
    Partnership.objects.filter(pk=quiet_world["Yokohama"].pk).update(
        status="ended", ended_on=timezone.localdate()
    )
    names = [p.partner_city.name for p in partnership_health_list(user=administrator)]
    # Quietest first.
    assert names == ["Milan", "Leipzig"]


@pytest.mark.parametrize(
    "verdicts",
    [["lively"], ["slowing"], ["dormant"], ["slowing", "dormant"], ["lively", "dormant"]],
)
def test_the_verdict_filter_keeps_the_rows_of_those_verdicts(quiet_world, verdicts):
    """The filter reads the last activity (each source's sub-query once per row), and
    keeps exactly the rows whose verdict is asked for."""
    f.PartnershipFactory(  # nothing on record, not even a signing
        partner_city=f.PartnerCityFactory(name="Nowhere"), status="exploring", signed_on=None
    )
    rows = with_health(Partnership.objects.all())
    kept = set(rows.filter(verdict_filter(verdicts)).values_list("pk", flat=True))
    assert kept == set(rows.filter(verdict__in=verdicts).values_list("pk", flat=True))
    assert {Partnership.objects.get(pk=pk).partner_city.name for pk in kept} == {
        name
        for name, verdict in (
            ("Leipzig", "lively"),
            ("Milan", "slowing"),
            ("Yokohama", "dormant"),
            ("Nowhere", "dormant"),
        )
        if verdict in verdicts
    }
