"""Fixtures of the public portal's tests: a published and an unpublished world."""

import pytest
from django.core.cache import cache

from tests.factories import (
    ConsulateFactory,
    DelegationFactory,
    DiasporaGroupFactory,
    ExchangeProgramFactory,
    OrganisationFactory,
    PartnerCityFactory,
    PartnershipDocumentFactory,
    PartnershipFactory,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit counts in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """One published and one unpublished record of every public kind."""
    shown_city = PartnerCityFactory(
        name="Birmingham", country="GB", latitude="52.48", longitude="-1.89"
    )
    hidden_city = PartnerCityFactory(
        name="Hiddenville", country="DE", latitude="50.1", longitude="8.6"
    )
    shown = PartnershipFactory(partner_city=shown_city, published=True, status="active")
    hidden = PartnershipFactory(partner_city=hidden_city, published=False, status="active")
    return {
        "shown_city": shown_city,
        "hidden_city": hidden_city,
        "shown_partnership": shown,
        "hidden_partnership": hidden,
        "shown_document": PartnershipDocumentFactory(
            partnership=shown, title="Signed twinning charter", is_public=True
        ),
        "internal_document": PartnershipDocumentFactory(
            partnership=shown, title="Internal budget note", is_public=False
        ),
        "shown_program": ExchangeProgramFactory(
            title="Open student exchange", partner_city=shown_city, published=True
        ),
        "hidden_program": ExchangeProgramFactory(
            title="Secret draft exchange", partner_city=shown_city, published=False
        ),
        "shown_consulate": ConsulateFactory(
            country="IT", city="Lyon", consul_name="Giulia Rossi", published=True
        ),
        "hidden_consulate": ConsulateFactory(
            country="PT", city="Lyon", consul_name="Hidden Consul", published=False
        ),
        "shown_association": OrganisationFactory(
            name="Solidarité Lyon-Sahel", kind="solidarity_association", published=True
        ),
        "hidden_association": OrganisationFactory(
            name="Unpublished Diaspora Club", kind="diaspora_association", published=False
        ),
        "pending_association": OrganisationFactory(
            name="Pending Diaspora Union",
            kind="diaspora_association",
            published=True,
            status="pending",
        ),
        "shown_group": DiasporaGroupFactory(name="Armenian community", published=True),
        "hidden_group": DiasporaGroupFactory(name="Invisible community", published=False),
        "shown_delegation": DelegationFactory(
            title="Mission to Birmingham", partner_city=shown_city, published=True
        ),
        "hidden_delegation": DelegationFactory(
            title="Confidential trade mission", partner_city=shown_city, published=False
        ),
    }
