"""The role matrix: every URL of the project, for every role, allowed or kept out.

The URL patterns are read from the resolver, so a new page, admin page or API endpoint
joins the matrix by itself; ``test_every_url_pattern_has_a_rule`` fails for a pattern no
rule covers. Records in URLs belong to *another* organisation than the partner member's,
so the partner column also checks that a guessed id of someone else's record is 404.

Outcomes: ``ok`` (2xx, or a redirect that is not to a sign-in page), ``login`` (a
redirect to a sign-in page, or 401), ``no`` (403 or 404).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from knox.models import AuthToken
from rest_framework.throttling import SimpleRateThrottle

from intl_relations.permissions import OWN_REQUESTS
from intl_relations.staff import StaffActionView
from reports.models import ReportRun
from tests import factories as f
from tests.api.endpoints import ENDPOINTS
from tests.conftest import ROLES
from transfers.models import ImportJob

STAFF_ROLES = ("viewer", "editor", "administrator")
# Written down here, not read from the code under test: the accounts, the API tokens and
# the erasure requests are the administrators' alone, in every door.
ADMINISTRATORS_ONLY = {"accounts.user", "knox.authtoken", "privacy.erasure"}
PORTAL_APPS = {"accounts", "organisations", "partnerships", "cooperation", "delegations"}


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    route: str  # the pattern as written, e.g. "staff/partnerships/<int:pk>/"
    pattern: URLPattern

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    @property
    def short(self) -> str:
        return self.name.split(":", 1)[-1]


def _walk(resolver: URLResolver, prefix: str = "", ns: str = "") -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{ns}:{entry.namespace}" if ns and entry.namespace else entry.namespace or ns
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif entry.name:
            name = f"{ns}:{entry.name}" if ns else entry.name
            yield Route(name, prefix + str(entry.pattern), entry)


ROUTES = sorted({r.name: r for r in _walk(get_resolver())}.values(), key=lambda r: r.name)

# Pages that change state or need a one-time token: refused when reached by GET alone,
# or only meaningful with the e-mailed token. Their own tests cover them.
NOT_WALKED = {
    "set_language",
    "staff:logout",
    "portal:logout",
    "staff:password_reset_confirm",
    "portal:register_confirm",
    "admin:logout",
    "api:auth-login",
    "api:auth-logout",
    "api:auth-logoutall",
    "admin:view_on_site",
    "admin:jsi18n",
    "admin:autocomplete",
}

PUBLIC_PORTAL = {
    "home",
    "map",
    "map_geojson",
    "partner_city",
    "partnership",
    "partnership_document",
    "program_list",
    "program_detail",
    "consulate_list",
    "association_list",
    "report_list",
    "propose",
    "propose_done",
    "robots",
    "sitemap",
    "register",
    "register_done",
    "login",
}
MEMBER_PORTAL = {
    "account",
    "profile",
    "apply",
    "application_detail",
    "application_withdraw",
    "application_document",
}
PUBLIC_ROOT = {"api-schema", "api-docs", "health"}
STAFF_OPEN = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
}
STAFF_READ_ACTIONS = {"list", "detail", "download", "report"}
STAFF_PAGES_FOR_EVERY_STAFF_ROLE = {
    "dashboard",
    "returns_report",
    "dashboard_map_points",
    "calendar",
    "territory",
    "password_change",
    "password_change_done",
}
# Staff pages reserved to editors and administrators, or to administrators alone.
STAFF_EDITOR_PAGES = {
    "import_list",
    "import_detail",
    "import_confirm",
    "import_report",
    "import_template_csv",
    "import_template_xlsx",
}
STAFF_ADMIN_PAGES = {"archive", "archive_download", "privacy", "privacy_export", "privacy_erase"}
# A person's own records only, whatever their role: the world's download is nobody's
# (the requester's own pages are tested in tests/downloads).
STAFF_OWN_PAGES = {"download_detail", "download_file"}


def rule(route: Route, role: str) -> str:
    """What ``role`` gets on ``route``: ``ok``, ``login`` or ``no``."""
    ns, short = route.namespace, route.short
    if ns == "" and short in PUBLIC_ROOT:
        return "ok"
    if ns == "reports":
        return "ok"
    if ns == "portal":
        if short in PUBLIC_PORTAL:
            return "ok"
        if short in MEMBER_PORTAL:
            if role == "anonymous":
                return "no" if short == "application_document" else "login"
            if short == "profile":
                # The member's own organisation: staff accounts have none.
                return "ok" if role == "partner" else "no"
            if short in {"application_detail", "application_withdraw", "application_document"}:
                # Another organisation's application: absent for its partner, visible to staff.
                return "no" if role == "partner" else "ok"
            return "ok"
    if ns == "staff":
        return _staff_rule(short, role)
    if ns == "admin":
        return _admin_rule(route, role)
    if ns == "api":
        return _api_rule(route, role)
    raise LookupError(route.name)


def _staff_rule(short: str, role: str) -> str:
    if short in STAFF_OPEN:
        return "ok"
    if role == "anonymous":
        return "login"
    if role == "partner":
        return "no"
    if short in STAFF_OWN_PAGES:
        return "no"
    if short in STAFF_PAGES_FOR_EVERY_STAFF_ROLE:
        return "ok"
    if short in STAFF_ADMIN_PAGES:
        return "ok" if role == "administrator" else "no"
    if short in STAFF_EDITOR_PAGES:
        return "no" if role == "viewer" else "ok"
    action = short.rsplit("_", 1)[-1]
    if action in STAFF_READ_ACTIONS:
        return "ok"
    return "no" if role == "viewer" else "ok"


ADMIN_READ_VIEWS = {"changelist", "change", "history", "index", "app_list"}


def _admin_model(route: Route) -> type | None:
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if route.short.startswith(prefix):
            return model
    return None


def _admin_rule(route: Route, role: str) -> str:
    if route.short in {"login", "password_change", "password_change_done"} and role in (
        "anonymous",
        "partner",
    ):
        return "ok" if route.short == "login" else "login"
    if route.short == "login":
        return "ok"
    if role in ("anonymous", "partner"):
        return "login"
    if route.short == "auth_user_password_change":
        return "ok" if role == "administrator" else "no"
    model = _admin_model(route)
    if model is None:
        return "ok"  # index, app lists, password change
    if model._meta.app_label in THIRD_PARTY_ADMIN_APPS:
        # Registered by their packages, on Django's model permissions: superusers only.
        return "no"
    view = route.short.removeprefix(f"{model._meta.app_label}_{model._meta.model_name}_")
    label = model._meta.label_lower
    if view == "add" and label in NO_ADD_IN_ADMIN:
        return "no"
    if view == "delete" and label in NO_DELETE_IN_ADMIN:
        return "no"
    if view == "delete" and label in DELETED_BY_ADMINISTRATORS_ONLY:
        return "ok" if role == "administrator" else "no"
    if label in ADMINISTRATORS_ONLY:
        return "ok" if role == "administrator" else "no"
    if label in OWN_REQUESTS:
        return "ok"  # every staff role, on its own rows (nobody's here: sent to the index)
    if view in ADMIN_READ_VIEWS or "history" in view:
        return "ok"
    return "no" if role == "viewer" else "ok"


# Third-party admins left on Django's model permissions (sign-in records, schedules, jobs).
THIRD_PARTY_ADMIN_APPS = {"axes", "django_celery_beat", "django_celery_results", "auth"}
# Admins that add nothing by hand: a fixed vocabulary, or records the app itself makes.
NO_ADD_IN_ADMIN = {
    "partnerships.theme",
    "exchanges.application",
    "reports.reportrun",
    "transfers.importjob",
    "transfers.savedmapping",
    "privacy.erasure",
    "downloads.download",
}
NO_DELETE_IN_ADMIN = {"partnerships.theme", "privacy.erasure"}
DELETED_BY_ADMINISTRATORS_ONLY = {"transfers.importjob"}


API_READS = {"list", "export-csv", "export-xlsx", "geojson", "calendar"}
# Endpoints outside the router's generic walk, with whether one of their records is public.
API_EXTRA = {
    "import": False,
    "report": True,
    "token": False,
    "returns": False,
    "download": False,
}
# Official returns (e-APD, IATI, atlas), the read-only figures computed from internal
# records (insight) and the territory diagnosis: office staff only, whatever the role.
STAFF_ONLY_API = {"returns", "partnership-health", "partner-city-reciprocity", "territory"}
API_EXTRA |= dict.fromkeys(STAFF_ONLY_API, False)


def _api_endpoint(short: str) -> tuple[str, str, bool]:
    """(basename, action, public) of an API route name such as ``partnership-export-csv``."""
    known = {name: e.public for name, e in ENDPOINTS.items()} | API_EXTRA
    known["partner-city"] = True  # the world's city has a published partnership
    basename = max((b for b in known if short.startswith(f"{b}-")), key=len, default="")
    return basename, short[len(basename) + 1 :], known.get(basename, False)


def _api_rule(route: Route, role: str) -> str:
    if route.short == "api-root":
        return "ok"
    basename, action, public = _api_endpoint(route.short)
    if not basename:
        raise LookupError(route.name)
    if basename == "user":
        if role == "anonymous":
            return "login"
        return "ok" if role == "administrator" else "no"
    if basename in STAFF_ONLY_API:
        if role == "anonymous":
            return "login"
        return "ok" if role in STAFF_ROLES else "no"
    if basename == "download":
        # A person's own files: the world's download is nobody's (tests/downloads).
        if role == "anonymous":
            return "login"
        return "ok" if action == "list" else "no"
    if basename == "token":
        # A key that is nobody's: absent for everyone signed in.
        return "login" if role == "anonymous" else ("ok" if action == "list" else "no")
    if action in API_READS:
        return "ok"  # everyone reads; the rows are scoped
    if action in {"detail", "download", "report-csv", "rejected-csv"}:
        return "ok" if public or role in STAFF_ROLES else "no"
    if action == "withdraw":
        # The applicant's own step: another organisation's application is absent.
        return "ok" if role in ("editor", "administrator") else "no"
    # A workflow step (transition, decide, publish, ...): editors and administrators.
    if role == "anonymous":
        return "login"
    return "ok" if role in ("editor", "administrator") else "no"


# ---------------------------------------------------------------------------------------


def test_every_url_pattern_has_a_rule():
    unruled = []
    for route in ROUTES:
        if route.name in NOT_WALKED:
            continue
        try:
            rule(route, "viewer")
        except LookupError:
            unruled.append(route.name)
    assert unruled == []
    assert len(ROUTES) > 400


class World:
    """One record of every kind, owned by an organisation other than the partner's."""

    def __init__(self) -> None:
        self.other = f.OrganisationFactory(name="Another organisation")
        self.application = f.ApplicationFactory(organisation=self.other)
        self.records: dict[type, Any] = {}
        self.by_basename: dict[str, Any] = {}
        for basename, endpoint in ENDPOINTS.items():
            record = endpoint.factory()
            self.by_basename[basename] = record
            self.records.setdefault(type(record), record)
        self.records[type(self.application)] = self.application
        document = f.ApplicationDocumentFactory(application=self.application)
        self.records[type(document)] = document
        self.records[ReportRun] = f.ReportRunFactory(
            status="done",
            published=True,
            html_file=ContentFile(b"<!doctype html><title>2025</title>", name="report-2025.html"),
        )
        # A partner city is public through a published partnership.
        partnership = self.by_basename["partnership"]
        self.records[type(partnership.partner_city)] = partnership.partner_city
        self.by_basename["partner-city"] = partnership.partner_city
        self.by_basename["partnership-health"] = partnership
        self.by_basename["partner-city-reciprocity"] = partnership.partner_city
        self.by_basename["report"] = self.records[ReportRun]
        self.by_basename["import"] = self.record_for(ImportJob)
        download_model = apps.get_model("downloads", "Download")
        self.records[download_model] = download_model.objects.create(
            requested_by=f.UserFactory(role="editor"),
            title="Partenariats",
            path="/api/v1/partnerships/export.csv",
            format="csv",
            language="fr",
        )
        self.by_basename["download"] = self.records[download_model]

    def record_for(self, model: type) -> Any:
        if model is ImportJob and model not in self.records:
            self.records[model] = ImportJob.objects.create(
                kind="partner_cities",
                file=ContentFile(b"name;country\n", name="cities.csv"),
                status="previewed",
            )
        if model not in self.records:
            from tests.admin.conftest import FACTORIES, make_row

            if model in FACTORIES or model._meta.app_label in PORTAL_APPS:
                self.records[model] = make_row(model)
            else:
                # A third-party admin (tokens, sign-in records, schedules): an id of nobody,
                # which the admin checks the permission for before looking it up.
                self.records[model] = SimpleNamespace(pk=999999)
        return self.records[model]


def _model_for(route: Route) -> type | None:
    ns, short = route.namespace, route.short
    if ns == "admin":
        return _admin_model(route)
    if ns == "staff":
        name = short.rsplit("_", 1)[0]
        if name.startswith("import"):
            return apps.get_model("transfers", "ImportJob")
        for model in apps.get_models():
            if model._meta.model_name == name:
                return model
        return None
    if ns == "portal":
        return {
            "partner_city": apps.get_model("partnerships", "PartnerCity"),
            "partnership": apps.get_model("partnerships", "Partnership"),
            "partnership_document": apps.get_model("partnerships", "PartnershipDocument"),
            "program_detail": apps.get_model("exchanges", "ExchangeProgram"),
            "apply": apps.get_model("exchanges", "ExchangeProgram"),
            "application_detail": apps.get_model("exchanges", "Application"),
            "application_withdraw": apps.get_model("exchanges", "Application"),
            "application_document": apps.get_model("exchanges", "ApplicationDocument"),
        }.get(short)
    return None


CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def url_for(route: Route, world: World) -> str:
    """The route's address, with the ids of the world's records put in."""
    names = [m.group("name") for m in CONVERTER.finditer(route.route)]
    if route.pattern.pattern.regex.groupindex and not names:
        names = list(route.pattern.pattern.regex.groupindex)
    kwargs: dict[str, Any] = {}
    model = _model_for(route)
    if route.namespace == "api" and names:
        record = world.by_basename.get(_api_endpoint(route.short)[0])
        model = type(record) if record is not None else None
    if route.short == "auth_user_password_change":
        return reverse(route.name, args=[world.record_for(apps.get_model("accounts", "User")).pk])
    regex = route.pattern.pattern.regex
    if regex.groups > len(regex.groupindex):
        # An admin pattern with unnamed groups: the object, then one of its past versions.
        obj = world.record_for(model)
        args = [obj.pk]
        if regex.groups - len(regex.groupindex) > 1:
            history = getattr(obj, "history", None)
            args.append(history.first().history_id if history is not None else 1)
        return reverse(route.name, args=args)
    for name in names:
        if name in {"pk", "object_id", "id"}:
            kwargs[name] = world.record_for(model).pk if model else 1
        elif name == "year":
            kwargs[name] = world.records[ReportRun].year
        elif name == "fmt":
            kwargs[name] = "html"
        elif name == "token_key":
            kwargs[name] = "00000000"
        elif name in {"app_label", "kind"}:
            kwargs[name] = "partnerships"
        elif name in {"content_type_id"}:
            kwargs[name] = 1
        else:
            kwargs[name] = "x"
    return reverse(route.name, kwargs=kwargs)


def _history_of_nobody(route: Route, world: World) -> bool:
    """Django's admin sends a history page of a missing id to the index, showing nothing,
    before it checks the permission: for third-party admins (no row to open) skip it."""
    model = _admin_model(route) if route.namespace == "admin" else None
    return (
        model is not None
        and route.short.endswith("_history")
        and isinstance(world.record_for(model), SimpleNamespace)
    )


def post_only(route: Route) -> bool:
    """A staff workflow step: its GET answers 404 whoever asks."""
    view_class = getattr(route.pattern.callback, "view_class", None)
    return view_class is not None and issubclass(view_class, StaffActionView)


LOGIN_PATHS = ("/staff/sign-in/", "/admin/login/", "/compte/connexion/")


def outcome(response) -> str:
    code = response.status_code
    if code == 401 or (code in (301, 302) and response["Location"].startswith(LOGIN_PATHS)):
        return "login"
    if code in (403, 404):
        return "no"
    if code < 400 or code in (400, 405):
        # 400: let in, the empty form refused; 405: let in, that method not offered.
        return "ok"
    return f"http {code}"


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    return World()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("namespace", ["", "portal", "reports", "staff", "admin", "api"])
def test_each_role_is_allowed_or_kept_out_of_every_url(role, namespace, world, user_for_role):
    client = Client()
    user = user_for_role(role)
    if user is not None:
        if namespace == "api":
            _, token = AuthToken.objects.create(user=user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        else:
            client.force_login(user)
    wrong = []
    for route in ROUTES:
        if route.namespace != namespace or route.name in NOT_WALKED:
            continue
        if _history_of_nobody(route, world):
            continue
        address = url_for(route, world)
        response = client.get(address)
        if response.status_code == 405 or (response.status_code == 404 and post_only(route)):
            # A workflow step answers only POST: send it an empty form.
            response = client.post(address, {})
        got, want = outcome(response), rule(route, role)
        if got != want:
            wrong.append(f"{role} {route.name} {address}: {want} expected, got {got}")
    assert wrong == [], "\n".join(wrong)
