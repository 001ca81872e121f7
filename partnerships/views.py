"""Staff pages of partner cities, local governments, partnerships and their documents."""

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.selectors import cooperation_project_list
from cooperation.tables import CooperationProjectTable
from delegations.selectors import delegation_list
from delegations.tables import DelegationTable
from diaspora.selectors import diaspora_group_list
from diaspora.tables import DiasporaGroupTable
from exchanges.selectors import exchange_program_list
from exchanges.tables import ExchangeProgramTable
from intl_relations import staff
from intl_relations.staff import Related, workflow_action
from organisations.selectors import contact_list
from organisations.tables import ContactTable

from . import selectors, services
from .choices import PARTNERSHIP_TRANSITIONS, PartnershipStatus
from .filtersets import (
    LocalGovernmentFilterSet,
    PartnerCityFilterSet,
    PartnershipDocumentFilterSet,
    PartnershipFilterSet,
)
from .forms import (
    LocalGovernmentForm,
    PartnerCityForm,
    PartnershipDocumentForm,
    PartnershipForm,
    PartnershipRenewForm,
    PartnershipStatusForm,
)
from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument
from .tables import (
    LocalGovernmentTable,
    PartnerCityTable,
    PartnershipDocumentTable,
    PartnershipTable,
)


def add_url(model_name: str, **params: Any) -> Any:
    """The "add" page of a model, prefilled with this record (``?partner_city=3``)."""

    def build(obj: Any) -> str:
        query = "&".join(f"{key}={value(obj)}" for key, value in params.items())
        return f"{reverse(f'staff:{model_name}_add')}?{query}"

    return build


# --- Local governments ---------------------------------------------------------------


class LocalGovernmentList(staff.StaffListView):
    model = LocalGovernment
    selector = selectors.local_government_list
    filterset_class = LocalGovernmentFilterSet
    table_class = LocalGovernmentTable
    filter_form_fields = ("q", "kind", "is_default")


class LocalGovernmentDetail(staff.StaffDetailView):
    model = LocalGovernment
    selector = selectors.local_government_list
    related = (
        Related(
            gettext_lazy("Partnerships"),
            PartnershipTable,
            lambda obj, user: (
                selectors.partnership_list(user=user)
                .filter(Q(local_government=obj) | Q(co_holders=obj))
                .distinct()
            ),
            add_url=add_url("partnership", local_government=lambda o: o.pk),
            exclude=("local_government",),
        ),
    )


class LocalGovernmentCreate(staff.StaffCreateView):
    model = LocalGovernment
    form_class = LocalGovernmentForm


class LocalGovernmentUpdate(staff.StaffUpdateView):
    model = LocalGovernment
    form_class = LocalGovernmentForm


class LocalGovernmentDelete(staff.StaffDeleteView):
    model = LocalGovernment


# --- Partner cities ------------------------------------------------------------------


class PartnerCityList(staff.StaffListView):
    model = PartnerCity
    selector = selectors.partner_city_list
    filterset_class = PartnerCityFilterSet
    table_class = PartnerCityTable
    filter_form_fields = ("q", "country", "kind", "partnership_status", "has_coordinates")
    export_fields = (
        "name",
        "local_name",
        "kind",
        "country",
        "region",
        "latitude",
        "longitude",
        "population",
        "population_year",
        "languages",
        "website",
        "email",
        "phone",
        ("partnerships_count", gettext_lazy("Partnerships")),
    )


class PartnerCityDetail(staff.StaffDetailView):
    model = PartnerCity
    template_name = "partnerships/partnercity_detail.html"
    selector = selectors.partner_city_list
    related = (
        Related(
            gettext_lazy("Partnerships"),
            PartnershipTable,
            lambda obj, user: selectors.partnership_list(user=user).filter(partner_city=obj),
            add_url=add_url("partnership", partner_city=lambda o: o.pk),
            exclude=("partner_city", "country"),
        ),
        Related(
            gettext_lazy("Delegations"),
            DelegationTable,
            lambda obj, user: delegation_list(user=user).filter(partner_city=obj),
            add_url=add_url("delegation", partner_city=lambda o: o.pk, country=lambda o: o.country),
            exclude=("partner_city",),
        ),
        Related(
            gettext_lazy("Exchange programs"),
            ExchangeProgramTable,
            lambda obj, user: exchange_program_list(user=user).filter(partner_city=obj),
            add_url=add_url("exchangeprogram", partner_city=lambda o: o.pk),
            exclude=("partner_city",),
        ),
        Related(
            gettext_lazy("Cooperation projects"),
            CooperationProjectTable,
            lambda obj, user: cooperation_project_list(user=user).filter(partner_city=obj),
            add_url=add_url("cooperationproject", partner_city=lambda o: o.pk),
            exclude=("partner_city",),
        ),
        Related(
            gettext_lazy("Diaspora links"),
            DiasporaGroupTable,
            # The diaspora from the city's country, and groups linked to its partnerships.
            lambda obj, user: (
                diaspora_group_list(user=user)
                .filter(Q(origin_country=obj.country) | Q(partnerships__partner_city=obj))
                .distinct()
            ),
        ),
        Related(
            gettext_lazy("Contacts"),
            ContactTable,
            lambda obj, user: contact_list(user=user).filter(partner_city=obj),
            add_url=add_url("contact", partner_city=lambda o: o.pk),
            exclude=("partner_city",),
        ),
    )


class PartnerCityCreate(staff.StaffCreateView):
    model = PartnerCity
    form_class = PartnerCityForm


class PartnerCityUpdate(staff.StaffUpdateView):
    model = PartnerCity
    form_class = PartnerCityForm


class PartnerCityDelete(staff.StaffDeleteView):
    model = PartnerCity


# --- Partnerships --------------------------------------------------------------------


class PartnershipList(staff.StaffListView):
    model = Partnership
    selector = selectors.partnership_list
    filterset_class = PartnershipFilterSet
    table_class = PartnershipTable
    filter_form_fields = (
        "q",
        "status",
        "kind",
        "theme",
        "country",
        "published",
        "review_before",
        "signed_after",
        "signed_before",
    )
    export_fields = (
        "partner_city__name",
        "partner_city__country",
        "local_government__name",
        "co_holders",
        "kind",
        "status",
        "signed_on",
        "last_renewed_on",
        "review_on",
        "ended_on",
        "themes",
        "co_partners",
        "officer",
        "summary",
        "published",
    )


class PartnershipStatusChange(staff.StaffActionView):
    model = Partnership
    form_class = PartnershipStatusForm
    form_prefix = "status"

    def get_form_kwargs(self, obj):
        return {"partnership": obj}

    def perform(self, obj, data):
        services.partnership_change_status(
            partnership=obj,
            status=data["status"],
            on=data["on"],
            note=data["note"],
            user=self.request.user,
        )
        return _("The partnership is now “%(status)s”.") % {
            "status": PartnershipStatus(data["status"]).label
        }


class PartnershipRenew(staff.StaffActionView):
    model = Partnership
    form_class = PartnershipRenewForm
    form_prefix = "renew"

    def perform(self, obj, data):
        services.partnership_renew(
            partnership=obj,
            renewed_on=data["renewed_on"],
            next_review_on=data["next_review_on"],
            note=data["note"],
            user=self.request.user,
        )
        return _("The renewal is recorded.")


class PartnershipDetail(staff.StaffDetailView):
    model = Partnership
    template_name = "partnerships/partnership_detail.html"
    selector = selectors.partnership_list
    related = (
        Related(
            gettext_lazy("Documents"),
            PartnershipDocumentTable,
            lambda obj, user: selectors.partnership_document_list(user=user).filter(
                partnership=obj
            ),
            add_url=add_url("partnershipdocument", partnership=lambda o: o.pk),
            exclude=("partnership",),
        ),
        Related(
            gettext_lazy("Delegations"),
            DelegationTable,
            lambda obj, user: delegation_list(user=user).filter(partnership=obj),
            add_url=add_url(
                "delegation",
                partnership=lambda o: o.pk,
                partner_city=lambda o: o.partner_city_id,
                country=lambda o: o.partner_city.country,
            ),
        ),
        Related(
            gettext_lazy("Exchange programs"),
            ExchangeProgramTable,
            lambda obj, user: exchange_program_list(user=user).filter(partnership=obj),
            add_url=add_url(
                "exchangeprogram",
                partnership=lambda o: o.pk,
                partner_city=lambda o: o.partner_city_id,
            ),
        ),
        Related(
            gettext_lazy("Cooperation projects"),
            CooperationProjectTable,
            lambda obj, user: cooperation_project_list(user=user).filter(partnership=obj),
            add_url=add_url(
                "cooperationproject",
                partnership=lambda o: o.pk,
                partner_city=lambda o: o.partner_city_id,
            ),
        ),
    )

    def get_actions(self, obj):
        actions = []
        if PARTNERSHIP_TRANSITIONS[obj.status]:
            actions.append(
                workflow_action(
                    _("Change the status"),
                    reverse("staff:partnership_status", args=[obj.pk]),
                    PartnershipStatusChange.blank_form(obj),
                )
            )
        if obj.status == PartnershipStatus.ACTIVE:
            actions.append(
                workflow_action(
                    _("Record a renewal"),
                    reverse("staff:partnership_renew", args=[obj.pk]),
                    PartnershipRenew.blank_form(obj),
                    style="secondary",
                )
            )
        return actions


class PartnershipCreate(staff.StaffCreateView):
    model = Partnership
    form_class = PartnershipForm


class PartnershipUpdate(staff.StaffUpdateView):
    model = Partnership
    form_class = PartnershipForm


class PartnershipDelete(staff.StaffDeleteView):
    model = Partnership


# --- Documents -----------------------------------------------------------------------


class PartnershipDocumentList(staff.StaffListView):
    model = PartnershipDocument
    selector = selectors.partnership_document_list
    filterset_class = PartnershipDocumentFilterSet
    table_class = PartnershipDocumentTable
    filter_form_fields = ("q", "kind", "is_public", "dated_after", "dated_before")


class PartnershipDocumentDetail(staff.StaffDetailView):
    model = PartnershipDocument
    selector = selectors.partnership_document_list


class PartnershipDocumentCreate(staff.StaffCreateView):
    model = PartnershipDocument
    form_class = PartnershipDocumentForm


class PartnershipDocumentUpdate(staff.StaffUpdateView):
    model = PartnershipDocument
    form_class = PartnershipDocumentForm


class PartnershipDocumentDelete(staff.StaffDeleteView):
    model = PartnershipDocument
