"""The public portal: what the city does internationally, for everybody.

Public pages read published records only, through ``portal.selectors`` (the
permission helper's answer for an anonymous visitor). A partner member's own space
reads through ``restrict`` with their account: another organisation's application or
document is a 404, whatever its number.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import PurePath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from exchanges.choices import APPLICATION_TRANSITIONS, ApplicationStatus
from exchanges.services import application_withdraw, places_taken
from intl_relations.exports import (
    JSONArrayOf,
    JSONTextObject,
    Label,
    country_name,
    geojson_response,
    point_feature,
)
from intl_relations.links import url_expression, url_of
from intl_relations.permissions import is_staff_role, role_of
from partnerships.choices import PartnershipKind, PartnershipStatus

from . import selectors, spam
from .public_forms import ApplicationForm, ProposalForm
from .services import application_submit_with_documents, member_may_apply, proposal_submit

PROPOSAL_SCOPE = "proposal"


def _today():
    return timezone.localdate()


# --- Public pages -----------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = _today()
    upcoming, recent = selectors.delegation_news(today=today)
    return render(
        request,
        "portal/home.html",
        {
            "figures": selectors.key_figures(today=today),
            "upcoming_delegations": upcoming,
            "recent_delegations": recent,
            "open_programs": selectors.open_programs(today=today)[:3],
            "year": today.year,
        },
    )


def _map_context() -> dict[str, str]:
    return {
        "geojson_url": reverse("portal:map_geojson"),
        "countries_url": static("vendor/world-atlas/countries-110m.json"),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


# Up to this many mapped cities, the list under the map names them all, country by
# country; past it (a national network: thousands), it lists the countries and names a
# country's cities once the visitor picks it: a page to read, not thousands of links.
MAP_LIST_ALL_UP_TO = 300


@require_GET
def partner_map(request: HttpRequest) -> HttpResponse:
    """The map, and the same cities as a list grouped by country (the map's accessible
    alternative): every city for a small network, a country's on request for a large one."""
    names = dict(countries)
    # django-countries' order: by name in the reader's language, accents and all.
    order = {code: position for position, code in enumerate(names)}
    cities = selectors.public_map_cities()
    per_country = sorted(
        cities.order_by().values_list("country").annotate(n=Count("pk")),
        key=lambda row: order.get(row[0], len(order)),
    )
    total = sum(n for _code, n in per_country)
    city_counts = {
        n: ngettext("%(n)s city", "%(n)s cities", n) % {"n": number_format(n, force_grouping=True)}
        for n in {n for _code, n in per_country}
    }
    groups = [
        {"code": code, "name": names.get(code, code), "cities": city_counts[n]}
        for code, n in per_country
    ]
    chosen = request.GET.get("pays", "")
    status = 200
    error = ""
    if chosen and chosen not in {group["code"] for group in groups}:
        status = 400
        error = _("“%(code)s” is not the code of a country with a partner city on the map.") % {
            "code": chosen
        }
        chosen = ""
    listed = []
    if total <= MAP_LIST_ALL_UP_TO or chosen:
        listed = _city_groups(cities.filter(country=chosen) if chosen else cities, names, order)
    map_context = _map_context()
    if chosen:  # the map shows the chosen country's cities, as the list does
        map_context["geojson_url"] += "?" + urlencode({"pays": chosen})
    context = {
        "countries": groups,
        "total": total,
        "total_label": number_format(total, force_grouping=True),
        "listed": listed,
        "chosen": chosen,
        "all_listed": total <= MAP_LIST_ALL_UP_TO,
        "error": error,
        **map_context,
    }
    return render(request, "portal/map.html", context, status=status)


def _city_groups(cities, names: dict[str, str], order: dict[str, int]) -> list[dict]:
    """``cities`` (map rows) grouped by country in the reader's language, each city with
    its link and its count of published partnerships in words."""
    city_url = url_of("portal:partner_city")
    counted: dict[int, str] = {}
    rows = []
    for city in cities:
        n = city["partnerships_count"]
        if n not in counted:
            counted[n] = ngettext("%(n)s partnership", "%(n)s partnerships", n) % {"n": n}
        rows.append(
            {
                "name": city["name"],
                "url": city_url(city["pk"]),
                "code": city["country"],
                "partnerships": counted[n],
            }
        )
    # Stable: each country's cities stay in the order of their names.
    rows.sort(key=lambda row: order.get(row["code"], len(order)))
    return [
        {"country": names.get(code, code), "cities": list(members)}
        for code, members in groupby(rows, key=lambda row: row["code"])
    ]


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    """Published partner cities as GeoJSON points, each with its published partnerships,
    written by the database (thousands of cities); labels translated once. ``?pays=DE``:
    the map page's chosen country, its cities only."""
    cities = selectors.public_map_cities()
    if chosen := request.GET.get("pays", ""):
        if chosen not in countries:
            message = _("“%(code)s” is not a country code.") % {"code": chosen}
            return JsonResponse({"error": {"status": 400, "message": message}}, status=400)
        cities = cities.filter(country=chosen)
    partnership = JSONTextObject(
        kind=Label(F("kind"), dict(PartnershipKind.choices)),
        status=Label(F("status"), dict(PartnershipStatus.choices)),
        local_government=F("local_government__name"),
        signed_on=F("signed_on"),
        url=url_expression("portal:partnership"),
    )
    feature = point_feature(
        {
            "name": F("name"),
            "country": F("country"),
            "country_name": country_name(),
            "url": url_expression("portal:partner_city"),
            "partnerships": JSONArrayOf(
                selectors.public_map_partnerships().values(item=partnership), objects=True
            ),
        }
    )
    return geojson_response(cities, feature)


@require_GET
def partner_city(request: HttpRequest, pk: int) -> HttpResponse:
    today = _today()
    city = selectors.public_partner_cities().filter(pk=pk).first()
    if city is None:
        raise Http404
    context = {
        "city": city,
        "partnerships": list(selectors.public_partnerships().filter(partner_city=city)),
        "delegations": list(
            selectors.public_delegations().filter(partner_city=city).order_by("-starts_on")[:10]
        ),
        "programs": list(selectors.open_programs(today=today).filter(partner_city=city)),
        "point": _point(city),
    }
    return render(request, "portal/partner_city.html", {**context, **_map_context()})


def _point(city) -> list[dict] | None:
    if city.latitude is None or city.longitude is None:
        return None
    return [
        {
            "lat": float(city.latitude),
            "lng": float(city.longitude),
            "name": city.name,
            "country": str(city.country.name),
        }
    ]


@require_GET
def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.public_partnerships().filter(pk=pk).first()
    if record is None:
        raise Http404
    context = {
        "partnership": record,
        "co_partners": [
            organisation
            for organisation in record.co_partners.all()
            if organisation.published and organisation.status == "approved"
        ],
        "documents": list(selectors.public_partnership_documents().filter(partnership=record)),
    }
    return render(request, "portal/partnership.html", context)


@require_GET
def partnership_document(request: HttpRequest, pk: int) -> FileResponse:
    """A partnership document, for whoever may see it (never a raw media address).

    Visitors get the public documents of published partnerships; office staff, every
    document (the staff pages and the API link here).
    """
    from partnerships.selectors import partnership_document_list

    document = get_object_or_404(partnership_document_list(user=request.user), pk=pk)
    return _file_response(document.file, PurePath(document.file.name).name, inline=False)


@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/program_list.html",
        {"programs": selectors.open_programs(today=_today())},
    )


@require_GET
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(selectors.public_programs(), pk=pk)
    today = _today()
    window_open = program.applications_open_on <= today <= program.applications_close_on
    existing = None
    if request.user.is_authenticated:
        existing = selectors.member_applications(user=request.user).filter(program=program).first()
    return render(
        request,
        "portal/program_detail.html",
        {
            "program": program,
            "window_open": window_open,
            "not_yet_open": today < program.applications_open_on,
            "places_left": max(program.capacity - program.places_taken, 0),
            "may_apply": member_may_apply(request.user),
            "existing_application": existing,
        },
    )


@require_GET
def consulate_list(request: HttpRequest) -> HttpResponse:
    consulates = sorted(
        selectors.public_consulates(), key=lambda c: (str(c.country.name), c.kind, c.city)
    )
    by_country = [
        (country, list(items))
        for country, items in groupby(consulates, key=lambda c: str(c.country.name))
    ]
    return render(request, "portal/consulate_list.html", {"by_country": by_country})


@require_GET
def association_list(request: HttpRequest) -> HttpResponse:
    associations = list(selectors.public_associations())
    return render(
        request,
        "portal/association_list.html",
        {
            "diaspora_associations": [a for a in associations if a.kind == "diaspora_association"],
            "solidarity_associations": [
                a for a in associations if a.kind == "solidarity_association"
            ],
            "diaspora_groups": selectors.public_diaspora_groups(),
        },
    )


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    from reports.selectors import published_reports

    reports = []
    for run in published_reports():
        reports.append({"run": run, "links": _report_links(run)})
    return render(request, "portal/report_list.html", {"reports": reports})


def _report_links(run) -> list[tuple[str, str, str]]:
    """(label, address, format) of a published report's public files."""
    query = f"?local_government={run.local_government_id}" if run.local_government_id else ""
    links = []
    for fmt, label, field in (
        ("html", _("Web page"), run.html_file),
        ("pdf", _("PDF"), run.pdf_file),
        ("xlsx", _("Spreadsheet"), run.xlsx_file),
    ):
        if not field:
            continue
        try:
            if fmt == "html":
                url = reverse("reports:public_report", args=[run.year])
            else:
                url = reverse("reports:public_download", args=[run.year, fmt])
        except NoReverseMatch:
            continue
        links.append((label, url + query, fmt.upper()))
    return links


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    """Anybody proposes a project or a visit to the office."""
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {
            "contact_name": user.get_full_name(),
            "contact_email": user.email,
            "organisation_name": getattr(user.organisation, "name", ""),
        }
    form = ProposalForm(request.POST or None, initial=initial)
    context = {"form": form}
    if request.method == "POST":
        if spam.is_rate_limited(PROPOSAL_SCOPE, request):
            messages.error(
                request,
                _(
                    "Too many forms were sent from your connection in a short time. "
                    "Please try again in an hour."
                ),
            )
            return render(request, "portal/propose.html", context, status=429)
        spam.count_submission(PROPOSAL_SCOPE, request)
        if form.is_spam():
            return redirect("portal:propose_done")
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                proposal_submit(data=data, user=user)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("portal:propose_done")
    return render(request, "portal/propose.html", context)


@require_GET
def propose_done(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/propose_done.html")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /mon-espace/",
        "Disallow: /compte/",
        "Disallow: /i18n/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# --- A partner member's own space -------------------------------------------------------


@login_required(login_url="portal:login")
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """« Mon espace »: the member's organisation, applications and proposals."""
    if is_staff_role(request.user):
        return redirect("staff:dashboard")
    return render(
        request,
        "portal/account/home.html",
        {
            "organisation": request.user.organisation,
            "applications": selectors.member_applications(user=request.user),
            "proposals": selectors.member_proposals(user=request.user),
            "may_apply": member_may_apply(request.user),
        },
    )


@login_required(login_url="portal:login")
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(selectors.public_programs(), pk=pk)
    if not member_may_apply(request.user):
        messages.error(
            request, _("Only members of an organisation approved by the office can apply.")
        )
        return redirect("portal:program_detail", pk=program.pk)
    form = ApplicationForm(request.POST or None, request.FILES or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit_with_documents(
                program=program,
                user=request.user,
                data=form.application_data(),
                documents=form.documents(),
            )
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your application is sent. You can follow it here."))
            return redirect("portal:application_detail", pk=application.pk)
    return render(
        request,
        "portal/apply.html",
        {
            "program": program,
            "form": form,
            "places_left": max(program.capacity - places_taken(program), 0),
        },
    )


def _form_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        # "program" and "applicant_email" errors concern the application as a whole.
        form.add_error(field if field in form.fields else None, errors)


@login_required(login_url="portal:login")
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(selectors.member_applications(user=request.user), pk=pk)
    return render(
        request,
        "portal/account/application_detail.html",
        {
            "application": application,
            "documents": selectors.member_application_documents(user=request.user).filter(
                application=application
            ),
            "may_withdraw": ApplicationStatus.WITHDRAWN
            in APPLICATION_TRANSITIONS.get(application.status, ()),
        },
    )


@login_required(login_url="portal:login")
@require_POST
def application_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(selectors.member_applications(user=request.user), pk=pk)
    try:
        application_withdraw(application=application, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("portal:application_detail", pk=application.pk)


@require_GET
def application_document(request: HttpRequest, pk: int) -> FileResponse:
    """An application's document: for the applicant's organisation and the office only."""
    if role_of(request.user) is None:
        raise Http404
    document = get_object_or_404(selectors.member_application_documents(user=request.user), pk=pk)
    name = document.original_name or PurePath(document.file.name).name
    return _file_response(document.file, name, inline=False)


def _file_response(field, filename: str, *, inline: bool) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("The file is missing.")) from error
    response = FileResponse(handle, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if inline else "private, no-store"
    return response
