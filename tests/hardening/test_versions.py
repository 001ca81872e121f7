"""List counts are cached until a table they read changes (``intl_relations.versions``).

These tests commit for real (``transaction=True``): a count asked inside a transaction
is never cached, since it may include the transaction's own uncommitted rows.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intl_relations.versions import cached_count, cached_until_written
from partnerships.models import PartnerCity
from tests.factories import LocalGovernmentFactory, PartnerCityFactory

# Serialized, like the project's other committing tests: a flush that re-creates the
# content types would clash with the next test that restores the serialized data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def counted(queryset) -> tuple[int, int]:
    """The count and how many SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        value = cached_count(queryset)
    return value, len(queries)


def test_a_count_is_computed_once_then_read_from_the_cache():
    PartnerCityFactory.create_batch(3, country="DE")
    german = PartnerCity.objects.filter(country="DE")
    assert counted(german) == (3, 1)
    assert counted(german) == (3, 0)
    # Other filters are other counts.
    assert counted(PartnerCity.objects.filter(country="IT")) == (0, 1)


def test_every_kind_of_write_gives_a_fresh_count():
    PartnerCityFactory.create_batch(2, country="DE")
    german = PartnerCity.objects.filter(country="DE")
    assert cached_count(german) == 2
    PartnerCityFactory(country="DE")  # save()
    assert counted(german) == (3, 1)
    PartnerCity.objects.bulk_create([PartnerCity(name="Kiel", country="DE")])
    assert cached_count(german) == 4
    PartnerCity.objects.filter(name="Kiel").update(country="AT")  # no signal is sent
    assert cached_count(german) == 3
    PartnerCity.objects.filter(country="AT").delete()
    assert cached_count(PartnerCity.objects.all()) == 3
    with connection.cursor() as cursor:  # raw SQL through Django's connection
        cursor.execute('DELETE FROM "partnerships_partnercity"')
    assert cached_count(german) == 0


def test_a_transaction_that_wrote_keeps_its_counts_to_itself():
    german = PartnerCity.objects.filter(country="DE")
    assert cached_count(german) == 0
    with transaction.atomic():
        PartnerCityFactory(country="DE")
        assert counted(german) == (1, 1)
        assert counted(german) == (1, 0)  # cached, for this transaction only
        transaction.set_rollback(True)
    # The rolled-back row is not counted by anybody else.
    assert cached_count(german) == 0


def test_a_value_is_kept_until_a_table_it_read_is_written():
    calls = []

    def build():
        calls.append(1)
        return sorted(PartnerCity.objects.values_list("name", flat=True))

    PartnerCityFactory(name="Kraków")
    assert cached_until_written("names", build) == ["Kraków"]
    assert cached_until_written("names", build) == ["Kraków"]
    assert len(calls) == 1
    # A write to another table leaves it alone; one to the table it read does not.
    LocalGovernmentFactory(name="Commune voisine", is_default=False)
    assert cached_until_written("names", build) == ["Kraków"]
    assert len(calls) == 1
    PartnerCity.objects.filter(name="Kraków").update(name="Cracovie")
    assert cached_until_written("names", build) == ["Cracovie"]
    assert len(calls) == 2
    # Other parts (a language, a date) are other values.
    assert cached_until_written("names", build, parts=("en",)) == ["Cracovie"]
    assert len(calls) == 3


def test_a_value_computed_while_its_tables_change_is_never_served():
    calls = []

    def build():
        calls.append(1)
        value = PartnerCity.objects.count()
        PartnerCityFactory()  # another request writing meanwhile
        return value

    # The first time, the tables it reads are unknown; then they are known to this
    # process and their versions are read before the build: both ways, never served.
    assert [cached_until_written("racing", build) for _ in range(3)] == [0, 1, 2]
    assert len(calls) == 3


class CountingCache:
    """The cache, counting the round trips made to it."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_a_known_value_or_count_is_checked_in_one_round_trip(monkeypatch):
    import intl_relations.versions as versions

    PartnerCityFactory(name="Kraków", country="PL")

    def build():
        return sorted(PartnerCity.objects.values_list("name", flat=True))

    polish = PartnerCity.objects.filter(country="PL")
    assert cached_until_written("names", build) == ["Kraków"]
    assert cached_count(polish) == 1
    counting = CountingCache(versions.django_cache)
    monkeypatch.setattr(versions, "django_cache", counting)
    assert cached_until_written("names", build) == ["Kraków"]
    assert counting.calls == ["get_many"]
    counting.calls.clear()
    assert cached_count(polish) == 1
    assert counting.calls == ["get_many"]


def test_the_api_count_shows_a_new_record_at_once(api_client_for):
    client = api_client_for("administrator")
    url = reverse("api:partner-city-list")
    before = client.get(url, {"country": "DE"}).json()["count"]
    assert client.get(url, {"country": "DE"}).json()["count"] == before
    PartnerCityFactory(country="DE")
    assert client.get(url, {"country": "DE"}).json()["count"] == before + 1


def test_the_staff_list_total_shows_a_new_record_at_once(client, editor):
    client.force_login(editor)
    url = reverse("staff:partnercity_list")
    first = client.get(url).context["total"]
    PartnerCityFactory()
    assert client.get(url).context["total"] == first + 1
