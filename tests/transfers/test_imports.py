"""Imports of messy spreadsheets: exact outcomes, idempotence, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from delegations.models import Delegation, DelegationMember
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import Participant
from organisations.models import Contact, Organisation
from partnerships.models import PartnerCity, Partnership
from tests.factories import (
    ExchangeProgramFactory,
    OrganisationFactory,
    PartnerCityFactory,
    PartnershipFactory,
)
from transfers.engine import ImportOptions
from transfers.management.commands.make_sample_import import HEADER, sample_rows
from transfers.normalise import CellError, name_key, parse_country, parse_date, place_key
from transfers.services import import_records

from .conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

PARTNERSHIP_HEADER = [
    "Collectivité",
    "Ville partenaire",
    "Pays",
    "Type",
    "Statut",
    "Date de signature",
    "Thèmes",
]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Allemagne", "DE"),
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("deu", "DE"),
        ("England, United Kingdom", "GB"),
        ("Royaume-Uni", "GB"),
        ("royaume uni", "GB"),
        ("UK", "GB"),
        ("GBR", "GB"),
        ("États-Unis", "US"),
        ("Etats Unis", "US"),
        ("Sénégal", "SN"),
        ("senegal", "SN"),
        ("Côte d’Ivoire", "CI"),
        ("Corée du Sud", "KR"),
        ("Espagne", "ES"),
        ("España", "ES"),
        ("  maroc ", "MA"),
    ],
)
def test_it_resolves_countries_in_any_language_and_spelling(value, code):
    assert parse_country(value) == code


def test_it_names_the_country_it_did_not_understand():
    with pytest.raises(CellError, match="Atlantide"):
        parse_country("Atlantide")


@pytest.mark.parametrize(
    "value",
    [
        "31/12/2024",
        "31-12-2024",
        "31.12.2024",
        "2024-12-31",
        " 2024-12-31 00:00:00",
        45657,
        dt.datetime(2024, 12, 31, 0, 0),
    ],
)
def test_it_reads_french_iso_and_excel_dates(value):
    assert parse_date(value) == dt.date(2024, 12, 31)


def test_it_rejects_impossible_dates():
    with pytest.raises(CellError, match="31/02/2024"):
        parse_date("31/02/2024")


def test_names_match_whatever_the_accents_case_spaces_and_hyphens():
    assert name_key(" Saint-Étienne ") == name_key("saint  etienne") == name_key("SAINT ÉTIENNE")


def test_places_match_whatever_the_case_and_spaces_but_not_the_accents():
    assert place_key(" Saint-Étienne ") == place_key("SAINT  ÉTIENNE")
    assert place_key("Fürth") != place_key("Furth")
    assert place_key("Fürth", accents=False) == place_key("Furth", accents=False)


def test_towns_spelled_the_same_but_for_accents_are_different_places(editor):
    PartnerCityFactory(name="Fürth", country="DE")
    PartnerCityFactory(name="Lohne", country="DE")
    data = csv_bytes(
        [
            ["Nom", "Pays"],
            ["Furth", "Allemagne"],
            ["Löhne", "Allemagne"],
            ["fürth", "DE"],
            ["  LOHNE ", "DE"],
        ]
    )
    result = import_records(
        kind="partner_cities", data=data, filename="c.csv", user=editor, dry_run=False
    )
    assert [row["outcome"] for row in result.rows] == [
        "created",
        "created",
        "unchanged",
        "unchanged",
    ]
    assert "« Fürth » ne diffère que par ses accents" in result.rows[0]["notes"][0]
    assert sorted(PartnerCity.objects.values_list("name", flat=True)) == [
        "Furth",
        "Fürth",
        "Lohne",
        "Löhne",
    ]


def test_names_differing_only_by_accents_are_merged_when_the_user_says_so(editor):
    PartnerCityFactory(name="Fürth", country="DE")
    data = csv_bytes([["Nom", "Pays", "Population"], ["Furth", "Allemagne", "130000"]])
    result = import_records(
        kind="partner_cities",
        data=data,
        filename="c.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(merge_accents=True),
    )
    assert result.rows[0]["outcome"] == "changed"
    assert list(PartnerCity.objects.values_list("name", "population")) == [("Fürth", 130000)]


def test_a_messy_partnerships_file_gives_the_exact_outcome(lyon, editor):
    PartnerCityFactory(name="Saint-Étienne", country="FR", region="")
    data = csv_bytes(
        [
            PARTNERSHIP_HEADER,
            [
                "Lyon",
                "Frankfurt am Main",
                "Allemagne",
                "Jumelage",
                "actif",
                "12/05/1960",
                "Culture; économie",
            ],
            [
                "Frankfurt am Main",
                "Lyon",
                "Germany",
                "twinning",
                "active",
                "1960-05-12",
                "culture;economy",
            ],
            [
                "Ville de Lyon",
                " saint-étienne ",
                "fr",
                "Coopération décentralisée",
                "",
                "31.12.2024",
                "",
            ],
            ["lyon", "Birmingham", "England, United Kingdom", "friendship", "", "", ""],
            ["LYON", "Frankfurt-am-Main", "DEU", "MoU", "en négociation", "", ""],
        ]
    )
    result = import_records(
        kind="partnerships", data=data, filename="p.csv", user=editor, dry_run=False
    )

    assert result.saved
    assert result.counts == {
        "created": 4,
        "changed": 0,
        "unchanged": 0,
        "duplicate": 1,
        "rejected": 0,
    }
    assert [row["outcome"] for row in result.rows] == [
        "created",
        "duplicate",
        "created",
        "created",
        "created",
    ]
    assert sorted(PartnerCity.objects.values_list("name", "country")) == [
        ("Birmingham", "GB"),
        ("Frankfurt am Main", "DE"),
        ("Saint-Étienne", "FR"),
    ]
    frankfurt = Partnership.objects.get(partner_city__name="Frankfurt am Main", kind="twinning")
    assert frankfurt.local_government == lyon
    assert frankfurt.signed_on == dt.date(1960, 5, 12)
    assert sorted(frankfurt.themes.values_list("code", flat=True)) == ["culture", "economy"]
    assert Partnership.objects.get(kind="mou").status == "negotiating"
    assert frankfurt.history.first().history_user == editor

    again = import_records(
        kind="partnerships", data=data, filename="p.csv", user=editor, dry_run=False
    )
    assert again.counts == {
        "created": 0,
        "changed": 0,
        "unchanged": 4,
        "duplicate": 1,
        "rejected": 0,
    }
    assert Partnership.objects.count() == 4
    assert PartnerCity.objects.count() == 3


def test_reversed_pairs_map_to_the_same_partnership(lyon, editor):
    first = csv_bytes(
        [PARTNERSHIP_HEADER, ["Frankfurt am Main", "Lyon", "Allemagne", "twinning", "", "", ""]]
    )
    second = csv_bytes(
        [PARTNERSHIP_HEADER, ["Lyon", "Frankfurt am Main", "DE", "twinning", "", "", ""]]
    )
    import_records(kind="partnerships", data=first, filename="a.csv", user=editor, dry_run=False)
    result = import_records(
        kind="partnerships", data=second, filename="b.csv", user=editor, dry_run=False
    )
    partnership = Partnership.objects.get()
    assert (partnership.local_government, partnership.partner_city.name) == (
        lyon,
        "Frankfurt am Main",
    )
    assert result.counts["unchanged"] == 1


def test_one_bad_row_saves_nothing_and_names_line_column_and_value(lyon, editor):
    data = csv_bytes(
        [
            PARTNERSHIP_HEADER,
            ["Lyon", "Frankfurt am Main", "Allemagne", "twinning", "", "12/05/1960", ""],
            ["Lyon", "Atlantis", "Atlantide", "twinning", "", "31/02/2024", ""],
        ]
    )
    result = import_records(
        kind="partnerships", data=data, filename="p.csv", user=editor, dry_run=False
    )
    assert not result.saved
    assert result.issues() == [
        {
            "line": 3,
            "column": "Pays",
            "value": "Atlantide",
            "reason": "Pays inconnu « Atlantide ».",
        },
        {
            "line": 3,
            "column": "Date de signature",
            "value": "31/02/2024",
            "reason": (
                "« 31/02/2024 » n'est pas une date (format attendu : JJ/MM/AAAA ou AAAA-MM-JJ)."
            ),
        },
    ]
    assert not PartnerCity.objects.exists()
    assert not Partnership.objects.exists()


def test_a_status_change_must_follow_the_life_cycle(lyon, editor):
    ok = csv_bytes([PARTNERSHIP_HEADER, ["Lyon", "Kraków", "Pologne", "twinning", "ended", "", ""]])
    import_records(kind="partnerships", data=ok, filename="a.csv", user=editor, dry_run=False)
    back = csv_bytes([PARTNERSHIP_HEADER, ["Lyon", "kraków", "PL", "twinning", "active", "", ""]])
    result = import_records(
        kind="partnerships", data=back, filename="b.csv", user=editor, dry_run=False
    )
    assert result.issues()[0]["column"] == "Statut"
    assert result.issues()[0]["reason"] == (
        "Le statut ne peut pas passer de « Terminé » à « Actif »."
    )
    assert Partnership.objects.get().status == "ended"


def test_a_new_partnership_takes_the_status_the_file_gives(lyon, editor):
    data = csv_bytes(
        [
            PARTNERSHIP_HEADER,
            ["Lyon", "Frankfurt am Main", "Allemagne", "Jumelage", "actif", "12/05/1960", ""],
            ["Lyon", "Kraków", "Pologne", "twinning", "Terminé", "", ""],
            ["Lyon", "Birmingham", "UK", "friendship", "", "", ""],
        ]
    )
    result = import_records(
        kind="partnerships", data=data, filename="p.csv", user=editor, dry_run=False
    )
    assert result.saved, result.issues()
    statuses = dict(Partnership.objects.values_list("partner_city__name", "status"))
    assert statuses == {"Frankfurt am Main": "active", "Kraków": "ended", "Birmingham": "exploring"}


def test_a_refused_status_move_names_the_statuses_in_english(lyon, editor):
    from django.utils import translation

    PartnershipFactory(
        local_government=lyon,
        partner_city=PartnerCityFactory(name="Windsor", country="GB"),
        kind="twinning",
        status="exploring",
    )
    data = csv_bytes([PARTNERSHIP_HEADER, ["Lyon", "Windsor", "UK", "twinning", "active", "", ""]])
    with translation.override("en"):
        result = import_records(
            kind="partnerships", data=data, filename="p.csv", user=editor, dry_run=False
        )
    assert result.issues()[0]["reason"] == (
        "The status cannot change from “Exploring” to “Active”."
    )
    assert Partnership.objects.get().status == "exploring"


def test_a_large_file_with_one_bad_date_saves_nothing(lyon, editor):
    rows = sample_rows(10_000, "Ville de Lyon", bad_row=9_000)
    result = import_records(
        kind="partnerships",
        data=csv_bytes([HEADER, *rows]),
        filename="big.csv",
        user=editor,
        dry_run=False,
    )
    assert not result.saved
    assert result.counts["rejected"] == 1
    assert result.issues() == [
        {
            "line": 9_001,
            "column": "Date de signature",
            "value": "31/02/2024",
            "reason": (
                "« 31/02/2024 » n'est pas une date (format attendu : JJ/MM/AAAA ou AAAA-MM-JJ)."
            ),
        },
    ]
    assert not Partnership.objects.exists()
    assert not PartnerCity.objects.exists()


def test_partner_cities_from_xlsx_match_existing_ones(editor):
    PartnerCityFactory(name="Frankfurt am Main", country="DE", region="Hessen", population=750000)
    data = xlsx_bytes(
        [
            ["Nom", "Pays", "Région", "Population", "Latitude", "Longitude"],
            ["frankfurt am main", "Allemagne", "", 760000, 50.11092, 8.68213],
            ["Saint-Étienne", "France", "Auvergne-Rhône-Alpes", "172 000", "45,4397", "4,3872"],
            ["SAINT ÉTIENNE", "FRA", "Auvergne-Rhône-Alpes", "172000", "45.4397", "4.3872"],
            ["Bamako", "Mali", "", "", "", ""],
        ]
    )
    result = import_records(
        kind="partner_cities", data=data, filename="c.xlsx", user=editor, dry_run=False
    )
    assert result.counts == {
        "created": 2,
        "changed": 1,
        "unchanged": 0,
        "duplicate": 1,
        "rejected": 0,
    }
    assert result.rows[0]["changes"] == ["population"]
    assert PartnerCity.objects.get(name="Frankfurt am Main").population == 760000
    assert PartnerCity.objects.filter(name__icontains="tienne").count() == 1


def test_organisations_contacts_consulates_and_diaspora(lyon, editor):
    files = [
        (
            "organisations",
            [
                ["Nom", "Type", "Pays", "Ville"],
                ["Université Lumière", "Université", "France", "Lyon"],
                ["Association des Sénégalais", "association de la diaspora", "FR", "Lyon"],
            ],
        ),
        (
            "contacts",
            [
                ["Nom", "Prénom", "Organisation", "Courriel"],
                ["Diallo", "Awa", "association des senegalais", "AWA@EXAMPLE.ORG"],
            ],
        ),
        (
            "consulates",
            [
                ["Pays", "Type", "Ville", "Consul"],
                ["Sénégal", "Consulat honoraire", "Lyon", "M. Ndiaye"],
            ],
        ),
        (
            "diaspora_groups",
            [
                ["Nom", "Pays d'origine", "Effectif", "Source", "Année", "Associations"],
                [
                    "Communauté sénégalaise",
                    "SEN",
                    "4 500",
                    "recensement",
                    "2021",
                    "Association des Sénégalais",
                ],
            ],
        ),
    ]
    for kind, rows in files:
        result = import_records(
            kind=kind, data=csv_bytes(rows), filename=f"{kind}.csv", user=editor, dry_run=False
        )
        assert result.saved, (kind, result.issues())
        again = import_records(
            kind=kind, data=csv_bytes(rows), filename=f"{kind}.csv", user=editor, dry_run=False
        )
        assert again.counts["created"] == again.counts["changed"] == 0
    assert Contact.objects.get().email == "awa@example.org"
    assert Consulate.objects.get().kind == "honorary"
    group = DiasporaGroup.objects.get()
    assert (group.origin_country.code, group.estimated_size, group.local_government) == (
        "SN",
        4500,
        lyon,
    )
    assert [o.name for o in group.associations.all()] == ["Association des Sénégalais"]
    assert Organisation.objects.count() == 2


def test_delegations_with_one_row_per_member(lyon, editor):
    OrganisationFactory(name="CHU de Lyon")
    header = [
        "Titre",
        "Sens",
        "Ville partenaire",
        "Pays",
        "Début",
        "Fin",
        "Objet",
        "Membre",
        "Rôle",
        "Organisation",
        "Chef",
    ]
    rows = [
        header,
        [
            "Mission Hangzhou",
            "entrante",
            "Hangzhou",
            "Chine",
            "10/06/2025",
            "12/06/2025",
            "Medtech",
            "Li Wei",
            "élu",
            "",
            "oui",
        ],
        [
            "Mission Hangzhou",
            "incoming",
            "hangzhou",
            "CN",
            "2025-06-10",
            "2025-06-12",
            "Medtech",
            "Zhang Min",
            "business",
            "",
            "",
        ],
        [
            "Mission Hangzhou",
            "incoming",
            "Hangzhou",
            "China",
            "10.06.2025",
            "12.06.2025",
            "Medtech",
            "Dr Martin",
            "staff",
            "chu de lyon",
            "non",
        ],
    ]
    result = import_records(
        kind="delegations", data=csv_bytes(rows), filename="d.csv", user=editor, dry_run=False
    )
    assert result.counts == {
        "created": 3,
        "changed": 0,
        "unchanged": 0,
        "duplicate": 0,
        "rejected": 0,
    }
    delegation = Delegation.objects.get()
    assert (delegation.country.code, delegation.partner_city.name) == ("CN", "Hangzhou")
    assert DelegationMember.objects.filter(delegation=delegation).count() == 3
    assert DelegationMember.objects.get(is_head=True).full_name == "Li Wei"
    again = import_records(
        kind="delegations", data=csv_bytes(rows), filename="d.csv", user=editor, dry_run=False
    )
    assert again.counts["unchanged"] == 3


def test_exchange_participants(editor):
    ExchangeProgramFactory(title="Semestre à Francfort")
    rows = [
        ["Programme", "Nom", "Rôle", "Départ", "Retour"],
        ["semestre a francfort", "Léa Dubois", "étudiante", "01/09/2025", "31/01/2026"],
        ["Semestre à Francfort", "Hugo", "student", "31/01/2026", "01/09/2025"],
    ]
    result = import_records(
        kind="participants", data=csv_bytes(rows), filename="x.csv", user=editor, dry_run=False
    )
    assert not result.saved
    assert result.issues()[0]["line"] == 3
    assert "ne peut pas revenir avant d'être parti" in result.issues()[0]["reason"]
    assert not Participant.objects.exists()


def test_a_missing_required_column_rejects_the_file(editor):
    result = import_records(
        kind="partner_cities",
        data=csv_bytes([["Nom"], ["Bamako"]]),
        filename="c.csv",
        user=editor,
        dry_run=False,
    )
    assert result.file_errors[0]["column"] == "country"
    assert not PartnerCity.objects.exists()


def test_a_viewer_cannot_import(viewer):
    with pytest.raises(PermissionDenied):
        import_records(kind="partner_cities", data=b"", filename="c.csv", user=viewer, dry_run=True)


def test_the_preview_offers_to_merge_places_differing_only_by_accents(
    client, editor, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from .test_pages_and_api import upload_and_map

    PartnerCityFactory(name="Fürth", country="DE", population=None)
    PartnerCityFactory(name="Lohne", country="DE", population=None)
    rows = [["Nom", "Pays", "Population"], ["Furth", "DE", "130000"], ["Löhne", "DE", "40000"]]
    client.force_login(editor)
    job = upload_and_map(
        client, rows, django_capture_on_commit_callbacks, name="c.csv", kind="partner_cities"
    )
    assert (job.status, job.created_count) == ("previewed", 2)
    page = client.get(reverse("staff:import_detail", args=[job.pk])).content.decode()
    assert "Lieux qui ne s'écrivent différemment que par leurs accents" in page
    assert "Fürth / Furth (ligne 2)" in page
    assert "Lohne / Löhne (ligne 3)" in page

    # Fürth is Furth; Löhne stays a town of its own.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:import_merge_places", args=[job.pk]), {"places": ["furth"]})
    job.refresh_from_db()
    assert (job.status, job.created_count, job.changed_count) == ("previewed", 1, 1)
    assert job.merge_places == ["furth"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:import_confirm", args=[job.pk]))
    assert dict(PartnerCity.objects.values_list("name", "population")) == {
        "Fürth": 130000,
        "Lohne": None,
        "Löhne": 40000,
    }


def test_the_api_reports_accent_twins_and_merges_the_places_it_is_given(
    api_client_for, django_capture_on_commit_callbacks
):
    from .test_pages_and_api import post_and_poll, upload

    PartnerCityFactory(name="Fürth", country="DE")
    rows = [["Nom", "Pays"], ["Furth", "DE"]]
    client = api_client_for("editor")
    data = post_and_poll(
        client,
        "/api/v1/imports/?dry_run=true",
        {"kind": "partner_cities", "file": upload(rows, "c.csv")},
        django_capture_on_commit_callbacks,
    ).json()
    assert data["accent_twins"] == [{"key": "furth", "names": ["Fürth", "Furth"], "line": 2}]
    merged = post_and_poll(
        client,
        "/api/v1/imports/",
        {"kind": "partner_cities", "file": upload(rows, "c.csv"), "merge_places": ["furth"]},
        django_capture_on_commit_callbacks,
    ).json()
    assert (merged["status"], merged["created_count"]) == ("done", 0)
    assert list(PartnerCity.objects.values_list("name", flat=True)) == ["Fürth"]


@pytest.mark.parametrize(
    ("choice", "outcome", "latitude"),
    [
        ("stop", "rejected", None),
        ("first", "duplicate", "50.11090"),
        ("last", "duplicate", "50.20000"),
    ],
)
def test_a_partner_cities_file_with_two_coordinate_pairs_for_one_city(
    editor, choice, outcome, latitude
):
    rows = [
        ["Nom", "Pays", "Latitude", "Longitude"],
        ["Frankfurt am Main", "DE", "50.1109", "8.6821"],
        ["Frankfurt am Main", "Allemagne", "50.2", "8.7"],
    ]
    result = import_records(
        kind="partner_cities",
        data=csv_bytes(rows),
        filename="c.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(coordinates=choice),
    )
    assert result.rows[1]["outcome"] == outcome
    if choice == "stop":
        assert result.issues()[0]["column"] == "Latitude"
        assert not PartnerCity.objects.exists()
    else:
        assert str(PartnerCity.objects.get().latitude) == latitude


def test_the_preview_shows_row_outcomes_by_their_labels(
    client, lyon, editor, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from .test_pages_and_api import ROWS, upload_and_map

    client.force_login(editor)
    job = upload_and_map(client, ROWS, django_capture_on_commit_callbacks)
    page = client.get(reverse("staff:import_detail", args=[job.pk])).content.decode()
    assert "<td>Créée</td>" in page
