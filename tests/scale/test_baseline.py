"""The benchmark compares like with like: its hand-written views return the API's rows."""

import pytest
from django.test import override_settings

from scale.bench import API_LISTS
from scale.generator import generate


@pytest.fixture
def generated(db):
    generate(scale="small", seed=42)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "query"), API_LISTS, ids=[name for name, _ in API_LISTS])
@override_settings(ROOT_URLCONF="scale.bench_urls")
def test_the_baseline_returns_the_same_rows_in_the_same_order_as_the_api(
    name, query, generated, api_client_for, client
):
    api = api_client_for("editor").get(f"/api/v1/{name}/?{query}")
    assert api.status_code == 200
    api_rows = api.json()["results"]
    baseline = client.get(f"/bench-baseline/{name}/?{query}")
    assert baseline.status_code == 200
    base_rows = baseline.json()["results"]
    assert api_rows, "the generated data set must give the filter something to find"
    assert [row["id"] for row in base_rows] == [row["id"] for row in api_rows]
    # The same columns, related names flattened (``partner_city__name``), ids as ``_id``.
    flat = {key.split("__")[0].removesuffix("_id") for key in base_rows[0]}
    assert set(api_rows[0]) <= flat


@pytest.mark.django_db
def test_the_product_does_not_mount_the_baseline(client):
    assert client.get("/bench-baseline/partnerships/").status_code == 404
