"""Writes the demo data set (``demo.data``) through the ORM, idempotently.

Every record is looked up by its natural key, updated in place, validated with
``full_clean()`` and saved only when something really changed, so a second run
writes nothing: no duplicate, no new history row, no moved ``updated_at``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from cooperation.models import BudgetLine, CooperationProject, Network, NetworkMembership
from delegations.models import (
    Delegation,
    DelegationCost,
    DelegationMember,
    FollowUpAction,
    ProgrammeItem,
)
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import Application, ExchangeProgram, Participant
from insight.demo import load_insight_demo
from organisations.models import Contact, Organisation
from partnerships.models import (
    LocalGovernment,
    PartnerCity,
    Partnership,
    PartnershipDocument,
    Theme,
)
from portal.models import Proposal
from reports.models import ReportHighlight
from returns import demo as returns_demo

from . import data
from .territory import load_territory_examples

# The apps whose models make up the portal's data (used for the summary and the tests).
PORTAL_APPS = (
    "accounts",
    "organisations",
    "partnerships",
    "cooperation",
    "delegations",
    "diaspora",
    "exchanges",
    "reports",
    "portal",
)


def portal_models(*, include_auto_created: bool = False) -> list[type[models.Model]]:
    """The models of the portal's apps, history tables included."""
    return [
        model
        for label in PORTAL_APPS
        for model in apps.get_app_config(label).get_models(
            include_auto_created=include_auto_created
        )
    ]


def simple_pdf(lines: list[str]) -> bytes:
    """A small but valid one-page PDF showing ``lines`` (Latin-1 text) in Helvetica."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    text_ops += [f"({escape(line)}) Tj T*" for line in lines]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)


def _snapshot(obj: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
    }


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    new_users: list[str] = field(default_factory=list)
    passwords_set: list[str] = field(default_factory=list)
    default_local_government: str = ""


class DemoLoader:
    """Loads the data set for ``today``; call :meth:`load` inside a transaction."""

    def __init__(self, *, today: dt.date, password: str, reset_passwords: bool = False):
        self.today = today
        self.password = password
        self.reset_passwords = reset_passwords
        self.result = LoadResult()
        self.themes = {theme.code: theme for theme in Theme.objects.all()}
        self.local_governments: dict[str, LocalGovernment] = {}
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.cities: dict[str, PartnerCity] = {}
        self.partnerships: dict[tuple[str, str], Partnership] = {}
        self.networks: dict[str, Network] = {}
        self.consulates: dict[tuple[str, str], Consulate] = {}

    # --- the one write path ------------------------------------------------------

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any] | None = None,
        *,
        m2m: dict[str, list[models.Model]] | None = None,
        on_create: dict[str, Any] | None = None,
    ) -> Any:
        """Find ``model`` by ``lookup``, apply ``values``, validate, save if changed."""
        try:
            obj = model._default_manager.get(**lookup)
            created = False
        except model.DoesNotExist:
            obj = model(**lookup)
            created = True
        before = _snapshot(obj)
        for name, value in {**(values or {}), **((on_create or {}) if created else {})}.items():
            setattr(obj, name, value)
        obj.full_clean()
        label = model._meta.verbose_name_plural
        if created:
            obj.save()
            self.result.created[label] += 1
        elif _snapshot(obj) != before:
            obj.save()
            self.result.updated[label] += 1
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                if not created:
                    self.result.updated[label] += 1
        return obj

    def at(self, date: dt.date, hhmm: str) -> dt.datetime:
        hour, minute = (int(part) for part in hhmm.split(":"))
        return timezone.make_aware(dt.datetime.combine(date, dt.time(hour, minute)))

    def _themes(self, codes: list[str]) -> list[Theme]:
        return [self.themes[code] for code in codes]

    def _orgs(self, names: list[str]) -> list[Organisation]:
        return [self.organisations[name] for name in names]

    # --- the data set, in dependency order -------------------------------------------

    @transaction.atomic
    def load(self) -> LoadResult:
        self.load_local_governments()
        self.load_organisations()
        self.load_users()
        self.load_partner_cities()
        self.load_contacts()
        self.load_partnerships()
        self.load_networks()
        self.load_projects()
        returns_demo.load(self)  # the e-APD headings of the demo's spending lines
        self.load_delegations()
        self.load_consulates()
        self.load_diaspora_groups()
        load_territory_examples(self)
        self.load_exchange_programs()
        self.load_report_highlights()
        self.load_proposals()
        load_insight_demo(self)
        return self.result

    def load_local_governments(self) -> None:
        # The city is the default unless the portal already has another default.
        other_default = LocalGovernment.objects.filter(is_default=True).exclude(name=data.CITY)
        city_is_default = not other_default.exists()
        for record in data.LOCAL_GOVERNMENTS:
            values = {k: v for k, v in record.items() if k != "name"}
            values["is_default"] = record["name"] == data.CITY and city_is_default
            lg = self.upsert(LocalGovernment, {"name": record["name"]}, values)
            self.local_governments[lg.name] = lg
        self.result.default_local_government = str(
            LocalGovernment.objects.filter(is_default=True).first() or ""
        )

    def load_organisations(self) -> None:
        for record in data.ORGANISATIONS:
            values = {"status": "approved", "is_local": True, "country": "FR", **record}
            name = values.pop("name")
            self.organisations[name] = self.upsert(Organisation, {"name": name}, values)
        for record in data.DIASPORA_ASSOCIATIONS:
            values = {
                "kind": "diaspora_association",
                "status": "approved",
                "is_local": True,
                "country": "FR",
                "published": True,
                **record,
            }
            name = values.pop("name")
            self.organisations[name] = self.upsert(Organisation, {"name": name}, values)

    def load_users(self) -> None:
        for record in data.USERS:
            values = dict(record)
            username = values.pop("username")
            organisation = values.pop("organisation", None)
            values["organisation"] = self.organisations[organisation] if organisation else None
            values["is_active"] = True
            user = User.objects.filter(username=username).first()
            exists = user is not None
            if user is None:
                user = User(username=username)
                self.result.new_users.append(username)
            before = _snapshot(user)
            # A password is set for a new account, or for an existing one only on request.
            if not exists or self.reset_passwords:
                user.set_password(self.password)
                self.result.passwords_set.append(username)
            for name, value in values.items():
                setattr(user, name, value)
            user.full_clean()
            label = User._meta.verbose_name_plural
            if not exists:
                user.save()
                self.result.created[label] += 1
            elif _snapshot(user) != before:
                user.save()
                self.result.updated[label] += 1
            self.users[username] = user

    def load_partner_cities(self) -> None:
        for record in data.PARTNER_CITIES:
            lookup = {k: record[k] for k in ("name", "country", "region")}
            values = {k: v for k, v in record.items() if k not in lookup}
            self.cities[record["name"]] = self.upsert(PartnerCity, lookup, values)

    def load_contacts(self) -> None:
        for record in data.CONTACTS:
            values = dict(record)
            lookup = {
                "organisation": self.organisations.get(values.pop("organisation", None)),
                "partner_city": self.cities.get(values.pop("partner_city", None)),
                "last_name": values.pop("last_name"),
                "first_name": values.pop("first_name"),
            }
            self.upsert(Contact, lookup, values)

    def load_partnerships(self) -> None:
        city = self.local_governments[data.CITY]
        officer = self.users["editeur"]
        for record in data.partnerships(self.today):
            values = dict(record)
            partner_city = self.cities[values.pop("partner_city")]
            kind = values.pop("kind")
            m2m = {
                "themes": self._themes(values.pop("themes", [])),
                "co_partners": self._orgs(values.pop("co_partners", [])),
                "co_holders": [
                    self.local_governments[name] for name in values.pop("co_holders", [])
                ],
            }
            values.setdefault("officer", officer)
            partnership = self.upsert(
                Partnership,
                {"local_government": city, "partner_city": partner_city, "kind": kind},
                values,
                m2m=m2m,
            )
            self.partnerships[(partner_city.name, kind)] = partnership
        for record in data.PARTNERSHIP_DOCUMENTS:
            values = dict(record)
            partnership = self.partnerships[
                (values.pop("partner_city"), values.pop("partnership_kind"))
            ]
            filename = values.pop("filename")
            pdf = simple_pdf(values.pop("lines"))
            self.upsert(
                PartnershipDocument,
                {"partnership": partnership, "title": values.pop("title")},
                values,
                on_create={"file": ContentFile(pdf, name=filename)},
            )

    def load_networks(self) -> None:
        for record in data.NETWORKS:
            values = dict(record)
            name = values.pop("name")
            self.networks[name] = self.upsert(Network, {"name": name}, values)
        for record in data.MEMBERSHIPS:
            values = dict(record)
            lookup = {
                "network": self.networks[values.pop("network")],
                "local_government": self.local_governments[values.pop("local_government")],
            }
            self.upsert(NetworkMembership, lookup, values)

    def load_projects(self) -> None:
        for record in data.projects(self.today):
            values = dict(record)
            lines = values.pop("budget_lines")
            values["partner_city"] = self.cities[values["partner_city"]]
            values["partnership"] = self.partnerships[values["partnership"]]
            values["local_government"] = self.local_governments[values["local_government"]]
            values["officer"] = self.users["editeur"]
            m2m = {
                "themes": self._themes(values.pop("themes", [])),
                "partners": self._orgs(values.pop("partners", [])),
            }
            project = self.upsert(
                CooperationProject, {"title": values.pop("title")}, values, m2m=m2m
            )
            for line in lines:
                line_values = dict(line)
                lookup = {
                    "project": project,
                    "year": line_values.pop("year"),
                    "label": line_values.pop("label"),
                    "funding_source": line_values.pop("funding_source"),
                }
                self.upsert(BudgetLine, lookup, line_values)

    def load_delegations(self) -> None:
        for record in data.delegations(self.today):
            values = dict(record)
            members = values.pop("members", [])
            programme = values.pop("programme", [])
            costs = values.pop("costs", [])
            follow_ups = values.pop("follow_ups", [])
            values["local_government"] = self.local_governments[values["local_government"]]
            values["partner_city"] = self.cities[values["partner_city"]]
            values["partnership"] = self.partnerships[values["partnership"]]
            values["officer"] = self.users["editeur"]
            m2m = {"themes": self._themes(values.pop("themes", []))}
            delegation = self.upsert(Delegation, {"title": values.pop("title")}, values, m2m=m2m)
            for member in members:
                member_values = {"is_head": False, **member}
                organisation = member_values.pop("organisation", None)
                member_values["organisation"] = self.organisations.get(organisation)
                self.upsert(
                    DelegationMember,
                    {"delegation": delegation, "full_name": member_values.pop("full_name")},
                    member_values,
                )
            for item in programme:
                day = delegation.starts_on + dt.timedelta(days=item["day"])
                starts_at = self.at(day, item["time"])
                self.upsert(
                    ProgrammeItem,
                    {"delegation": delegation, "title": item["title"]},
                    {
                        "kind": item["kind"],
                        "starts_at": starts_at,
                        "ends_at": starts_at + dt.timedelta(minutes=item["minutes"]),
                        "location": item.get("location", ""),
                        "host": self.organisations.get(item.get("host")),
                    },
                )
            for cost in costs:
                cost_values = {"paid_by": "", **cost}
                self.upsert(
                    DelegationCost,
                    {"delegation": delegation, "label": cost_values.pop("label")},
                    cost_values,
                )
            for action in follow_ups:
                action_values = {"owner": self.users["editeur"], **action}
                self.upsert(
                    FollowUpAction,
                    {"delegation": delegation, "description": action_values.pop("description")},
                    action_values,
                )

    def load_consulates(self) -> None:
        for record in data.CONSULATES:
            values = {"published": True, **record}
            lookup = {k: values.pop(k) for k in ("country", "kind", "city")}
            consulate = self.upsert(Consulate, lookup, values)
            self.consulates[(lookup["country"], lookup["kind"])] = consulate

    def load_diaspora_groups(self) -> None:
        city = self.local_governments[data.CITY]
        for record in data.DIASPORA_GROUPS:
            values = dict(record)
            m2m = {
                "associations": self._orgs(values.pop("associations", [])),
                "consulates": [self.consulates[key] for key in values.pop("consulates", [])],
                "partnerships": [self.partnerships[key] for key in values.pop("partnerships", [])],
            }
            self.upsert(
                DiasporaGroup,
                {"local_government": city, "origin_country": values.pop("origin_country")},
                values,
                m2m=m2m,
            )

    def load_exchange_programs(self) -> None:
        for record in data.exchange_programs(self.today):
            values = dict(record)
            applications = values.pop("applications", [])
            participants = values.pop("participants", [])
            values["local_government"] = self.local_governments[values["local_government"]]
            values["partner_city"] = self.cities[values["partner_city"]]
            values["partnership"] = self.partnerships[values["partnership"]]
            m2m = {"host_organisations": self._orgs(values.pop("host_organisations", []))}
            program = self.upsert(ExchangeProgram, {"title": values.pop("title")}, values, m2m=m2m)
            for application in applications:
                self._load_application(program, dict(application))
            for participant in participants:
                self._load_participant(program, dict(participant))

    def _load_application(self, program: ExchangeProgram, values: dict[str, Any]) -> None:
        participant = values.pop("participant", None)
        decided_days_ago = values.pop("decided_days_ago", None)
        values["organisation"] = self.organisations.get(values.pop("organisation", None))
        values["submitted_by"] = self.users.get(values.pop("submitted_by", None))
        if decided_days_ago is not None:
            decided_on = self.today - dt.timedelta(days=decided_days_ago)
            values["decided_at"] = self.at(decided_on, "11:00")
            values["decided_by"] = self.users["editeur"]
        application = self.upsert(
            Application,
            {"program": program, "applicant_email": values.pop("applicant_email")},
            values,
        )
        if participant:
            self.upsert(
                Participant,
                {"program": program, "full_name": application.applicant_name},
                {
                    "application": application,
                    "email": application.applicant_email,
                    "organisation": application.organisation,
                    **participant,
                },
            )

    def _load_participant(self, program: ExchangeProgram, values: dict[str, Any]) -> None:
        departed = values.pop("departed", None)
        returned = values.pop("returned", None)
        values["organisation"] = self.organisations.get(values.pop("organisation", None))
        values["departed_on"] = (
            self.today + dt.timedelta(days=departed) if departed is not None else None
        )
        values["returned_on"] = (
            self.today + dt.timedelta(days=returned) if returned is not None else None
        )
        self.upsert(Participant, {"program": program, "full_name": values.pop("full_name")}, values)

    def load_report_highlights(self) -> None:
        for record in data.report_highlights(self.today):
            values = dict(record)
            self.upsert(
                ReportHighlight, {"year": values.pop("year"), "title": values.pop("title")}, values
            )

    def load_proposals(self) -> None:
        for record in data.PROPOSALS:
            values = dict(record)
            themes = self._themes(values.pop("themes", []))
            values["organisation"] = self.organisations.get(values.pop("organisation", None))
            lookup = {"title": values.pop("title"), "contact_email": values.pop("contact_email")}
            self.upsert(Proposal, lookup, values, m2m={"themes": themes})
