"""What the generic API tests need to know of each endpoint: a factory and valid payloads.

Each entry supplies only how to make one record, a valid payload to create another
(built for the acting user, so a partner member's payload stays in their own scope),
a small valid change, and whether anonymous visitors may read the factory's record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories as f


def upload(name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _organisation(user: Any) -> Any:
    return getattr(user, "organisation", None) or f.OrganisationFactory()


@dataclass
class Endpoint:
    basename: str
    factory: Callable[[], Any]
    payload: Callable[[Any], dict[str, Any]] | None
    change: dict[str, Any]
    public: bool = False  # the factory's record is visible to anonymous visitors
    multipart: bool = False
    partner_can_add: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _today(days: int = 0) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


ENDPOINTS: dict[str, Endpoint] = {
    e.basename: e
    for e in [
        Endpoint("theme", lambda: f.theme("water"), None, {}, public=True),
        Endpoint(
            "local-government",
            lambda: f.LocalGovernmentFactory(name="Commune test", is_default=False),
            lambda user: {"name": "Métropole de test", "kind": "metropolis"},
            {"population": 1000},
            public=True,
        ),
        Endpoint(
            "partner-city",
            f.PartnerCityFactory,
            lambda user: {
                "name": "Hangzhou",
                "country": "CN",
                "latitude": "30.27415",
                "longitude": "120.15515",
                "languages": "zh",
            },
            {"population": 12000000},
        ),
        Endpoint(
            "partnership",
            f.PartnershipFactory,
            lambda user: {
                "local_government": f.LocalGovernmentFactory().pk,
                "partner_city": f.PartnerCityFactory().pk,
                "kind": "friendship",
                "themes": ["water", "culture"],
                "signed_on": "2020-01-15",
                "published": True,
            },
            {"summary": "Renewed interest in culture."},
            public=True,
        ),
        Endpoint(
            "partnership-document",
            f.PartnershipDocumentFactory,
            lambda user: {
                "partnership": f.PartnershipFactory().pk,
                "kind": "agreement",
                "title": "Charter",
                "file": upload("charter.pdf"),
            },
            {"title": "Signed charter"},
            public=True,
            multipart=True,
        ),
        Endpoint(
            "organisation",
            f.OrganisationFactory,
            lambda user: {"name": "Hospices civils", "kind": "hospital"},
            {"city": "Villeurbanne"},
            public=True,
        ),
        Endpoint(
            "contact",
            f.ContactFactory,
            lambda user: {"last_name": "Diallo", "organisation": _organisation(user).pk},
            {"position": "Director"},
            partner_can_add=True,
        ),
        Endpoint(
            "network",
            f.NetworkFactory,
            lambda user: {"name": "Eurocities (test)", "scope": "europe"},
            {"acronym": "EC"},
            public=True,
        ),
        Endpoint(
            "network-membership",
            f.NetworkMembershipFactory,
            lambda user: {
                "network": f.NetworkFactory().pk,
                "local_government": f.LocalGovernmentFactory().pk,
                "role": "board",
            },
            {"annual_fee": "5000.00"},
        ),
        Endpoint(
            "cooperation-project",
            f.CooperationProjectFactory,
            lambda user: {
                "title": "Drinking water in Ségou",
                "local_government": f.LocalGovernmentFactory().pk,
                "themes": ["water"],
            },
            {"results": "Three wells."},
            public=True,
        ),
        Endpoint(
            "budget-line",
            f.BudgetLineFactory,
            lambda user: {
                "project": f.CooperationProjectFactory().pk,
                "year": 2025,
                "label": "Wells",
                "funding_source": "eu",
                "planned_amount": "100.00",
                "spent_amount": "50.00",
                "apd_amount": "50.00",
            },
            {"funder": "AFD"},
        ),
        Endpoint(
            "delegation",
            f.DelegationFactory,
            lambda user: {
                "title": "Hangzhou medical technology",
                "direction": "incoming",
                "local_government": f.LocalGovernmentFactory().pk,
                "country": "CN",
                "starts_on": "2026-03-01",
                "ends_on": "2026-03-03",
                "purpose": "Medical technology.",
                "themes": ["health"],
            },
            {"outcomes": "A letter of intent."},
            public=True,
        ),
        Endpoint(
            "delegation-member",
            f.DelegationMemberFactory,
            lambda user: {
                "delegation": f.DelegationFactory().pk,
                "full_name": "Li Wei",
                "role": "elected",
            },
            {"position": "Deputy mayor"},
        ),
        Endpoint(
            "programme-item",
            f.ProgrammeItemFactory,
            lambda user: {
                "delegation": f.DelegationFactory().pk,
                "starts_at": "2026-03-01T09:00:00+01:00",
                "title": "Visit of the hospital",
            },
            {"location": "Hôpital Edouard-Herriot"},
        ),
        Endpoint(
            "delegation-cost",
            f.DelegationCostFactory,
            lambda user: {
                "delegation": f.DelegationFactory().pk,
                "category": "meals",
                "label": "Dinner",
                "amount": "120.00",
            },
            {"paid_by": "Partner city"},
        ),
        Endpoint(
            "follow-up-action",
            f.FollowUpActionFactory,
            lambda user: {"delegation": f.DelegationFactory().pk, "description": "Write back"},
            {"status": "done"},
        ),
        Endpoint(
            "consulate",
            f.ConsulateFactory,
            lambda user: {"country": "JP", "kind": "honorary", "city": "Lyon"},
            {"opening_hours": "Mon–Fri 9:00–12:00"},
            public=True,
        ),
        Endpoint(
            "diaspora-group",
            f.DiasporaGroupFactory,
            lambda user: {
                "name": "Japanese community",
                "origin_country": "JP",
                "local_government": f.LocalGovernmentFactory().pk,
            },
            {"description": "Students and researchers."},
            public=True,
        ),
        Endpoint(
            "exchange-program",
            f.ExchangeProgramFactory,
            lambda user: {
                "title": "Youth summer exchange",
                "kind": "youth",
                "local_government": f.LocalGovernmentFactory().pk,
                "capacity": 10,
                "applications_open_on": _today(-1),
                "applications_close_on": _today(10),
            },
            {"eligibility": "16 to 25 years old."},
            public=True,
        ),
        Endpoint(
            "application",
            f.ApplicationFactory,
            lambda user: {
                "program": f.ExchangeProgramFactory().pk,
                "organisation": _organisation(user).pk,
                "applicant_name": "Awa Ndiaye",
                "applicant_email": "awa@mail.example",
                "motivation": "Learn about water management.",
            },
            {"motivation": "Learn about water management and sanitation."},
            partner_can_add=True,
        ),
        Endpoint(
            "application-document",
            f.ApplicationDocumentFactory,
            lambda user: {
                "application": f.ApplicationFactory(organisation=_organisation(user)).pk,
                "kind": "cv",
                "file": upload("cv.pdf"),
            },
            {"kind": "letter"},
            multipart=True,
            partner_can_add=True,
        ),
        Endpoint(
            "participant",
            f.ParticipantFactory,
            lambda user: {
                "program": f.ExchangeProgramFactory().pk,
                "full_name": "Jonas Weber",
                "role": "student",
            },
            {"status": "cancelled"},
        ),
        Endpoint(
            "proposal",
            f.ProposalFactory,
            lambda user: {
                "kind": "project",
                "title": "Youth orchestra",
                "description": "A joint youth orchestra.",
                "contact_name": "Léa Dubois",
                "contact_email": "lea@mail.example",
                "themes": ["culture", "youth"],
            },
            {"partner_city_name": "Frankfurt"},
            partner_can_add=True,
        ),
        Endpoint(
            "user",
            lambda: f.UserFactory(username="someone"),
            lambda user: {
                "username": "new-editor",
                "email": "new-editor@city.example",
                "role": "editor",
                "password": "a-long-pass-phrase-2024",
            },
            {"first_name": "Alix"},
        ),
    ]
}

# Endpoints the generic walk leaves to their own tests.
# (``download``: a person's own files, in tests/downloads/test_api.py.)
SPECIAL = {"token", "partnership-health", "partner-city-reciprocity", "territory", "download"}


def walked_basenames() -> list[str]:
    """The router's endpoints these tests walk (the reports and returns apps test their own)."""
    from intl_relations.api_urls import router

    return sorted(
        basename
        for _, viewset, basename in router.registry
        if basename not in SPECIAL and not viewset.__module__.startswith(("reports.", "returns."))
    )
