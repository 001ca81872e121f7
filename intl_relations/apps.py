from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Installs the portal's admin site (role permissions, French and English titles)."""

    default_site = "intl_relations.admin.PortalAdminSite"
