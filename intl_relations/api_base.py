"""The base of every REST endpoint: the model viewset, the error schema, related fields.

Kept apart from ``intl_relations.api`` (pagination and the exception handler), which
DRF's settings import while DRF itself is still loading.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, filters, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from downloads.api.accepted import ACCEPTED, BIG_EXPORTS, accepted_if_big
from intl_relations.exports import (
    XLSX_CONTENT_TYPE,
    Column,
    csv_response,
    list_columns,
    xlsx_response,
)
from intl_relations.lean import read_plan
from intl_relations.permissions import Action
from intl_relations.services import record_create, record_delete, record_update

# --- The error shape, described for the OpenAPI schema ---------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("The HTTP status code."))
    code = serializers.CharField(help_text=_("A stable, machine-readable error code."))
    message = serializers.CharField(help_text=_("A human message in the request's language."))
    fields = serializers.DictField(
        child=serializers.JSONField(),
        help_text=_(
            "For invalid data: the messages of each field (`non_field_errors` for "
            "the record as a whole)."
        ),
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error answer."""

    error = ErrorDetailSerializer()


# The exports' description in the OpenAPI schema: the list's filters, then the 202 rule.
LIST_EXPORTS = format_lazy(
    "{} {}", _("Takes the list's filters, search and ordering."), BIG_EXPORTS
)

# Extra list-like actions that take the same filters as the list.
FILTERED_DOWNLOADS = frozenset({"export_csv", "export_xlsx", "geojson", "calendar"})


class ErrorDocumentingAutoSchema(AutoSchema):
    """Adds the error answers each operation can give, in the one error shape.

    Exports and feeds take the list's filters, so their parameters are documented too.
    """

    def get_filter_backends(self) -> list[Any]:
        if getattr(self.view, "action", None) in FILTERED_DOWNLOADS:
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = ["401", "403", "429"]
        if "{" in self.path or self.method == "GET":
            # A list answers 404 for a page past its end, as DRF's pagination does.
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH") or self.method == "GET":
            codes.append("400")
        if self.method == "DELETE":
            codes.append("409")
        for code in sorted(codes):
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, direction=direction
                )
        return responses


# --- Filters: the FilterSet's, with only the filters a call names ----------------------


class GivenFiltersBackend(DjangoFilterBackend):
    """django-filter's backend; the FilterSet's form holds the filters the query names.

    The other filters would filter nothing; building their form fields (choice lists,
    querysets) cost a millisecond of every call. Invalid values still get their 400.
    """

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            filterset.only_given = True
        return filterset


# --- Search that never sends a NUL byte to the database --------------------------------


class SafeSearchFilter(filters.SearchFilter):
    """DRF's ``search``, refusing input PostgreSQL cannot take (NUL) or absurd lengths."""

    max_length = 200

    def get_search_terms(self, request: Any) -> list[str]:
        raw = request.query_params.get(self.search_param, "")
        if "\x00" in raw:
            raise exceptions.ValidationError(
                {self.search_param: [_("Null characters are not allowed.")]}
            )
        if len(raw) > self.max_length:
            raise exceptions.ValidationError(
                {
                    self.search_param: [
                        _("Ensure this value has at most %(max)d characters.")
                        % {"max": self.max_length}
                    ]
                }
            )
        return super().get_search_terms(request)[:8]


class SafeOrderingFilter(filters.OrderingFilter):
    """DRF's ``ordering``, refusing NUL bytes (unknown fields are ignored as usual)."""

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> Any:
        if "\x00" in request.query_params.get(self.ordering_param, ""):
            raise exceptions.ValidationError(
                {self.ordering_param: [_("Null characters are not allowed.")]}
            )
        return super().get_ordering(request, queryset, view)


# --- Related records: an id on write, a compact object on read -------------------------


class CompactRelatedField(serializers.PrimaryKeyRelatedField):
    """Written as the related record's id, read as a small object (``compact``).

    Saves clients an extra call per row for the few things every list shows (the
    partner city's name and country, the program's title).
    """

    def __init__(self, compact: type[serializers.Serializer], **kwargs: Any) -> None:
        self.compact = compact
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: Any) -> Any:
        # One compact serializer per field, reused for every row: building its fields
        # (a country field's 250 choices) once per row made lists several times slower.
        serializer = self.__dict__.get("_compact_serializer")
        if serializer is None:
            serializer = self._compact_serializer = self.compact(context=self.context)
        return serializer.to_representation(value)


class CompactRelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "intl_relations.api_base.CompactRelatedField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> Any:
        if direction == "response":
            return auto_schema.resolve_serializer(self.target.compact, direction).ref
        return build_basic_type(OpenApiTypes.INT)


# --- The base of every model endpoint ---------------------------------------------------

VIEW_ACTIONS = frozenset(
    {"list", "retrieve", "export_csv", "export_xlsx", "geojson", "calendar", "metadata"}
)
STANDARD_ACTIONS = {
    "create": Action.ADD,
    "update": Action.CHANGE,
    "partial_update": Action.CHANGE,
    "destroy": Action.DELETE,
}


class RecordViewSet(viewsets.ModelViewSet):
    """A model endpoint: list, retrieve, create, update, delete and CSV/XLSX exports.

    Subclasses declare the selector (the tuned, permission-scoped queryset), the
    FilterSet, the serializer, the ordering fields and the exported columns. Writes go
    through the generic services (``record_create``/``record_update``/``record_delete``)
    with the request's user, so history records who did it whatever the authentication.
    """

    schema = ErrorDocumentingAutoSchema()
    filter_backends = [GivenFiltersBackend, SafeSearchFilter, SafeOrderingFilter]
    #: A function ``(*, user, action) -> QuerySet`` from the app's selectors.
    selector: Any = None
    #: For extra actions: the permission they need (``@action(permission_action=...)``).
    permission_action: Action | None = None
    #: Columns of the CSV/XLSX export: field paths or ``(attribute, header)`` pairs.
    export_fields: tuple[Any, ...] = ()
    export_filename = "export"

    def get_scope_action(self) -> Action:
        explicit = getattr(self, "permission_action", None)
        if explicit:
            return Action(explicit)
        return STANDARD_ACTIONS.get(self.action, Action.VIEW)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return type(self).selector(user=self.request.user, action=self.get_scope_action())

    def get_search_fields(self) -> tuple[str, ...]:
        return getattr(self.filterset_class, "search_fields", ())

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        return Response(self.list_data())

    def list_data(self) -> Any:
        """The list's answer as plain data, built from ``.values()`` when the serializer
        allows (``lean``)."""
        queryset = self.filter_queryset(self.get_queryset())
        plan = read_plan(self.get_serializer(), queryset)
        if plan is None:
            page = self.paginate_queryset(queryset)
            rows = page if page is not None else queryset
            data = self.get_serializer(rows, many=True).data
        else:
            page = self.paginate_queryset(plan.values(queryset))
            data = plan.build(page if page is not None else plan.values(queryset), queryset)
        if page is None:
            return list(data)
        return dict(self.get_paginated_response(list(data)).data)

    @property
    def search_fields(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.get_search_fields()

    def _reload(self, instance: Any) -> Any:
        # Read back through the selector: annotations and related objects for the answer.
        return type(self).selector(user=self.request.user, action=Action.VIEW).get(pk=instance.pk)

    def create_record(self, data: dict[str, Any]) -> Any:
        return record_create(model=self.queryset.model, data=data, user=self.request.user)

    def update_record(self, instance: Any, data: dict[str, Any]) -> Any:
        return record_update(instance=instance, data=data, user=self.request.user)

    def delete_record(self, instance: Any) -> None:
        record_delete(instance=instance, user=self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = self._reload(self.create_record(dict(serializer.validated_data)))

    def perform_update(self, serializer: Any) -> None:
        instance = self.update_record(serializer.instance, dict(serializer.validated_data))
        serializer.instance = self._reload(instance)

    def perform_destroy(self, instance: Any) -> None:
        self.delete_record(instance)

    # Exports: the same filters, search and ordering as the list, without pagination.

    def export_columns(self, queryset: Any) -> list[Column]:
        """The download's columns for ``queryset`` (the filtered list)."""
        return list_columns(queryset, self.export_fields)

    def _export_queryset(self) -> Any:
        return self.filter_queryset(self.get_queryset())

    def export_title(self) -> str:
        """What the list is called in its workbook and among the caller's downloads."""
        return str(capfirst(self.queryset.model._meta.verbose_name_plural))

    @extend_schema(
        summary=_("Export the filtered list as CSV"),
        description=LIST_EXPORTS,
        responses={(200, "text/csv"): OpenApiTypes.BINARY, **ACCEPTED},
    )
    @action(detail=False, methods=["get"], url_path=r"export\.csv", url_name="export-csv")
    def export_csv(self, request: Any) -> Any:
        queryset = self._export_queryset()
        later = accepted_if_big(request, "csv", queryset, title=self.export_title())
        return later or csv_response(queryset, self.export_columns(queryset), self.export_filename)

    @extend_schema(
        summary=_("Export the filtered list as an Excel workbook"),
        description=LIST_EXPORTS,
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY, **ACCEPTED},
    )
    @action(detail=False, methods=["get"], url_path=r"export\.xlsx", url_name="export-xlsx")
    def export_xlsx(self, request: Any) -> Any:
        queryset = self._export_queryset()
        later = accepted_if_big(request, "xlsx", queryset, title=self.export_title())
        return later or xlsx_response(
            queryset,
            self.export_columns(queryset),
            self.export_filename,
            title=self.export_title(),
        )


class ReadOnlyRecordViewSet(RecordViewSet):
    """A model endpoint without writes (the themes' fixed vocabulary)."""

    http_method_names = ["get", "head", "options"]


def validate_upload(file: Any) -> Any:
    """Refuse an upload that is too large or whose content is no accepted document.

    The type is read from the file's first bytes (``intl_relations.uploads``), never
    from its name or the client's content type; the checked file then gets a random
    name with the extension of its real type, so no stored name comes from the client.
    """
    import uuid

    from intl_relations.uploads import validate_document_upload

    if file is None:
        return file
    kind = validate_document_upload(file)
    file.client_name = file.name
    file.name = f"{uuid.uuid4().hex}.{kind}"
    return file


class DocumentFileField(serializers.FileField):
    """An uploaded document: checked on the way in, its download address on the way out.

    The address is the permission-checked download view, never the media URL, which
    production does not serve.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [validate_upload])
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        from intl_relations.uploads import download_url

        if not value:
            return None
        url = download_url(value.instance)
        request = self.context.get("request")
        if url and request is not None:
            return request.build_absolute_uri(url)
        return url


class InternalFieldsMixin:
    """Hides ``Meta.internal_fields`` (internal notes, officers) from non-staff readers.

    Those fields are optional in the schema, so the published shape stays truthful.
    """

    def hidden_fields(self) -> frozenset[str]:
        """The fields this reader may not see (also keys the lean list's plan)."""
        from intl_relations.permissions import is_staff_role

        request = self.context.get("request")  # type: ignore[attr-defined]
        view = self.context.get("view")  # type: ignore[attr-defined]
        if getattr(view, "swagger_fake_view", False) or request is None:
            return frozenset()
        if is_staff_role(request.user):
            return frozenset()
        return frozenset(getattr(self.Meta, "internal_fields", ()))  # type: ignore[attr-defined]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()  # type: ignore[misc]
        for name in self.hidden_fields():
            fields.pop(name, None)
        return fields
