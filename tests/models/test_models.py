"""Field validators that state facts, valid factories for every model, readable names."""

import inspect
import re
from decimal import Decimal

import factory
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from demo.loader import portal_models
from intl_relations.db import validate_language_codes
from partnerships.models import Theme
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# (factory, field, bad value, words of the message the user reads)
FIELD_FACTS = [
    (f.PartnerCityFactory, "languages", "english", "is not an ISO 639-1 language code"),
    (f.PartnerCityFactory, "languages", "de, EN", "is not an ISO 639-1 language code"),
    (f.PartnershipDocumentFactory, "language", "fra", "is not an ISO 639-1 language code"),
    (f.PartnerCityFactory, "latitude", Decimal("90.00001"), "less than or equal to 90"),
    (f.PartnerCityFactory, "latitude", Decimal("-91"), "greater than or equal to -90"),
    (f.PartnerCityFactory, "longitude", Decimal("180.5"), "less than or equal to 180"),
    (f.PartnerCityFactory, "longitude", Decimal("-200"), "greater than or equal to -180"),
    (f.LocalGovernmentFactory, "latitude", Decimal("95"), "less than or equal to 90"),
    (f.LocalGovernmentFactory, "longitude", Decimal("-181"), "greater than or equal to -180"),
    (f.PartnerCityFactory, "population_year", 1700, "greater than or equal to 1800"),
    (f.NetworkMembershipFactory, "annual_fee", Decimal("-1"), "greater than or equal to 0"),
    (f.BudgetLineFactory, "planned_amount", Decimal("-1"), "greater than or equal to 0"),
    (f.BudgetLineFactory, "spent_amount", Decimal("-0.01"), "greater than or equal to 0"),
    (f.BudgetLineFactory, "apd_amount", Decimal("-10"), "greater than or equal to 0"),
    (f.BudgetLineFactory, "year", 1899, "greater than or equal to 1900"),
    (f.DelegationCostFactory, "amount", Decimal("-5"), "greater than or equal to 0"),
    (f.DiasporaGroupFactory, "size_year", 1850, "greater than or equal to 1900"),
    (f.ApplicationFactory, "participants_count", 0, "greater than or equal to 1"),
    (f.ReportRunFactory, "progress", 120, "less than or equal to 100"),
    (f.ReportHighlightFactory, "year", 1949, "greater than or equal to 1950"),
]


@pytest.mark.parametrize(
    ("factory_class", "field", "value", "message"),
    FIELD_FACTS,
    ids=[f"{row[0]._meta.model.__name__}.{row[1]}={row[2]}" for row in FIELD_FACTS],
)
def test_a_value_that_cannot_be_true_is_refused_on_its_field(factory_class, field, value, message):
    instance = factory_class()
    setattr(instance, field, value)

    with pytest.raises(ValidationError) as caught:
        instance.full_clean()

    assert field in caught.value.error_dict
    assert any(message in text for text in caught.value.message_dict[field])


@pytest.mark.parametrize("value", ["", "fr", "de, en", "fr,en", " ar , fr "])
def test_lists_of_two_letter_language_codes_are_accepted(value):
    validate_language_codes(value)


def test_the_language_error_names_the_wrong_code():
    with pytest.raises(ValidationError) as caught:
        validate_language_codes("fr, deu")
    assert caught.value.messages == [
        "“deu” is not an ISO 639-1 language code (two lower-case letters)."
    ]


# --- every model has a factory that builds a valid, readable instance -----------------

FACTORIES = sorted(
    (
        cls
        for _, cls in inspect.getmembers(f, inspect.isclass)
        if issubclass(cls, factory.django.DjangoModelFactory)
        and cls is not factory.django.DjangoModelFactory
    ),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda cls: cls.__name__)
def test_every_factory_builds_an_instance_that_passes_validation(factory_class):
    factory_class().full_clean()


def test_every_model_of_the_portal_has_a_factory():
    with_factory = {cls._meta.model for cls in FACTORIES} | {Theme}  # themes come from data
    models = {m for m in portal_models() if not m.__name__.startswith("Historical")}
    assert {m._meta.label for m in models - with_factory} == set()


# (factory or callable making the instance, what its name must show)
NAMES = [
    (f.OrganisationFactory, lambda o: o.name),
    (lambda: f.OrganisationFactory(acronym="HCL"), lambda o: f"{o.name} (HCL)"),
    (f.UserFactory, lambda o: f"{o.first_name} {o.last_name}"),
    (lambda: f.UserFactory(first_name="", last_name=""), lambda o: o.username),
    (f.ContactFactory, lambda o: f"{o.first_name} {o.last_name}"),
    (lambda: Theme.objects.get(code="water"), lambda o: "Water and sanitation"),
    (f.LocalGovernmentFactory, lambda o: "Ville de Lyon"),
    (f.PartnerCityFactory, lambda o: f"{o.name} (DE)"),
    (f.PartnershipFactory, lambda o: o.partner_city.name),
    (f.PartnershipFactory, lambda o: "Twinning"),
    (f.PartnershipDocumentFactory, lambda o: "Twinning charter"),
    (f.NetworkFactory, lambda o: o.acronym),
    (f.NetworkMembershipFactory, lambda o: f"Ville de Lyon – {o.network.acronym}"),
    (f.CooperationProjectFactory, lambda o: o.title),
    (f.BudgetLineFactory, lambda o: f"{o.project.title} – 2025 – Technical assistance"),
    (f.DelegationFactory, lambda o: o.title),
    (f.DelegationMemberFactory, lambda o: o.full_name),
    (f.ProgrammeItemFactory, lambda o: "Meeting at the university hospital"),
    (f.DelegationCostFactory, lambda o: "Official dinner (1200.00 €)"),
    (f.FollowUpActionFactory, lambda o: "Send the letter of intent"),
    (lambda: f.ConsulateFactory(country="IT", city="Lyon"), lambda o: "Italy (Lyon)"),
    (lambda: f.ConsulateFactory(kind="consulate_general"), lambda o: "Consulate general"),
    (f.DiasporaGroupFactory, lambda o: o.name),
    (f.ExchangeProgramFactory, lambda o: o.title),
    (f.ApplicationFactory, lambda o: f"{o.applicant_name} – {o.program.title}"),
    (f.ApplicationDocumentFactory, lambda o: "cv.pdf"),
    (f.ParticipantFactory, lambda o: o.full_name),
    (f.ReportRunFactory, lambda o: "Annual report 2025"),
    (f.ReportHighlightFactory, lambda o: "2025 – Sixtieth anniversary of the twinning"),
    (f.ProposalFactory, lambda o: o.title),
]


@pytest.mark.parametrize(("make", "expected"), NAMES)
def test_every_record_is_named_by_what_people_know_it_by(make, expected):
    instance = make()
    name = str(instance)

    assert expected(instance) in name
    assert not re.search(r"object \(\d+\)", name)


def test_every_model_has_a_name_test():
    named = set()
    for make, _ in NAMES:
        named.add(make._meta.model if isinstance(make, type) else type(make()))
    models = {m for m in portal_models() if not m.__name__.startswith("Historical")}
    assert {m._meta.label for m in models - named} == set()
