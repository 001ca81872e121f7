"""The generator writes the same data set for the same seed, shaped like the field."""

from collections import Counter

import pytest

from delegations.models import Delegation
from partnerships.models import PartnerCity, Partnership
from scale.generator import SCALES, DataPresentError, dataset_fingerprint, generate


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_another():
    generate(scale="small", seed=42)
    first = dataset_fingerprint()
    generate(scale="small", seed=42, reset=True)
    assert dataset_fingerprint() == first
    generate(scale="small", seed=7, reset=True)
    assert dataset_fingerprint() != first


@pytest.mark.django_db
def test_it_refuses_to_mix_with_existing_data_without_reset():
    generate(scale="small", seed=1)
    with pytest.raises(DataPresentError):
        generate(scale="small", seed=1)


@pytest.mark.django_db
def test_small_scale_has_the_counts_and_shape_of_the_field():
    scale = SCALES["small"]
    written = generate(scale="small", seed=42)
    assert written["partnerships.PartnerCity"] == scale.partner_cities
    assert written["delegations.Delegation"] == scale.delegations
    # Every partner city has a partnership.
    assert not PartnerCity.objects.filter(partnerships__isnull=True).exists()
    # A few partners carry most of the activity: the busiest fifth of the partner
    # cities receives or hosts more than half of the delegations tied to a city.
    per_city = sorted(
        Counter(
            Delegation.objects.exclude(partner_city=None).values_list("partner_city", flat=True)
        ).values(),
        reverse=True,
    )
    top = per_city[: max(1, scale.partner_cities // 5)]
    assert sum(top) > sum(per_city) / 2
    # Seasons: more delegations in June than in August, in May than in December.
    months = Counter(d.month for d in Delegation.objects.values_list("starts_on", flat=True))
    assert months[6] > months[8]
    assert months[5] > months[12]
    # Several countries on several continents.
    countries = set(Partnership.objects.values_list("partner_city__country", flat=True))
    assert {"DE", "IT"} <= countries
    assert len(countries) >= 10
