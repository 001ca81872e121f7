"""The mapping step: columns matched to fields, values for every row, saved mappings.

One service path (``import_records`` with ``ImportOptions``) behind the staff pages,
the API and the ``import_data`` command.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import PartnerCity, Partnership
from transfers.engine import ImportOptions
from transfers.models import ImportJob, SavedMapping
from transfers.services import check_import_options, import_records

from .conftest import csv_bytes
from .test_pages_and_api import mapping_data, post_and_poll, upload

pytestmark = pytest.mark.django_db

# Headers no alias knows: the user says what each column is.
ODD = [
    ["Jumelée avec", "Land", "Remarque interne", "Commentaire"],
    ["Frankfurt am Main", "Allemagne", "vieux dossier", "à ignorer"],
    ["Birmingham", "UK", "", "à ignorer"],
    ["Kraków", "Pologne", "", ""],
    ["Bamako", "Mali", "", ""],
]
MAPPING = {
    "Jumelée avec": "partner_city",
    "Land": "partner_country",
    "Remarque interne": "notes",
    "Commentaire": "",
}
CONSTANTS = {"kind": "Jumelage", "status": "active", "published": "oui"}


def test_a_mapping_and_values_for_every_row_import_a_file_no_alias_knows(lyon, editor):
    without = import_records(
        kind="partnerships", data=csv_bytes(ODD), filename="odd.csv", user=editor, dry_run=True
    )
    assert {issue["column"] for issue in without.file_errors} == {"partner_city", "kind"}

    result = import_records(
        kind="partnerships",
        data=csv_bytes(ODD),
        filename="odd.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(mapping=MAPPING, constants=CONSTANTS),
    )
    assert result.saved, result.issues()
    assert result.ignored_headers == ["Commentaire"]
    assert sorted(
        Partnership.objects.values_list("partner_city__name", "kind", "status", "published")
    ) == [
        ("Bamako", "twinning", "active", True),
        ("Birmingham", "twinning", "active", True),
        ("Frankfurt am Main", "twinning", "active", True),
        ("Kraków", "twinning", "active", True),
    ]
    assert Partnership.objects.get(partner_city__name="Frankfurt am Main").notes == "vieux dossier"


def test_a_value_for_every_row_fills_only_the_empty_cells(lyon, editor):
    rows = [
        ["Ville partenaire", "Pays", "Type", "Statut"],
        ["Bamako", "Mali", "cooperation", "négociation"],
        ["Kraków", "Pologne", "twinning", ""],
    ]
    import_records(
        kind="partnerships",
        data=csv_bytes(rows),
        filename="p.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(constants={"status": "ended"}),
    )
    assert dict(Partnership.objects.values_list("partner_city__name", "status")) == {
        "Bamako": "negotiating",
        "Kraków": "ended",
    }


def test_a_value_the_import_cannot_read_names_its_field(lyon, editor):
    options = ImportOptions(
        mapping=MAPPING, constants={"kind": "alliance", "published": "peut-être"}
    )
    result = import_records(
        kind="partnerships",
        data=csv_bytes(ODD),
        filename="odd.csv",
        user=editor,
        dry_run=False,
        options=options,
    )
    assert not result.saved
    assert [(issue["column"], issue["value"]) for issue in result.file_errors] == [
        ("kind", "alliance"),
        ("published", "peut-être"),
    ]
    assert "« peut-être » n'est ni oui ni non." in result.file_errors[1]["reason"]
    with pytest.raises(ValidationError) as error:
        check_import_options("partnerships", options)
    assert set(error.value.message_dict) == {"constants"}
    with pytest.raises(ValidationError) as error:
        check_import_options("partnerships", ImportOptions(mapping={"Land": "planet"}))
    assert error.value.message_dict["mapping"] == [
        "Colonne « Land » : « planet » n'est pas un champ de ce type d'import."
    ]
    with pytest.raises(ValidationError) as error:
        check_import_options("partnerships", ImportOptions(mapping={"A": "notes", "B": "notes"}))
    assert error.value.message_dict["mapping"] == ["Une seule colonne peut alimenter « notes »."]
    assert not Partnership.objects.exists()


def test_the_staff_mapping_step_shows_samples_and_fields_then_saves_the_mapping(
    client, lyon, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    rows = [
        ["Ville 2", "Pays", "Colonne inconnue"],
        ["Frankfurt am Main", "Allemagne", "a"],
        ["Birmingham", "UK", "b"],
        ["Kraków", "Pologne", "c"],
        ["Bamako", "Mali", "d"],
    ]
    response = client.post(
        reverse("staff:import_list"), {"kind": "partnerships", "file": upload(rows)}
    )
    job = ImportJob.objects.get()
    page = client.get(response["Location"])
    html = page.content.decode()
    # Each column: its header as the label of its select, three sample values.
    assert '<label for="id_column_0">Ville 2</label>' in html
    assert "<code>Frankfurt am Main</code>, <code>Birmingham</code>, <code>Kraków</code>" in html
    assert "Bamako" not in html
    form = page.context["form"]
    assert [form[f"column_{n}"].value() for n in range(3)] == [
        "partner_city",
        "partner_country",
        "",
    ]
    assert 'for="id_value_kind"' in html  # a labelled value for every row

    data = mapping_data(page, value_kind="twinning", value_status="active", save_as="Wikipédia")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:import_mapping", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("previewed", 4)
    assert job.constants == {"kind": "twinning", "status": "active"}
    saved = SavedMapping.objects.get()
    assert (saved.name, saved.kind, saved.created_by) == ("Wikipédia", "partnerships", editor)
    assert saved.mapping == {
        "Ville 2": "partner_city",
        "Pays": "partner_country",
        "Colonne inconnue": "",
    }

    # The next file of the kind starts from the saved mapping.
    response = client.post(
        reverse("staff:import_list"),
        {"kind": "partnerships", "file": upload(rows), "saved_mapping": saved.pk},
    )
    page = client.get(response["Location"])
    assert page.context["form"]["value_status"].value() == "active"


def test_a_saved_mapping_of_another_kind_is_refused(client, editor):
    saved = SavedMapping.objects.create(name="Villes", kind="partner_cities", mapping={})
    client.force_login(editor)
    response = client.post(
        reverse("staff:import_list"),
        {"kind": "partnerships", "file": upload(ODD), "saved_mapping": saved.pk},
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_the_api_takes_a_mapping_and_values_for_every_row(
    api_client_for, lyon, django_capture_on_commit_callbacks
):
    client = api_client_for("editor")
    response = post_and_poll(
        client,
        "/api/v1/imports/",
        {
            "kind": "partnerships",
            "file": upload(ODD),
            "mapping": json.dumps(MAPPING),
            "constants": json.dumps({"kind": "twinning", "status": "active", "published": True}),
        },
        django_capture_on_commit_callbacks,
    )
    data = response.json()
    assert (data["status"], data["created_count"]) == ("done", 4), data
    assert data["mapping"] == MAPPING
    assert Partnership.objects.filter(status="active", published=True).count() == 4

    bad = client.post(
        "/api/v1/imports/",
        {"kind": "partnerships", "file": upload(ODD), "mapping": json.dumps({"Land": "planet"})},
        format="multipart",
    )
    assert bad.status_code == 400
    assert "planet" in json.dumps(bad.json(), ensure_ascii=False)


def test_the_command_maps_columns_sets_values_and_lists_the_fields(lyon, administrator, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(csv_bytes(ODD))
    out = io.StringIO()
    call_command("import_data", "--list-columns", "partnerships", stdout=out)
    assert "partner_city *\tpartner city, ville partenaire" in out.getvalue()
    assert "\nstatus\tstatus, statut" in out.getvalue()

    call_command(
        "import_data",
        "--kind",
        "partnerships",
        "--file",
        str(path),
        "--map",
        "Jumelée avec=partner_city",
        "--map",
        "Land=partner_country",
        "--map",
        "Remarque interne=notes",
        "--map",
        "Commentaire=",
        "--set",
        "kind=twinning",
        "--set",
        "status=ended",
        stdout=io.StringIO(),
    )
    assert Partnership.objects.filter(status="ended").count() == 4
    assert PartnerCity.objects.count() == 4


def test_the_mapping_step_asks_for_a_required_field_before_checking(client, lyon, editor):
    client.force_login(editor)
    response = client.post(
        reverse("staff:import_list"), {"kind": "partnerships", "file": upload(ODD)}
    )
    job = ImportJob.objects.get()
    page = client.get(response["Location"])
    response = client.post(response["Location"], mapping_data(page, column_0="partner_city"))
    assert response.status_code == 400
    assert response.context["form"].errors["value_kind"] == [
        "Choisissez la colonne qui donne « kind », ou une valeur pour toutes les lignes."
    ]
    html = response.content.decode()
    assert 'id="id_value_kind_error"' in html
    job.refresh_from_db()
    assert job.status == "mapping"


def test_saved_mappings_are_listed_and_deleted_in_the_admin(client, editor, viewer):
    from tests.factories import SavedMappingFactory

    saved = SavedMappingFactory(name="Liste Wikipédia")
    client.force_login(viewer)
    assert "Liste Wikipédia" in client.get("/admin/transfers/savedmapping/").content.decode()
    delete = f"/admin/transfers/savedmapping/{saved.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.force_login(editor)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not SavedMapping.objects.exists()
