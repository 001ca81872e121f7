"""factory_boy factories for every model of the portal, shared by all tests."""

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from cooperation.models import BudgetLine, CooperationProject, Network, NetworkMembership
from delegations.models import (
    Delegation,
    DelegationCost,
    DelegationMember,
    FollowUpAction,
    ProgrammeItem,
)
from diaspora.models import Consulate, DiasporaGroup
from downloads.models import Download
from exchanges.models import (
    Application,
    ApplicationDocument,
    ExchangeProgram,
    Participant,
)
from organisations.models import Contact, Organisation
from partnerships.models import (
    LocalGovernment,
    PartnerCity,
    Partnership,
    PartnershipDocument,
    Theme,
)
from portal.models import Proposal
from reports.models import ReportHighlight, ReportRun
from transfers.models import SavedMapping

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "university"
    status = "approved"
    city = "Lyon"
    email = factory.Sequence(lambda n: f"contact{n}@org.example")
    published = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@city.example")
    role = Role.VIEWER
    is_staff = factory.LazyAttribute(lambda o: o.role != Role.PARTNER)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PartnerUserFactory(UserFactory):
    role = Role.PARTNER
    organisation = factory.SubFactory(OrganisationFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = "Jana"
    last_name = factory.Sequence(lambda n: f"Novak{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"jana{n}@org.example")


def theme(code: str) -> Theme:
    return Theme.objects.get(code=code)


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment
        django_get_or_create = ("name",)

    name = "Ville de Lyon"
    kind = "commune"
    population = 522250
    is_default = True


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    name = factory.Sequence(lambda n: f"Partner City {n}")
    country = "DE"
    region = "Hessen"
    latitude = Decimal("50.11092")
    longitude = Decimal("8.68213")
    population = 750000
    population_year = 2022
    languages = "de"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    local_government = factory.SubFactory(LocalGovernmentFactory)
    partner_city = factory.SubFactory(PartnerCityFactory)
    kind = "twinning"
    status = "active"
    signed_on = dt.date(1960, 5, 12)
    review_on = dt.date(2027, 5, 12)
    summary = "Twinning signed by both councils."
    published = True


class PartnershipDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipDocument

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "agreement"
    title = "Twinning charter"
    file = factory.django.FileField(filename="charter.pdf", data=b"%PDF-1.4\n%%EOF\n")
    is_public = True


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"City Network {n}")
    acronym = factory.Sequence(lambda n: f"NET{n}")
    scope = "world"


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    local_government = factory.SubFactory(LocalGovernmentFactory)
    role = "member"
    joined_on = dt.date(2005, 1, 1)
    annual_fee = Decimal("4500.00")


class CooperationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationProject

    title = factory.Sequence(lambda n: f"Cooperation project {n}")
    local_government = factory.SubFactory(LocalGovernmentFactory)
    partner_city = factory.SubFactory(PartnerCityFactory)
    status = "ongoing"
    starts_on = dt.date(2025, 1, 1)
    ends_on = dt.date(2027, 12, 31)
    published = True


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(CooperationProjectFactory)
    year = 2025
    label = "Technical assistance"
    category = "services"
    funding_source = "own_budget"
    planned_amount = Decimal("20000.00")
    spent_amount = Decimal("15000.00")
    apd_amount = Decimal("15000.00")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    title = factory.Sequence(lambda n: f"Delegation {n}")
    direction = "incoming"
    status = "confirmed"
    local_government = factory.SubFactory(LocalGovernmentFactory)
    partner_city = factory.SubFactory(PartnerCityFactory)
    country = factory.LazyAttribute(lambda o: o.partner_city.country if o.partner_city else "DE")
    starts_on = dt.date(2025, 6, 10)
    ends_on = dt.date(2025, 6, 12)
    purpose = "Medical technology cooperation."
    published = True


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    full_name = factory.Sequence(lambda n: f"Member {n}")
    role = "elected"


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    delegation = factory.SubFactory(DelegationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2025, 6, 10, 9, 30)))
    ends_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2025, 6, 10, 11, 0)))
    kind = "meeting"
    title = "Meeting at the university hospital"


class DelegationCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationCost

    delegation = factory.SubFactory(DelegationFactory)
    category = "meals"
    label = "Official dinner"
    amount = Decimal("1200.00")


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    delegation = factory.SubFactory(DelegationFactory)
    description = "Send the letter of intent"
    due_on = dt.date(2025, 7, 1)


class ConsulateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consulate

    country = factory.Iterator(["DE", "IT", "PT", "MA", "DZ", "TN", "ES", "CH"])
    kind = "honorary"
    consul_name = factory.Sequence(lambda n: f"Consul {n}")
    city = factory.Sequence(lambda n: f"City {n}")
    published = True


class DiasporaGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiasporaGroup

    name = factory.Sequence(lambda n: f"Diaspora community {n}")
    origin_country = factory.Iterator(["PT", "MA", "DZ", "TN", "IT", "ES", "VN", "AM"])
    estimated_size = 12000
    size_source = "census"
    size_year = 2021
    local_government = factory.SubFactory(LocalGovernmentFactory)
    published = True


class ExchangeProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeProgram

    title = factory.Sequence(lambda n: f"Student exchange {n}")
    kind = "students"
    local_government = factory.SubFactory(LocalGovernmentFactory)
    partner_city = factory.SubFactory(PartnerCityFactory)
    capacity = 20
    max_participants_per_application = 1
    applications_open_on = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=10)
    )
    applications_close_on = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=30)
    )
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=180))
    description = "A semester at the partner university."
    published = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    program = factory.SubFactory(ExchangeProgramFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    applicant_name = factory.Sequence(lambda n: f"Applicant {n}")
    applicant_email = factory.Sequence(lambda n: f"applicant{n}@mail.example")
    motivation = "I want to study medical engineering abroad."
    participants_count = 1


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    kind = "cv"
    file = factory.django.FileField(filename="cv.pdf", data=b"%PDF-1.4\n%%EOF\n")
    original_name = "cv.pdf"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    program = factory.SubFactory(ExchangeProgramFactory)
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    role = "student"
    status = "took_part"
    departed_on = dt.date(2025, 9, 1)
    returned_on = dt.date(2026, 1, 31)


class DownloadFactory(factory.django.DjangoModelFactory):
    """A big list's download as a click records it (queued, before its build)."""

    class Meta:
        model = Download

    requested_by = factory.SubFactory(UserFactory)
    title = "Partenariats"
    path = "/staff/partnerships/"
    query = "export=csv"
    format = "csv"
    language = "fr"
    rows = 5


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    year = 2025
    status = "queued"


class ReportHighlightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportHighlight

    year = 2025
    title = "Sixtieth anniversary of the twinning"
    text = "Celebrated in both cities with a joint cultural season."


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    kind = "project"
    title = factory.Sequence(lambda n: f"Proposal {n}")
    description = "A joint youth orchestra with our partner city."
    contact_name = "Léa Dubois"
    contact_email = factory.Sequence(lambda n: f"lea{n}@mail.example")


class SavedMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedMapping

    name = factory.Sequence(lambda n: f"Twin towns list {n}")
    kind = "partnerships"
    mapping = {"city1": "local_government", "city2": "partner_city"}
    constants = {"kind": "twinning"}


def proposal_data(**overrides: Any) -> dict[str, Any]:
    """What a visitor types into the public "propose a project" form."""
    data = {
        "kind": "visit",
        "title": "A visit of our choir to Birmingham",
        "description": "Forty singers would like to meet a choir of the partner city.",
        "partner_city_name": "Birmingham",
        "organisation_name": "Chœur de la Croix-Rousse",
        "contact_name": "Léa Petit",
        "contact_email": "lea@choeur.example",
    }
    data.update(overrides)
    return data
