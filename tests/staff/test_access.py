"""Who reaches which staff page: staff roles read, editors write, others are kept out."""

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import PAGE_IDS, PAGES, make, url

STAFF = ("viewer", "editor", "administrator")


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF)
def test_the_dashboard_and_calendar_answer_every_staff_role(client_for, role):
    client = client_for(role)
    assert client.get(reverse("staff:dashboard")).status_code == 200
    assert client.get(reverse("staff:calendar") + "?month=2025-06").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("role", STAFF)
def test_every_list_and_detail_page_answers_every_staff_role(client_for, pages, role):
    (obj,) = make(pages)
    client = client_for(role)
    listing = client.get(url(pages, "list"))
    assert listing.status_code == 200
    assert client.get(url(pages, "detail", obj)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_anonymous_visitors_are_sent_to_sign_in(client_for, pages):
    (obj,) = make(pages)
    client = client_for("anonymous")
    for target in (url(pages, "list"), url(pages, "detail", obj), url(pages, "edit", obj)):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
        assert "next=" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_partner_members_are_refused_every_staff_page(client_for, pages):
    (obj,) = make(pages)
    client = client_for("partner")
    assert client.get(reverse("staff:dashboard")).status_code == 403
    assert client.get(url(pages, "list")).status_code == 403
    assert client.get(url(pages, "detail", obj)).status_code == 403
    assert client.get(url(pages, "edit", obj)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_a_viewer_cannot_create_edit_or_delete(client_for, pages):
    (obj,) = make(pages)
    client = client_for("viewer")
    if pages.can_add:
        assert client.get(url(pages, "add")).status_code == 403
        assert client.post(url(pages, "add"), {}).status_code == 403
    assert client.get(url(pages, "edit", obj)).status_code == 403
    assert client.post(url(pages, "edit", obj), {}).status_code == 403
    assert client.get(url(pages, "delete", obj)).status_code == 403
    assert client.post(url(pages, "delete", obj)).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_a_viewer_sees_no_edit_buttons(client_for, pages):
    (obj,) = make(pages)
    client = client_for("viewer")
    detail = client.get(url(pages, "detail", obj)).content.decode()
    assert url(pages, "edit", obj) not in detail
    assert url(pages, "delete", obj) not in detail
    assert 'id="workflow-title"' not in detail  # no workflow step either
    if pages.can_add:
        assert url(pages, "add") not in client.get(url(pages, "list")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_an_editor_gets_the_forms_and_buttons(client_for, pages):
    (obj,) = make(pages)
    client = client_for("editor")
    detail = client.get(url(pages, "detail", obj)).content.decode()
    assert url(pages, "edit", obj) in detail
    assert client.get(url(pages, "edit", obj)).status_code == 200
    assert client.get(url(pages, "delete", obj)).status_code == 200
    if pages.can_add:
        assert client.get(url(pages, "add")).status_code == 200


@pytest.mark.django_db
def test_a_record_that_does_not_exist_is_404(client_for):
    client = client_for("editor")
    assert client.get(reverse("staff:partnership_detail", args=[999999])).status_code == 404
