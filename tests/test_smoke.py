import pytest

from partnerships.models import Theme


@pytest.mark.django_db
def test_the_twelve_themes_of_the_field_are_loaded_with_translated_names():
    assert Theme.objects.count() == 12
    assert str(Theme.objects.get(code="water")) in {"Water and sanitation", "Eau et assainissement"}
