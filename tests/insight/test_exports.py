"""The insight exports hold, cell for cell, what the lists show, in the reader's language.

The exports read plain rows (``.values()``) where the lists and the API read model
instances: these tests hold the two ways to the same verdicts, reasons and next steps.
"""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_countries import countries
from openpyxl import load_workbook

from insight.choices import Verdict
from insight.selectors import HEALTH_SOURCE_KEYS
from partnerships.models import Partnership
from tests import factories as f

from .conftest import ago
from .test_pages_and_api import _activity

pytestmark = pytest.mark.django_db

HEALTH = reverse("staff:partnershiphealth_list")
RECIPROCITY = reverse("staff:partnercityreciprocity_list")
HEALTH_API = reverse("api:partnership-health-list")
RECIPROCITY_API = reverse("api:partner-city-reciprocity-list")
HEALTH_CSV = reverse("api:partnership-health-export-csv")
RECIPROCITY_CSV = reverse("api:partner-city-reciprocity-export-csv")
# The health API's and the export's last day of each source of activity.
LASTS = [f"last_{key}" for key in HEALTH_SOURCE_KEYS]


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body_of(response).decode("utf-8-sig"))))


@pytest.fixture
def every_step(quiet_world):
    """The quiet world, and a partnership for each step it has no example of:

    * Porto, lively and listed active, its review due next month: renew;
    * Lviv, lively again while listed dormant: review.
    """
    home = quiet_world["Leipzig"].local_government
    porto = f.PartnershipFactory(
        local_government=home,
        partner_city=f.PartnerCityFactory(name="Porto", country="PT"),
        review_on=timezone.localdate() + dt.timedelta(days=30),
    )
    lviv = f.PartnershipFactory(
        local_government=home,
        partner_city=f.PartnerCityFactory(name="Lviv", country="UA"),
        status="dormant",
    )
    for partnership, day in ((porto, ago(1)), (lviv, ago(days=100))):
        f.DelegationFactory(
            local_government=home,
            partner_city=partnership.partner_city,
            partnership=partnership,
            direction="incoming",
            starts_on=day,
            ends_on=day,
            status="done",
        )
    return quiet_world


def health_row_of(item: dict) -> list[str]:
    """What the export should say of one partnership of the API's list."""
    shown = Partnership(kind=item["kind"], status=item["status"])
    action = item["suggested_action"]
    return [
        item["partner_city"]["name"],
        countries.name(item["partner_city"]["country"]),
        item["local_government"]["name"],
        shown.get_kind_display(),
        shown.get_status_display(),
        item["review_on"] or "",
        str(dict(Verdict.choices)[item["verdict"]]),
        item["last_activity"] or "",
        *(item[name] or "" for name in LASTS),
        str(item["activity_1y"]),
        str(item["activity_3y"]),
        str(item["activity_5y"]),
        "; ".join(item["reasons"]),
        action["label"] if action else "",
    ]


def test_the_health_export_says_what_the_list_says_row_for_row_in_french(
    settings, client_for, api_client_for, every_step
):
    settings.LANGUAGE_CODE = "fr"
    params = {"page_size": 100}
    listed = api_client_for("viewer").get(HEALTH_API, params, HTTP_ACCEPT_LANGUAGE="fr")
    items = listed.json()["results"]
    with translation.override("fr"):
        expected = [health_row_of(item) for item in items]
    # Every step and verdict is there, in French, with the day of the last activity.
    assert {row[-1] for row in expected} == {
        "Renouveler",
        "Passer en sommeil",
        "Réexaminer",
        "Prévoir une visite",
        "",
    }
    porto = next(row for row in expected if row[0] == "Porto")
    assert porto[-2].endswith(ago(1).strftime("%d/%m/%Y"))

    exported = rows_of_csv(
        api_client_for("viewer").get(HEALTH_CSV, params, HTTP_ACCEPT_LANGUAGE="fr")
    )
    assert exported[1:] == expected
    staff = client_for("viewer").get(HEALTH, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert rows_of_csv(staff) == exported


def test_the_health_export_keeps_the_lists_filter_and_order(api_client_for, every_step):
    client = api_client_for("viewer")
    params = {"verdict": ["lively", "dormant"], "country": ["PT", "UA", "JP"]}
    items = client.get(HEALTH_API, params).json()["results"]
    assert [item["partner_city"]["name"] for item in items] == ["Yokohama", "Porto", "Lviv"]
    exported = rows_of_csv(client.get(HEALTH_CSV, params))
    assert exported[1:] == [health_row_of(item) for item in items]


def test_the_health_workbook_holds_the_cells_of_the_csv(client_for, every_step):
    client = client_for("viewer")
    exported = rows_of_csv(client.get(HEALTH, {"export": "csv"}))
    sheet = load_workbook(io.BytesIO(client.get(HEALTH, {"export": "xlsx"}).content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    # Dates stay dates, counts numbers; an empty cell is empty.
    yokohama = next(row for row in cells if row[0] == "Yokohama")
    assert yokohama[9] == dt.datetime.combine(ago(7), dt.time())
    assert yokohama[16] == 0
    assert yokohama[10] is None

    def text(value):
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return str(value)

    assert [[text(value) for value in row] for row in cells] == exported


def test_the_reciprocity_export_says_what_the_list_says_in_french(settings, api_client_for):
    settings.LANGUAGE_CODE = "fr"
    home = f.LocalGovernmentFactory()
    rabat = f.PartnerCityFactory(name="Rabat", country="MA", region="Rabat-Salé-Kénitra")
    f.PartnerCityFactory(name="Quietville", country="DE")
    visit = f.DelegationFactory(
        local_government=home,
        partner_city=rabat,
        direction="incoming",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 3, 2),
    )
    f.DelegationMemberFactory(delegation=visit)
    f.DelegationCostFactory(delegation=visit, amount="120.50", paid_by="")
    client = api_client_for("viewer")
    params = {"date_from": "2025-01-01"}
    items = client.get(RECIPROCITY_API, params, HTTP_ACCEPT_LANGUAGE="fr").json()["results"]
    exported = rows_of_csv(client.get(RECIPROCITY_CSV, params, HTTP_ACCEPT_LANGUAGE="fr"))
    assert [row[:3] for row in exported[1:]] == [
        ["Quietville", "Allemagne", "Hessen"],
        ["Rabat", "Maroc", "Rabat-Salé-Kénitra"],
    ]
    header = exported[0]
    rabat_row = dict(zip(header, exported[2], strict=True))
    assert rabat_row["Délégations reçues"] == "1"
    assert rabat_row["Personnes reçues"] == "1"
    assert float(rabat_row["Payé par la ville, accueil (EUR)"]) == 120.5
    assert [item["name"] for item in items] == [row[0] for row in exported[1:]]


@pytest.mark.parametrize(
    "url",
    [
        f"{HEALTH}?export=csv",
        f"{HEALTH}?export=xlsx",
        f"{RECIPROCITY}?export=csv",
        reverse("api:partnership-health-export-xlsx"),
        RECIPROCITY_CSV,
    ],
)
def test_an_export_costs_the_same_with_2_and_30_partners(client_for, url):
    client = client_for("editor")

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            assert response.status_code == 200
            body_of(response)  # a streamed file reads its rows as it is sent
        return len(captured)

    _activity(2)
    few = queries()
    _activity(28)
    assert queries() == few
