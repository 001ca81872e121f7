"""Staff pages of delegations, planned with members, programme, costs and follow-ups,
and the month calendar of delegations and exchange periods."""

import calendar
import datetime as dt

from django.db.models import Q
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchanges.selectors import exchange_program_list
from intl_relations import staff
from intl_relations.staff import Related

from . import selectors, services
from .choices import DELEGATION_TRANSITIONS, DelegationStatus
from .filtersets import DelegationFilterSet
from .forms import (
    CostFormSet,
    DelegationForm,
    DelegationStatusForm,
    FollowUpFormSet,
    MemberFormSet,
    ProgrammeItemFormSet,
)
from .models import Delegation
from .tables import (
    DelegationCostTable,
    DelegationMemberTable,
    DelegationTable,
    FollowUpActionTable,
    ProgrammeItemTable,
)

# What each move is called on its button.
STATUS_BUTTONS = {
    DelegationStatus.CONFIRMED: (gettext_lazy("Confirm"), ""),
    DelegationStatus.DONE: (gettext_lazy("Mark as done"), ""),
    DelegationStatus.CANCELLED: (gettext_lazy("Cancel the delegation"), "secondary"),
    DelegationStatus.PLANNED: (gettext_lazy("Back to planned"), "secondary outline"),
}

ICAL_FEED = "/api/v1/delegations/calendar.ics"

FORMSETS = {
    "members": MemberFormSet,
    "programme": ProgrammeItemFormSet,
    "costs": CostFormSet,
    "follow_ups": FollowUpFormSet,
}


class DelegationList(staff.StaffListView):
    model = Delegation
    selector = selectors.delegation_list
    filterset_class = DelegationFilterSet
    table_class = DelegationTable
    filter_form_fields = (
        "q",
        "direction",
        "status",
        "theme",
        "country",
        "published",
        "starts_after",
        "starts_before",
    )
    export_fields = (
        "title",
        "direction",
        "status",
        "local_government__name",
        "partner_city__name",
        "country",
        "destination",
        "starts_on",
        "ends_on",
        "purpose",
        "themes",
        "outcomes",
        ("members_count", gettext_lazy("Members")),
        "published",
    )


class DelegationStatusChange(staff.StaffActionView):
    model = Delegation
    form_class = DelegationStatusForm
    form_prefix = "status"

    def perform(self, obj, data):
        services.delegation_change_status(
            delegation=obj, status=data["status"], note=data["note"], user=self.request.user
        )
        return _("The delegation is now “%(status)s”.") % {
            "status": DelegationStatus(data["status"]).label
        }


def _members(obj, user):
    return selectors.delegation_member_list(user=user).filter(delegation=obj)


class DelegationDetail(staff.StaffDetailView):
    model = Delegation
    selector = selectors.delegation_list
    related = (
        Related(gettext_lazy("Members"), DelegationMemberTable, _members, exclude=("delegation",)),
        Related(
            gettext_lazy("Programme"),
            ProgrammeItemTable,
            lambda obj, user: selectors.programme_item_list(user=user).filter(delegation=obj),
        ),
        Related(
            gettext_lazy("Costs"),
            DelegationCostTable,
            lambda obj, user: selectors.delegation_cost_list(user=user).filter(delegation=obj),
        ),
        Related(
            gettext_lazy("Follow-up actions"),
            FollowUpActionTable,
            lambda obj, user: selectors.follow_up_action_list(user=user).filter(delegation=obj),
        ),
    )

    def get_actions(self, obj):
        moves = DELEGATION_TRANSITIONS[obj.status]
        if not moves:
            return []
        return [
            {
                "template": "includes/workflow_buttons.html",
                "title": _("Change the status"),
                "url": reverse("staff:delegation_status", args=[obj.pk]),
                "form": DelegationStatusChange.blank_form(obj),
                "field": "status-status",
                "buttons": [(move, *STATUS_BUTTONS[move]) for move in moves],
            }
        ]


class DelegationCreate(staff.StaffCreateView):
    """Plan a delegation and add its members and programme on the same page."""

    model = Delegation
    form_class = DelegationForm
    formset_classes = FORMSETS


class DelegationUpdate(staff.StaffUpdateView):
    model = Delegation
    form_class = DelegationForm
    formset_classes = FORMSETS


class DelegationDelete(staff.StaffDeleteView):
    model = Delegation


def _parse_month(value: str | None, today: dt.date) -> dt.date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def _feed_url() -> str:
    try:
        resolve(ICAL_FEED)
    except Resolver404:
        return ""
    return ICAL_FEED


class CalendarView(staff.StaffPageView):
    """A month of delegations and exchange periods, one cell per day."""

    model = Delegation
    template_name = "staff/calendar.html"
    title = gettext_lazy("Calendar")

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        first = _parse_month(self.request.GET.get("month"), today)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        delegations = list(
            selectors.delegation_list(user=user)
            .filter(starts_on__lte=last, ends_on__gte=first)
            .order_by("starts_on", "title")
        )
        programs = list(
            exchange_program_list(user=user)
            .filter(starts_on__lte=last)
            .filter(Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first))
            .order_by("starts_on", "title")
        )
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
            days = []
            for day in week:
                events = [
                    {
                        "kind": "delegation",
                        "label": d.title,
                        "url": staff.staff_url(d),
                        "status": d.get_status_display(),
                        "direction": d.get_direction_display(),
                    }
                    for d in delegations
                    if d.starts_on <= day <= d.ends_on
                ] + [
                    {
                        "kind": "exchange",
                        "label": p.title,
                        "url": staff.staff_url(p),
                        "status": "",
                        "direction": p.get_kind_display(),
                    }
                    for p in programs
                    if p.starts_on <= day <= (p.ends_on or p.starts_on)
                ]
                days.append(
                    {
                        "date": day,
                        "in_month": day.month == first.month,
                        "today": day == today,
                        "events": events,
                    }
                )
            weeks.append(days)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = last + dt.timedelta(days=1)
        return super().get_context_data(
            month=first,
            month_label=f"{MONTHS[first.month]} {first.year}",
            weeks=weeks,
            weekdays=[calendar.day_name[i] for i in range(7)],
            previous=previous.strftime("%Y-%m"),
            following=following.strftime("%Y-%m"),
            current=today.strftime("%Y-%m"),
            delegations=delegations,
            programs=programs,
            feed_url=_feed_url(),
            **kwargs,
        )
