from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Installs the portal's admin site (role permissions, French and English titles)."""

    default_site = "intl_relations.admin.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        # The project package is no app of its own: its system checks register here.
        from intl_relations import checks  # noqa: F401
