from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from intl_relations.health import health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("intl_relations.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script from a URL: no inline script, strict CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("health/", health, name="health"),
    path("reports/", include("reports.public_urls")),
    path("staff/", include("intl_relations.staff_urls")),
    # The public portal last: its pages sit at the root.
    path("", include("portal.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Errors under /api/ answer in the API's one JSON shape, even where no view matched.
handler404 = "intl_relations.api.page_not_found"
handler500 = "intl_relations.api.server_error"
