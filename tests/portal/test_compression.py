"""Answers are compressed for the clients that ask, and read back the same."""

import gzip
import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_map_geojson_is_gzipped_for_a_browser_and_reads_back_the_same(client, world):
    url = reverse("portal:map_geojson")
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == plain.json()


def test_a_page_and_a_streamed_export_are_gzipped_too(client, world, editor):
    client.force_login(editor)
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert gzip.decompress(page.content).decode().rstrip().endswith("</html>")
    export = client.get(
        reverse("staff:partnership_list"), {"export": "csv"}, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert export.streaming
    assert export["Content-Encoding"] == "gzip"
    text = gzip.decompress(b"".join(export.streaming_content)).decode("utf-8-sig")
    assert "Birmingham" in text
