from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.response import Response

from intl_relations.api_base import ErrorDocumentingAutoSchema
from intl_relations.permissions import StaffReadPermission
from territory.forms import ANY_GAP, ORDERINGS, TerritoryFilterForm, filter_rows
from territory.selectors import GAPS, territory_diagnosis, thresholds

from .serializers import CountryDiagnosisSerializer, TerritoryDiagnosisSerializer

PARAMETERS = [
    OpenApiParameter(
        "gap",
        str,
        enum=[ANY_GAP, *GAPS],
        description=str(_("Only the countries with this gap (any: with at least one).")),
    ),
    OpenApiParameter("q", str, description=str(_("Part of the country's name, or its code."))),
    OpenApiParameter(
        "local_government",
        OpenApiTypes.INT,
        description=str(_("Only the records of this local government (consulates: all).")),
    ),
    OpenApiParameter(
        "ordering",
        str,
        enum=[*ORDERINGS, *(f"-{name}" for name in ORDERINGS)],
        description=str(_("Sort by a figure (a leading - for descending); by name otherwise.")),
    ),
]


class OneAnswerSchema(ErrorDocumentingAutoSchema):
    """The list action answers one object (the count, the thresholds and the rows)."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class TerritoryViewSet(viewsets.ViewSet):
    """The territory diagnosis: per country, the diaspora groups, consulates,
    partnerships, cooperation projects, delegations and exchanges, with the gaps.
    Office staff only."""

    schema = OneAnswerSchema()
    permission_classes = [StaffReadPermission]

    @extend_schema(
        summary=_("The territory diagnosis, one row per country"),
        parameters=PARAMETERS,
        responses={200: TerritoryDiagnosisSerializer},
    )
    def list(self, request: Any) -> Response:
        query = request.query_params.copy()
        query.pop("measure", None)  # the page's map only
        form = TerritoryFilterForm(query)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        data = form.cleaned_data
        rows = territory_diagnosis(user=request.user, local_government=data["local_government"])
        rows = filter_rows(rows, data)
        limits = thresholds()
        return Response(
            {
                "count": len(rows),
                "thresholds": {
                    "large_diaspora": limits.large_diaspora,
                    "activity_years": limits.activity_years,
                    "since": limits.since.isoformat(),
                },
                "results": CountryDiagnosisSerializer(rows, many=True).data,
            }
        )
