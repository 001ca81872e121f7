"""The REST API at ``/api/v1/``: one router holding every app's endpoints.

Each app lists its ``routes`` in ``<app>/api/urls.py``; the reports app registers its
own on ``router`` as well. Paths that name a file (``export.csv``, ``calendar.ics``)
take no trailing slash.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import urls as accounts_urls
from cooperation.api import urls as cooperation_urls
from delegations.api import urls as delegations_urls
from diaspora.api import urls as diaspora_urls
from downloads.api import urls as downloads_urls
from exchanges.api import urls as exchanges_urls
from insight.api import urls as insight_urls
from organisations.api import urls as organisations_urls
from partnerships.api import urls as partnerships_urls
from portal.api import urls as portal_urls
from reports.api import urls as reports_urls
from returns.api import urls as returns_urls
from territory.api import urls as territory_urls
from transfers.api import urls as transfers_urls


class Router(DefaultRouter):
    include_format_suffixes = False

    def _get_dynamic_route(self, route, action):
        dynamic = super()._get_dynamic_route(route, action)
        if "." in action.url_path:
            # A file name (``calendar.ics``): no trailing slash after the extension.
            dynamic = dynamic._replace(url=dynamic.url.replace("{trailing_slash}", ""))
        return dynamic


router = Router()
for module in (
    partnerships_urls,
    organisations_urls,
    cooperation_urls,
    delegations_urls,
    diaspora_urls,
    exchanges_urls,
    portal_urls,
    accounts_urls,
    reports_urls,
    returns_urls,
    insight_urls,
    territory_urls,
    downloads_urls,
):
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [
    *accounts_urls.urlpatterns,
    *transfers_urls.urlpatterns,
    path("", include(router.urls)),
]
