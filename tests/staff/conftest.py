"""What the staff-page tests share: every model's pages, and clients signed in by role."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from tests import factories as f


@dataclass(frozen=True)
class Pages:
    """One model's staff pages and how to make a record of it."""

    name: str  # model_name, as in the URL names
    factory: Any
    can_add: bool = True


PAGES = [
    Pages("partnercity", f.PartnerCityFactory),
    Pages("localgovernment", f.LocalGovernmentFactory),
    Pages("partnership", f.PartnershipFactory),
    Pages("partnershipdocument", f.PartnershipDocumentFactory),
    Pages("organisation", f.OrganisationFactory),
    Pages("contact", f.ContactFactory),
    Pages("network", f.NetworkFactory),
    Pages("networkmembership", f.NetworkMembershipFactory),
    Pages("cooperationproject", f.CooperationProjectFactory),
    Pages("budgetline", f.BudgetLineFactory),
    Pages("delegation", f.DelegationFactory),
    Pages("consulate", f.ConsulateFactory),
    Pages("diasporagroup", f.DiasporaGroupFactory),
    Pages("exchangeprogram", f.ExchangeProgramFactory),
    Pages("application", f.ApplicationFactory),
    Pages("participant", f.ParticipantFactory),
    Pages("proposal", f.ProposalFactory, can_add=False),
]
PAGE_IDS = [pages.name for pages in PAGES]


def make(pages: Pages, n: int = 1) -> list:
    """``n`` records; local governments need distinct names (the factory shares one)."""
    if pages.name == "localgovernment":
        return [pages.factory(name=f"Commune {i}", is_default=False) for i in range(n)]
    if pages.name == "diasporagroup":
        return [
            pages.factory(
                local_government=f.LocalGovernmentFactory(name=f"Home {i}", is_default=False)
            )
            for i in range(n)
        ]
    if pages.name == "networkmembership":
        return [
            pages.factory(
                local_government=f.LocalGovernmentFactory(name=f"Member {i}", is_default=False)
            )
            for i in range(n)
        ]
    return [pages.factory() for _ in range(n)]


def url(pages: Pages, action: str, obj: Any = None) -> str:
    name = f"staff:{pages.name}_{action}"
    return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)


@pytest.fixture
def client_for(client, user_for_role):
    """The test client signed in as the given role (anonymous: not signed in)."""

    def sign_in(role: str):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
