"""The demo data gives the territory diagnosis a gap to show: a diaspora with no partnership."""

import io

import pytest
from django.core.management import call_command

from territory.selectors import territory_diagnosis


@pytest.mark.django_db
def test_the_demo_shows_a_large_diaspora_with_no_partnership(viewer):
    call_command("load_demo_data", stdout=io.StringIO())
    rows = {row.code: row for row in territory_diagnosis(user=viewer)}
    senegal = rows["SN"]
    assert senegal.diaspora_size == 8400
    assert senegal.partnerships == 0
    assert "diaspora_without_partnership" in senegal.gaps
    assert "diaspora_without_consulate" in senegal.gaps
    # A country with a partnership and a community is not flagged for it.
    assert "diaspora_without_partnership" not in rows["DZ"].gaps
