from .views import (
    LocalGovernmentViewSet,
    PartnerCityViewSet,
    PartnershipDocumentViewSet,
    PartnershipViewSet,
    ThemeViewSet,
)

routes = [
    ("themes", ThemeViewSet, "theme"),
    ("local-governments", LocalGovernmentViewSet, "local-government"),
    ("partner-cities", PartnerCityViewSet, "partner-city"),
    ("partnerships", PartnershipViewSet, "partnership"),
    ("partnership-documents", PartnershipDocumentViewSet, "partnership-document"),
]
