"""French by default, English on request: what a French or English user sees."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cooperation.choices import ProjectStatus
from delegations.choices import DelegationStatus, Direction
from exchanges.choices import ApplicationStatus
from partnerships.choices import PartnershipStatus
from partnerships.models import PartnerCity, Partnership
from reports.choices import RunStatus
from reports.services import report_request
from tests import factories as f
from tests.reports.conftest import YEAR, known_year  # noqa: F401 (the report's fixture)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def switch_to_english(client):
    """What the language switcher does: a POST to /i18n/setlang/."""
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_dashboard_is_in_french_by_default(editor_client):
    html = editor_client.get(reverse("staff:dashboard")).content.decode()
    assert '<html lang="fr"' in html
    assert "Tableau de bord" in html
    assert "partenariats actifs" in html
    assert "Délégations à venir" in html
    assert "Espace agents" in html
    assert "Dashboard" not in html


@pytest.mark.django_db
def test_the_dashboard_is_in_english_after_switching_language(editor_client):
    switch_to_english(editor_client)
    html = editor_client.get(reverse("staff:dashboard")).content.decode()
    assert '<html lang="en"' in html
    assert "Dashboard" in html
    assert "Staff area" in html
    assert "Tableau de bord" not in html


@pytest.mark.django_db
def test_a_list_page_names_its_columns_filters_and_choices_in_french(editor_client):
    f.PartnershipFactory(status="active", kind="twinning")
    html = editor_client.get(reverse("staff:partnership_list")).content.decode()
    assert "Filtrer" in html
    assert "Appliquer les filtres" in html
    assert "Collectivité" in html
    assert "Signé le" in html
    assert "Jumelage" in html
    assert '<span class="badge badge-active">Actif</span>' in html
    assert "1 enregistrement" in html


@pytest.mark.django_db
def test_a_list_page_is_in_english_after_switching_language(editor_client):
    f.PartnershipFactory(status="active", kind="twinning")
    switch_to_english(editor_client)
    html = editor_client.get(reverse("staff:partnership_list")).content.decode()
    assert "Apply filters" in html
    assert "Local government" in html
    assert "Signed on" in html
    assert '<span class="badge badge-active">Active</span>' in html
    assert "1 record" in html


def post_a_city_without_longitude(client):
    return client.post(
        reverse("staff:partnercity_add"),
        {"name": "Francfort", "kind": "city", "country": "DE", "latitude": "50.1"},
    )


@pytest.mark.django_db
def test_a_form_error_is_in_french_and_nothing_is_saved(editor_client):
    response = post_a_city_without_longitude(editor_client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Veuillez corriger les erreurs ci-dessous ; rien n&#x27;a été enregistré." in html
    assert "Les coordonnées demandent à la fois une latitude" in html
    assert "Création : ville partenaire" in html
    assert "(obligatoire)" in html
    assert not PartnerCity.objects.exists()


@pytest.mark.django_db
def test_a_form_error_is_in_english_after_switching_language(editor_client):
    switch_to_english(editor_client)
    html = post_a_city_without_longitude(editor_client).content.decode()
    assert "Please correct the errors below; nothing was saved." in html
    assert "Coordinates need both a latitude" in html
    assert "(required)" in html


@pytest.mark.django_db
def test_a_success_message_is_in_french(editor_client):
    city = f.PartnerCityFactory(name="Turin")
    response = editor_client.post(
        reverse("staff:partnercity_edit", args=[city.pk]),
        {"name": "Torino", "kind": "city", "country": "IT"},
        follow=True,
    )
    html = response.content.decode()
    assert "Ville partenaire « Torino (IT) » : modifications enregistrées." in html


def refuse_a_transition(api_client_for, language):
    partnership = f.PartnershipFactory(status="exploring")
    return api_client_for("editor").post(
        reverse("api:partnership-transition", args=[partnership.pk]),
        {"status": "dormant"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.mark.django_db
def test_an_api_error_is_in_french_with_accept_language_fr(api_client_for):
    error = refuse_a_transition(api_client_for, "fr").json()["error"]
    assert error["message"] == "Les données envoyées ne sont pas valides."
    assert error["fields"]["status"] == [
        "Le statut ne peut pas passer de « En exploration » à « En sommeil »."
    ]
    assert Partnership.objects.get().status == "exploring"


@pytest.mark.django_db
def test_an_api_error_is_in_english_with_accept_language_en(api_client_for):
    error = refuse_a_transition(api_client_for, "en").json()["error"]
    assert error["message"] == "The data sent is not valid."
    assert error["fields"]["status"] == ["The status cannot change from “Exploring” to “Dormant”."]


def test_choice_labels_are_french_with_the_right_gender():
    with translation.override("fr"):
        assert PartnershipStatus.ACTIVE.label == "Actif"
        assert PartnershipStatus.DORMANT.label == "En sommeil"
        assert Direction.INCOMING.label == "Entrante (reçue par la ville)"
        # A delegation is feminine, a project masculine: "Planned" is both.
        assert DelegationStatus.PLANNED.label == "Prévue"
        assert ProjectStatus.PLANNED.label == "Prévu"
        assert ApplicationStatus.WAITLISTED.label == "Sur liste d'attente"
        assert RunStatus.DONE.label == "Terminé"
        assert str(Partnership._meta.verbose_name) == "partenariat"
        assert str(Partnership._meta.get_field("signed_on").verbose_name) == "signé le"
    with translation.override("en"):
        assert ProjectStatus.PLANNED.label == "Planned"
        assert str(Partnership._meta.verbose_name) == "partnership"


@pytest.fixture
def build_report(django_capture_on_commit_callbacks, editor):
    def build():
        with django_capture_on_commit_callbacks(execute=True):
            run = report_request(year=YEAR, user=editor)
        run.refresh_from_db()
        assert run.status == RunStatus.DONE, run.error
        return run

    return build


def test_the_annual_report_is_in_french(known_year, build_report):  # noqa: F811
    run = build_report()
    html = run.html_file.read().decode()
    assert '<html lang="fr"' in html
    for heading in (
        "Bilan annuel d&#x27;activité 2025",
        "Chiffres clés",
        "Partenariats",
        "Délégations",
        "Corps consulaire et diaspora",
        "Projets de coopération et budget",
        "Délégations par mois, 2025",
    ):
        assert heading in html, heading
    assert 'aria-label="Délégations par mois, 2025"' in html  # the chart's text alternative
    workbook = load_workbook(io.BytesIO(run.xlsx_file.read()))
    cells = {
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    }
    assert "Partenariats par type, 2025" in cells
    assert "Montant (EUR)" in cells


def test_the_annual_report_is_in_english_on_an_english_portal(
    known_year,  # noqa: F811
    build_report,
    settings,
):
    settings.LANGUAGE_CODE = "en"
    html = build_report().html_file.read().decode()
    assert '<html lang="en"' in html
    assert "Annual activity report 2025" in html
    assert "Delegations by month, 2025" in html
