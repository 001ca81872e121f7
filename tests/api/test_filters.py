"""An API call's FilterSet form holds only the filters the call names, with the same answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend

from intl_relations.api_base import RecordViewSet
from partnerships.filtersets import PartnershipFilterSet
from tests import factories as f

QUERIES = [
    {},
    {"status": "active"},
    {"status": ["active", "dormant"], "kind": "twinning"},
    {"q": "Leipzig"},
    {"theme": "culture", "ordering": "-signed_on"},
    {"ordering": "-signed_on"},
]


@pytest.fixture
def partnerships(db):
    """Listed by partner city as Leipzig, Magdeburg, Nürnberg; signed the other way round."""
    leipzig = f.PartnershipFactory(
        status="active",
        kind="twinning",
        partner_city=f.PartnerCityFactory(name="Leipzig"),
        signed_on=dt.date(2001, 5, 1),
    )
    leipzig.themes.add(f.theme("culture"))
    f.PartnershipFactory(
        status="dormant",
        kind="friendship",
        partner_city=f.PartnerCityFactory(name="Magdeburg"),
        signed_on=dt.date(2005, 5, 1),
    )
    f.PartnershipFactory(
        status="ended",
        partner_city=f.PartnerCityFactory(name="Nürnberg"),
        signed_on=dt.date(2010, 5, 1),
        ended_on=dt.date(2020, 5, 1),
    )


def ids(response):
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_the_answers_are_those_of_the_whole_filterset(partnerships, api_client_for, monkeypatch):
    client = api_client_for("editor")
    url = reverse("api:partnership-list")
    lean = [ids(client.get(url, query)) for query in QUERIES]
    backends = [DjangoFilterBackend, *RecordViewSet.filter_backends[1:]]
    monkeypatch.setattr(RecordViewSet, "filter_backends", backends)
    whole = [ids(client.get(url, query)) for query in QUERIES]
    assert lean == whole
    assert len(set(map(tuple, lean))) > 2  # the queries do filter


@pytest.mark.django_db
def test_only_the_named_filters_are_built_and_bad_values_still_refused(
    partnerships, api_client_for, monkeypatch
):
    built = []
    original = PartnershipFilterSet.get_form_class

    def spy(self):
        form_class = original(self)
        built.append(set(form_class.base_fields))
        return form_class

    monkeypatch.setattr(PartnershipFilterSet, "get_form_class", spy)
    client = api_client_for("editor")
    url = reverse("api:partnership-list")
    assert client.get(url, {"status": "active", "page_size": 10}).status_code == 200
    assert built[-1] == {"status"}
    refused = client.get(url, {"status": "sleeping"})
    assert refused.status_code == 400
    assert "status" in refused.json()["error"]["fields"]
