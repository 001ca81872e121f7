"""Shared pieces of the REST API: pagination and the one error shape."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from intl_relations.db import broken_rule_message
from intl_relations.paging import IdsFirstPaginator


class Pagination(PageNumberPagination):
    """Page-number pagination; the client chooses ``page_size`` up to ``max_page_size``.

    A page's ids are chosen before its rows are read (``IdsFirstPaginator``): page 1,000
    costs about what page 1 does.

    An oversized page is refused with a 400 that says the limit, rather than silently
    cut, so a client never mistakes a short page for the end of the data.

    ``count`` is exact up to ``LIST_EXACT_COUNT_LIMIT`` rows and PostgreSQL's estimate
    above it, as ``count_is_exact`` says; ``next`` is always right (read from the rows).
    ``?count=exact`` asks for the exact count, and so does ``?page=last``.
    """

    django_paginator_class = IdsFirstPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    count_query_param = "count"

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        count = request.query_params.get(self.count_query_param)
        if count not in (None, "exact"):
            raise exceptions.ValidationError(
                {self.count_query_param: [_("The only value accepted is “exact”.")]}
            )
        exact = (
            count == "exact"
            or request.query_params.get(self.page_query_param) in self.last_page_strings
        )
        self.django_paginator_class = partial(IdsFirstPaginator, exact_count=exact)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.page.paginator.count,
                "count_is_exact": self.page.paginator.count_is_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.count_query_param,
                "required": False,
                "in": "query",
                "description": "exact: count every row. Without it, a list of more than "
                "LIST_EXACT_COUNT_LIMIT rows (10,000) gives PostgreSQL's estimate as its "
                "count, and count_is_exact is false.",
                "schema": {"type": "string", "enum": ["exact"]},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count_is_exact"] = {
            "type": "boolean",
            "description": "False when ``count`` is an estimate (a list of more than "
            "LIST_EXACT_COUNT_LIMIT rows); ?count=exact asks for the exact count.",
        }
        paginated["required"] = [*paginated.get("required", []), "count_is_exact"]
        return paginated

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise exceptions.ValidationError(
                {"page_size": [_("A whole number is required.")]}
            ) from None
        if size < 1 or size > self.max_page_size:
            raise exceptions.ValidationError(
                {
                    "page_size": [
                        _("Ensure this value is between 1 and %(max)d.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return size


def _django_validation_detail(exc: DjangoValidationError) -> Any:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in msgs]
            for field, msgs in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """One JSON shape for every error: ``{"error": {"status", "code", "message", "fields"}}``.

    Domain rules raise Django's ``ValidationError`` in services; they become a 400 with
    the same field-level shape as a serializer's errors.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = exceptions.APIException(
            _("This record is still referenced by other records and cannot be deleted.")
        )
        exc.status_code = status.HTTP_409_CONFLICT
        exc.default_code = "protected"
    elif isinstance(exc, IntegrityError):
        # A rule the validation could not see coming (two requests at once): the rule's
        # own sentence, as a conflict with what is saved, never a 500.
        exc = exceptions.APIException(broken_rule_message(exc))
        exc.status_code = status.HTTP_409_CONFLICT
        exc.default_code = "conflict"
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    detail = response.data
    fields: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        message = str(_("The data sent is not valid."))
        code = "invalid"
        if isinstance(detail, dict):
            fields = {key: _flatten(value) for key, value in detail.items()}
        else:
            fields = {"non_field_errors": _flatten(detail)}
    else:
        message = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = codes if isinstance(codes, str) else "error"
    response.data = {
        "error": {
            "status": response.status_code,
            "code": code,
            "message": message,
            "fields": fields,
        }
    }
    return response


def _flatten(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return [str(item) for item in value]
        return [_flatten(item) for item in value]
    if isinstance(value, dict):
        return {key: _flatten(item) for key, item in value.items()}
    return [str(value)]


def _error_page(request: Any, status_code: int, code: str, message: str) -> Any:
    from django.http import JsonResponse

    body = {"error": {"status": status_code, "code": code, "message": message, "fields": {}}}
    return JsonResponse(body, status=status_code)


def page_not_found(request: Any, exception: Exception | None = None) -> Any:
    """404 for an address no view matches: the API's error shape under ``/api/``."""
    from django.views import defaults

    if request.path.startswith("/api/"):
        return _error_page(request, 404, "not_found", str(exceptions.NotFound.default_detail))
    return defaults.page_not_found(request, exception)


def server_error(request: Any) -> Any:
    """500 in the API's error shape under ``/api/``; the plain page elsewhere."""
    from django.views import defaults

    if request.path.startswith("/api/"):
        return _error_page(request, 500, "error", str(_("A server error occurred.")))
    return defaults.server_error(request)


def lockout_response(request: Any, original_response: Any = None, credentials: Any = None) -> Any:
    """django-axes' answer to a locked-out sign-in: 429 with ``Retry-After``.

    Under ``/api/`` it comes in the one JSON error shape the schema documents; the
    pages get axes' own message.
    """
    from axes.helpers import get_cool_off, get_lockout_message
    from django.http import HttpResponse

    message = get_lockout_message()
    if request.path.startswith("/api/"):
        response = _error_page(request, 429, "locked_out", str(message))
    else:
        response = HttpResponse(message, status=429)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
