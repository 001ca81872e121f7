"""The public portal, mounted at ``/`` with the namespace ``portal``."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import views
from .sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("carte/", views.partner_map, name="map"),
    path("carte/villes.geojson", views.map_geojson, name="map_geojson"),
    path("villes-partenaires/<int:pk>/", views.partner_city, name="partner_city"),
    path("partenariats/<int:pk>/", views.partnership, name="partnership"),
    path(
        "partenariats/documents/<int:pk>/",
        views.partnership_document,
        name="partnership_document",
    ),
    path("programmes/", views.program_list, name="program_list"),
    path("programmes/<int:pk>/", views.program_detail, name="program_detail"),
    path("programmes/<int:pk>/candidater/", views.apply, name="apply"),
    path("consulats/", views.consulate_list, name="consulate_list"),
    path("associations/", views.association_list, name="association_list"),
    path("bilans/", views.report_list, name="report_list"),
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.propose_done, name="propose_done"),
    path("mon-espace/", views.account, name="account"),
    path(
        "mon-espace/candidatures/<int:pk>/",
        views.application_detail,
        name="application_detail",
    ),
    path(
        "mon-espace/candidatures/<int:pk>/retrait/",
        views.application_withdraw_view,
        name="application_withdraw",
    ),
    path(
        "documents/candidatures/<int:pk>/", views.application_document, name="application_document"
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("accounts.portal_urls")),
]
