"""``sitemap.xml``: the public pages, and only published records."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:map",
            "portal:program_list",
            "portal:consulate_list",
            "portal:association_list",
            "portal:report_list",
            "portal:propose",
            "portal:register",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class PartnerCitySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.public_partner_cities().order_by("pk")

    def location(self, item) -> str:
        return reverse("portal:partner_city", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PartnershipSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.public_partnerships().order_by("pk")

    def location(self, item) -> str:
        return reverse("portal:partnership", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class ProgramSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return selectors.public_programs().order_by("pk")

    def location(self, item) -> str:
        return reverse("portal:program_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "partner-cities": PartnerCitySitemap,
    "partnerships": PartnershipSitemap,
    "programs": ProgramSitemap,
}
