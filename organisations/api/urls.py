from .views import ContactViewSet, OrganisationViewSet

routes = [
    ("organisations", OrganisationViewSet, "organisation"),
    ("contacts", ContactViewSet, "contact"),
]
