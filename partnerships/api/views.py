from django.db.models import F, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from intl_relations.api_base import ReadOnlyRecordViewSet, RecordViewSet
from intl_relations.exports import (
    GEOJSON_CONTENT_TYPE,
    JSONArrayOf,
    Label,
    country_name,
    geojson_response,
    point_feature,
)
from intl_relations.permissions import Action
from partnerships.choices import PartnershipKind
from partnerships.filtersets import (
    LocalGovernmentFilterSet,
    PartnerCityFilterSet,
    PartnershipDocumentFilterSet,
    PartnershipFilterSet,
    ThemeFilterSet,
)
from partnerships.models import (
    LocalGovernment,
    PartnerCity,
    Partnership,
    PartnershipDocument,
    Theme,
)
from partnerships.selectors import (
    local_government_list,
    partner_city_list,
    partnership_document_list,
    partnership_list,
    theme_list,
)
from partnerships.services import partnership_change_status, partnership_renew

from .serializers import (
    LocalGovernmentSerializer,
    PartnerCitySerializer,
    PartnershipDocumentSerializer,
    PartnershipRenewSerializer,
    PartnershipSerializer,
    PartnershipTransitionSerializer,
    ThemeSerializer,
)

GEOJSON_RESPONSE = {(200, GEOJSON_CONTENT_TYPE): OpenApiTypes.OBJECT}


class ThemeViewSet(ReadOnlyRecordViewSet):
    """The fixed vocabulary of themes (economy, culture, water and sanitation…)."""

    queryset = Theme.objects.all()
    selector = staticmethod(theme_list)
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilterSet
    ordering_fields = ["code"]
    export_fields = ("code",)
    export_filename = "themes"


class LocalGovernmentViewSet(RecordViewSet):
    """The home side: the local governments the office works for."""

    queryset = LocalGovernment.objects.all()
    selector = staticmethod(local_government_list)
    serializer_class = LocalGovernmentSerializer
    filterset_class = LocalGovernmentFilterSet
    ordering_fields = ["name", "kind", "population", "partnerships_count"]
    export_fields = (
        "name",
        "kind",
        "country",
        "official_code",
        "population",
        "is_default",
        ("partnerships_count", _("Partnerships")),
    )
    export_filename = "local-governments"


class PartnerCityViewSet(RecordViewSet):
    """Foreign local governments the city works with."""

    queryset = PartnerCity.objects.all()
    selector = staticmethod(partner_city_list)
    serializer_class = PartnerCitySerializer
    filterset_class = PartnerCityFilterSet
    ordering_fields = ["name", "country", "region", "population", "partnerships_count"]
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
        ("partnerships_count", _("Partnerships")),
        ("active_partnerships_count", _("Active partnerships")),
    )
    export_filename = "partner-cities"

    @extend_schema(summary=_("The filtered partner cities as GeoJSON"), responses=GEOJSON_RESPONSE)
    @action(detail=False, methods=["get"])
    def geojson(self, request):
        # Written by the database, row by row: the national map has some 17,000 cities.
        cities = self.filter_queryset(self.get_queryset())
        fields = ("name", "country", "kind", "region", "population", "partnerships_count")
        feature = point_feature(
            {"id": F("pk"), **{name: F(name) for name in fields}, "country_name": country_name()}
        )
        return geojson_response(cities, feature, filename="partner-cities")


class PartnershipViewSet(RecordViewSet):
    """Twinnings and lighter partnerships, with their life cycle."""

    queryset = Partnership.objects.all()
    selector = staticmethod(partnership_list)
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    ordering_fields = [
        "partner_city__name",
        "partner_city__country",
        "kind",
        "status",
        "signed_on",
        "review_on",
        "ended_on",
        "created_at",
    ]
    export_fields = (
        "local_government__name",
        "partner_city__name",
        "partner_city__country",
        "kind",
        "status",
        "signed_on",
        "last_renewed_on",
        "review_on",
        "ended_on",
        "themes",
        "co_partners",
        "published",
    )
    export_filename = "partnerships"

    @extend_schema(request=PartnershipTransitionSerializer, responses=PartnershipSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def transition(self, request, pk=None):
        """Move the partnership to another status of its life cycle."""
        partnership = self.get_object()
        payload = PartnershipTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        partnership_change_status(
            partnership=partnership, user=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(self._reload(partnership)).data)

    @extend_schema(request=PartnershipRenewSerializer, responses=PartnershipSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def renew(self, request, pk=None):
        """Record a renewal and the next review date."""
        partnership = self.get_object()
        payload = PartnershipRenewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        partnership_renew(partnership=partnership, user=request.user, **payload.validated_data)
        return Response(self.get_serializer(self._reload(partnership)).data)

    @extend_schema(summary=_("The filtered partnerships as GeoJSON"), responses=GEOJSON_RESPONSE)
    @action(detail=False, methods=["get"])
    def geojson(self, request):
        partnerships = self.filter_queryset(self.get_queryset())
        themes = Theme.objects.filter(partnerships=OuterRef("pk")).order_by("code")
        feature = point_feature(
            latitude="partner_city__latitude",
            longitude="partner_city__longitude",
            properties={
                "id": F("pk"),
                "partner_city": F("partner_city__name"),
                "partner_city_id": F("partner_city_id"),
                "country": F("partner_city__country"),
                "local_government": F("local_government__name"),
                "kind": F("kind"),
                "kind_name": Label(F("kind"), dict(PartnershipKind.choices)),
                "status": F("status"),
                "signed_on": F("signed_on"),
                "themes": JSONArrayOf(themes.values(item=F("code"))),
            },
        )
        return geojson_response(partnerships, feature, filename="partnerships")


class PartnershipDocumentViewSet(RecordViewSet):
    """Agreements, amendments and deliberations attached to partnerships."""

    queryset = PartnershipDocument.objects.all()
    selector = staticmethod(partnership_document_list)
    serializer_class = PartnershipDocumentSerializer
    filterset_class = PartnershipDocumentFilterSet
    ordering_fields = ["title", "kind", "dated_on", "created_at"]
    export_fields = ("partnership", "kind", "title", "dated_on", "language", "is_public")
    export_filename = "partnership-documents"
