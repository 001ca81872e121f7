from .views import PartnerCityReciprocityViewSet, PartnershipHealthViewSet

routes = [
    ("partnership-health", PartnershipHealthViewSet, "partnership-health"),
    ("partner-city-reciprocity", PartnerCityReciprocityViewSet, "partner-city-reciprocity"),
]
