"""Every database constraint holds twice: in ``full_clean()`` with a readable sentence,
and in the database itself for code that skips validation.

The table ``RULES`` lists one bad instance per constraint; the last test fails when a
model gains a constraint that is not in the table.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from demo.loader import portal_models
from intl_relations.db import broken_rule, broken_rule_message
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@dataclass(frozen=True)
class Rule:
    """A constraint, and how to break it.

    ``existing`` creates the row a unique constraint collides with; ``create`` gives the
    kwargs of a valid instance and ``bad`` the values that break the rule (both may be
    functions of the existing row). ``field`` names the field whose own validator
    speaks first in ``full_clean()`` when the rule is also a field validator.
    """

    constraint: str
    factory: type
    bad: dict[str, Any] | Callable[[Any], dict[str, Any]]
    message: str
    create: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    existing: Callable[[], Any] | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.constraint


def _call(value, existing):
    return value(existing) if callable(value) else value


def _aware(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def _today() -> dt.date:
    return timezone.localdate()


RULES = [
    Rule(
        "contact_belongs_somewhere",
        f.ContactFactory,
        {"organisation": None, "partner_city": None},
        "A contact belongs to an organisation or a partner city.",
    ),
    Rule(
        "one_default_local_government",
        f.LocalGovernmentFactory,
        {"is_default": True},
        "Only one local government can be the default.",
        create={"name": "Métropole de Lyon", "kind": "metropolis", "is_default": False},
        existing=lambda: f.LocalGovernmentFactory(name="Ville de Lyon", is_default=True),
    ),
    Rule(
        "unique_partner_city_per_country_region",
        f.PartnerCityFactory,
        {"name": "Porto", "country": "PT", "region": "Norte"},
        "A partner city with this name already exists in this country and region.",
        existing=lambda: f.PartnerCityFactory(name="Porto", country="PT", region="Norte"),
    ),
    Rule(
        "partner_city_coordinates_valid",
        f.PartnerCityFactory,
        {"latitude": Decimal("45.76404"), "longitude": None},
        "Coordinates need both a latitude (−90 to 90) and a longitude (−180 to 180).",
    ),
    Rule(
        "partnership_ends_after_signing",
        f.PartnershipFactory,
        {"status": "ended", "signed_on": dt.date(1960, 5, 12), "ended_on": dt.date(1959, 1, 1)},
        "A partnership cannot end before it was signed.",
    ),
    Rule(
        "partnership_renewed_after_signing",
        f.PartnershipFactory,
        {"signed_on": dt.date(1960, 5, 12), "last_renewed_on": dt.date(1955, 1, 1)},
        "A partnership cannot be renewed before it was signed.",
    ),
    Rule(
        "one_open_partnership_per_pair_and_kind",
        f.PartnershipFactory,
        lambda p: {"partner_city": p.partner_city, "kind": p.kind},
        "This local government already has a partnership of this kind with this partner city.",
        create=lambda p: {"local_government": p.local_government, "kind": "friendship"},
        existing=lambda: f.PartnershipFactory(kind="twinning", status="active"),
    ),
    Rule(
        "one_membership_per_network",
        f.NetworkMembershipFactory,
        lambda m: {"network": m.network},
        "This local government is already a member of this network.",
        create=lambda m: {"local_government": m.local_government},
        existing=lambda: f.NetworkMembershipFactory(),
    ),
    Rule(
        "membership_left_after_joined",
        f.NetworkMembershipFactory,
        {"joined_on": dt.date(2005, 1, 1), "left_on": dt.date(2004, 12, 31)},
        "A membership cannot end before it began.",
    ),
    Rule(
        "membership_fee_not_negative",
        f.NetworkMembershipFactory,
        {"annual_fee": Decimal("-1.00")},
        "The annual fee cannot be negative.",
        field="annual_fee",
    ),
    Rule(
        "project_ends_after_start",
        f.CooperationProjectFactory,
        {"starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2024, 12, 31)},
        "A project cannot end before it starts.",
    ),
    Rule(
        "budget_amounts_not_negative",
        f.BudgetLineFactory,
        {"planned_amount": Decimal("-500.00")},
        "Budget amounts cannot be negative.",
        field="planned_amount",
    ),
    Rule(
        "apd_within_spent_amount",
        f.BudgetLineFactory,
        {"spent_amount": Decimal("15000.00"), "apd_amount": Decimal("15000.01")},
        "The APD amount cannot exceed the amount spent.",
    ),
    Rule(
        "delegation_ends_after_start",
        f.DelegationFactory,
        {"starts_on": dt.date(2025, 6, 10), "ends_on": dt.date(2025, 6, 9)},
        "A delegation cannot end before it starts.",
    ),
    Rule(
        "one_head_per_delegation",
        f.DelegationMemberFactory,
        {"is_head": True},
        "A delegation has only one head.",
        create=lambda head: {"delegation": head.delegation, "is_head": False},
        existing=lambda: f.DelegationMemberFactory(is_head=True),
    ),
    Rule(
        "programme_item_ends_after_start",
        f.ProgrammeItemFactory,
        {"starts_at": _aware(2025, 6, 10, 9, 30), "ends_at": _aware(2025, 6, 10, 9, 0)},
        "A programme item cannot end before it starts.",
    ),
    Rule(
        "delegation_cost_not_negative",
        f.DelegationCostFactory,
        {"amount": Decimal("-0.01")},
        "A cost cannot be negative.",
        field="amount",
    ),
    Rule(
        "one_consulate_per_country_kind_city",
        f.ConsulateFactory,
        {"kind": "consulate_general"},
        "This country already has a consulate of this kind in this city.",
        create={"country": "IT", "kind": "honorary", "city": "Lyon"},
        existing=lambda: f.ConsulateFactory(country="IT", kind="consulate_general", city="Lyon"),
    ),
    Rule(
        "one_diaspora_group_per_country",
        f.DiasporaGroupFactory,
        {"origin_country": "PT"},
        "This local government already has a diaspora group for this country.",
        create=lambda group: {"local_government": group.local_government, "origin_country": "ES"},
        existing=lambda: f.DiasporaGroupFactory(origin_country="PT"),
    ),
    Rule(
        "diaspora_size_has_source_and_year",
        f.DiasporaGroupFactory,
        {"estimated_size": 12000, "size_source": "", "size_year": 2021},
        "An estimated size needs its source and its year.",
    ),
    Rule(
        "program_capacity_positive",
        f.ExchangeProgramFactory,
        {"capacity": 0},
        "The capacity must be at least 1.",
    ),
    Rule(
        "program_group_size_within_capacity",
        f.ExchangeProgramFactory,
        {"capacity": 20, "max_participants_per_application": 21},
        "Participants per application must be between 1 and the capacity.",
    ),
    Rule(
        "program_window_closes_after_opening",
        f.ExchangeProgramFactory,
        lambda _: {
            "applications_open_on": _today(),
            "applications_close_on": _today() - dt.timedelta(days=1),
        },
        "Applications cannot close before they open.",
    ),
    Rule(
        "program_ends_after_start",
        f.ExchangeProgramFactory,
        {"starts_on": dt.date(2026, 9, 1), "ends_on": dt.date(2026, 8, 31)},
        "An exchange cannot end before it starts.",
    ),
    Rule(
        "one_application_per_person_and_program",
        f.ApplicationFactory,
        # The same address in other letter case is the same person.
        {"applicant_email": "ana.silva@mail.example"},
        "This person has already applied to this program.",
        create=lambda first: {"program": first.program},
        existing=lambda: f.ApplicationFactory(applicant_email="Ana.Silva@Mail.example"),
    ),
    Rule(
        "application_has_participants",
        f.ApplicationFactory,
        {"participants_count": 0},
        "An application has at least one participant.",
        field="participants_count",
    ),
    Rule(
        "application_dates_in_order",
        f.ApplicationFactory,
        {"preferred_start_on": dt.date(2026, 5, 1), "preferred_end_on": dt.date(2026, 4, 30)},
        "The preferred end cannot be before the start.",
    ),
    Rule(
        "participant_returns_after_departure",
        f.ParticipantFactory,
        {"departed_on": dt.date(2025, 9, 1), "returned_on": dt.date(2025, 8, 31)},
        "A participant cannot return before leaving.",
    ),
    Rule(
        "report_progress_at_most_100",
        f.ReportRunFactory,
        {"progress": 101},
        "Progress cannot exceed 100 %.",
        field="progress",
    ),
    Rule(
        "only_finished_reports_published",
        f.ReportRunFactory,
        {"status": "running", "published": True},
        "Only a finished report can be published.",
    ),
]


def _constraint(model: type[models.Model], name: str) -> models.BaseConstraint:
    return next(c for c in model._meta.constraints if c.name == name)


def _break(rule: Rule) -> models.Model:
    """A saved valid instance, then changed in memory so that it breaks the rule."""
    existing = rule.existing() if rule.existing else None
    instance = rule.factory(**_call(rule.create, existing))
    instance.full_clean()  # valid before the change: the rule alone is what fails
    for name, value in _call(rule.bad, existing).items():
        setattr(instance, name, value)
    return instance


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_validation_explains_the_broken_rule_in_a_sentence(rule):
    model = rule.factory._meta.model
    assert _constraint(model, rule.constraint).get_violation_error_message() == rule.message
    instance = _break(rule)

    with pytest.raises(ValidationError) as caught:
        instance.full_clean()

    if rule.field:
        # The field's own validator answers first, naming the field.
        assert rule.field in caught.value.error_dict
        with pytest.raises(ValidationError) as caught:
            instance.validate_constraints()
    assert rule.message in caught.value.messages
    if not rule.field:
        assert rule.message in [
            str(message)
            for error in caught.value.error_dict.get(NON_FIELD_ERRORS, [])
            for message in error.messages
        ]


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_the_database_refuses_the_broken_rule_without_validation(rule):
    instance = _break(rule)

    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        instance.save()

    # Each database words its error its own way (PostgreSQL names the constraint,
    # SQLite the columns of a unique one); the user reads the rule's own sentence.
    assert broken_rule(caught.value).name == rule.constraint
    assert broken_rule_message(caught.value) == rule.message


def test_every_constraint_of_the_models_has_a_rule_in_the_table():
    declared = {
        (model._meta.label, constraint.name)
        for model in portal_models()
        for constraint in model._meta.constraints
    }
    tested = {(rule.factory._meta.model._meta.label, rule.constraint) for rule in RULES}

    assert declared - tested == set(), "constraints without a test in RULES"
    assert tested - declared == set(), "rules naming a constraint that no longer exists"


def test_an_error_that_is_no_declared_rule_gets_a_plain_sentence():
    partnership = f.PartnershipFactory()
    partnership.partner_city_id = None

    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        partnership.save()

    assert broken_rule(caught.value) is None
    assert broken_rule_message(caught.value) == (
        "The database refused this change: it conflicts with a record already saved."
    )
