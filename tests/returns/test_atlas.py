"""The partnership sheet in the shape of the national atlas of decentralised cooperation."""

import csv
import io

from openpyxl import load_workbook

from returns.atlas import atlas_rows
from returns.exports import atlas_response
from tests import factories as f


def make_partnership(name="Saint-Louis"):
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon", official_code="69123")
    metropole = f.LocalGovernmentFactory(name="Métropole de Lyon", is_default=False)
    city = f.PartnerCityFactory(name=name, country="SN", region="Saint-Louis")
    f.ContactFactory(
        organisation=None,
        partner_city=city,
        first_name="Awa",
        last_name="Diop",
        position="Chargée de coopération",
        email="awa.diop@saintlouis.example",
    )
    partnership = f.PartnershipFactory(local_government=lyon, partner_city=city, kind="cooperation")
    partnership.co_holders.add(metropole)
    partnership.themes.add(f.theme("water"), f.theme("culture"))
    partnership.co_partners.add(f.OrganisationFactory(name="Université Lyon 2"))
    return partnership


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_row_holds_what_the_atlas_asks_for(db, editor, settings):
    settings.LANGUAGE_CODE = "en"
    make_partnership()
    rows = read_csv(atlas_response(atlas_rows(user=editor), "csv"))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=True))
    assert record["French local government"] == "Ville de Lyon"
    assert record["Official code (INSEE or SIREN)"] == "69123"
    assert record["Other French holders"] == "Métropole de Lyon"
    assert record["Partner local government"] == "Saint-Louis"
    assert record["Country"] == "Senegal"
    assert record["Kind of partnership"] == "Decentralised cooperation agreement"
    assert record["Signed on"] == "1960-05-12"
    assert set(record["Themes"].split("; ")) == {"Water and sanitation", "Culture"}
    assert record["Local co-partners"] == "Université Lyon 2"
    assert record["Partner's contacts"] == (
        "Awa Diop (Chargée de coopération, awa.diop@saintlouis.example)"
    )


def test_the_sheet_takes_the_partnership_filters(db, editor):
    make_partnership()
    f.PartnershipFactory(partner_city=f.PartnerCityFactory(country="DE"))
    assert atlas_rows(user=editor).count() == 2
    assert atlas_rows(user=editor, filters={"country": ["SN"]}).count() == 1


def test_the_xlsx_sheet_has_one_row_per_partnership(db, editor):
    make_partnership()
    book = load_workbook(io.BytesIO(atlas_response(atlas_rows(user=editor), "xlsx").content))
    assert book.active.max_row == 2


def test_the_sheet_costs_the_same_queries_with_more_partnerships(db, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_partnership()
    with CaptureQueriesContext(connection) as few:
        read_csv(atlas_response(atlas_rows(user=editor), "csv"))
    for i in range(10):
        make_partnership(f"Partner {i}")
    with CaptureQueriesContext(connection) as many:
        read_csv(atlas_response(atlas_rows(user=editor), "csv"))
    assert len(many.captured_queries) == len(few.captured_queries)
