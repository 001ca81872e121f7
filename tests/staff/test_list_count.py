"""A list says how many records it holds, its digits grouped as the language groups them."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "total", "said"),
    [
        ("en", 1, "1 record"),
        ("en", 10440, "10,440 records"),
        ("fr", 1, "1 enregistrement"),
        ("fr", 251522, "251\xa0522 enregistrements"),  # a no-break space
    ],
)
def test_the_count_is_written_with_grouped_digits(language, total, said):
    table = SimpleNamespace(template_name="includes/messages.html")
    with translation.override(language):
        html = render_to_string(
            "includes/list_results.html", {"total": total, "export_links": [], "table": table}
        )
    assert f'<p class="count">{said}</p>' in html
