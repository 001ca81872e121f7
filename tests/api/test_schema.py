"""The OpenAPI schema validates, and real answers of every list and detail match it."""

import copy

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from .endpoints import ENDPOINTS, walked_basenames


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


def _json_schema(node):
    """OpenAPI 3.0's ``nullable`` as JSON Schema's ``null`` type.

    ``oneOf`` becomes ``anyOf``: drf-spectacular writes a blank URL or e-mail as
    ``oneOf: [uri, maxLength 0]``, which only a validator asserting formats can tell apart.
    """
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        ("anyOf" if key == "oneOf" else key): _json_schema(value) for key, value in node.items()
    }
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def _validate(openapi, path, method, status, body):
    operation = openapi["paths"][path][method]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    document = _json_schema({"components": copy.deepcopy(openapi["components"]), **schema})
    jsonschema.validate(body, document, cls=jsonschema.Draft202012Validator)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "anonymous"])
@pytest.mark.parametrize("basename", walked_basenames())
def test_list_and_detail_answers_match_the_schema(basename, role, openapi, api_client_for):
    endpoint = ENDPOINTS[basename]
    record = endpoint.factory()
    client = api_client_for(role)
    list_url = reverse(f"api:{basename}-list")
    detail_url = reverse(f"api:{basename}-detail", args=[record.pk])
    listed = client.get(list_url)
    detail = client.get(detail_url)
    path = list_url.rstrip("/") + "/"
    _validate(openapi, path, "get", listed.status_code, listed.json())
    _validate(openapi, path + "{id}/", "get", detail.status_code, detail.json())


@pytest.mark.django_db
def test_error_answers_match_the_schema(openapi, api_client_for):
    answer = api_client_for("editor").post(
        reverse("api:partnership-list"), {"kind": "nonsense"}, format="json"
    )
    assert answer.status_code == 400
    _validate(openapi, "/api/v1/partnerships/", "post", 400, answer.json())


@pytest.mark.django_db
def test_the_docs_page_loads_without_a_cdn(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert b"cdn" not in page.content.lower()
    assert client.get("/api/schema/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("html", "text/html"),
        ("pdf", "application/pdf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_a_report_download_is_documented_with_the_media_type_it_sends(openapi, fmt, media_type):
    from reports.views import FORMATS

    operation = openapi["paths"]["/api/v1/reports/{id}/download/{fmt}/"]["get"]
    assert media_type in operation["responses"]["200"]["content"]
    assert FORMATS[fmt][1].split(";")[0] == media_type
