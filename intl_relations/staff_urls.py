"""The staff area, mounted at ``/staff/`` with the namespace ``staff``.

Every app adds its pages with plain ``urlpatterns`` named ``<model>_<action>``
(``partnership_list``, ``delegation_detail``…), so ``staff_url(record)`` finds them.
"""

from django.urls import include, path

from .dashboard import DashboardMapPoints, DashboardView

app_name = "staff"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("carte.json", DashboardMapPoints.as_view(), name="dashboard_map_points"),
    path("", include("accounts.urls")),
    path("", include("partnerships.urls")),
    path("", include("organisations.urls")),
    path("", include("cooperation.urls")),
    path("", include("delegations.urls")),
    path("", include("diaspora.urls")),
    path("", include("exchanges.urls")),
    path("", include("territory.urls")),
    path("", include("portal.staff_urls")),
    path("", include("reports.urls")),
    path("", include("transfers.urls")),
    path("", include("privacy.urls")),
    path("", include("returns.urls")),
    path("", include("insight.urls")),
    path("", include("downloads.urls")),
]
