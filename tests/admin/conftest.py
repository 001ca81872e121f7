"""Helpers of the admin tests: a signed-in browser per role, and rows of any model."""

import factory
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from diaspora.models import DiasporaGroup
from partnerships.choices import ThemeCode
from partnerships.models import LocalGovernment, Theme
from tests import factories

OUR_APPS = frozenset(
    {
        "accounts",
        "organisations",
        "partnerships",
        "cooperation",
        "delegations",
        "diaspora",
        "exchanges",
        "reports",
        "portal",
    }
)

# Every admin of the portal's own apps, in a stable order for parametrised tests.
PORTAL_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in OUR_APPS),
    key=lambda model: model._meta.label,
)


def _factories_by_model() -> dict:
    found: dict = {}
    for value in vars(factories).values():
        if (
            isinstance(value, type)
            and issubclass(value, factory.django.DjangoModelFactory)
            and value._meta.model is not None
        ):
            found.setdefault(value._meta.model, value)
    # Partner members have an organisation: the user list shows it.
    found[User] = factories.PartnerUserFactory
    return found


FACTORIES = _factories_by_model()


def make_row(model, index: int = 0):
    """One new row of ``model``; ``index`` keeps rows apart where uniqueness needs it."""
    if model is Theme:
        # The vocabulary is loaded by a migration; bring back one that was removed.
        existing = set(Theme.objects.values_list("code", flat=True))
        code = next(code for code in ThemeCode.values if code not in existing)
        return Theme.objects.create(code=code)
    if model is LocalGovernment:
        return factories.LocalGovernmentFactory(name=f"Commune {index}", is_default=False)
    if model is DiasporaGroup:
        # One group per local government and origin country.
        return factories.DiasporaGroupFactory(
            local_government=make_row(LocalGovernment, index), origin_country="PT"
        )
    return FACTORIES[model]()


def first_row(model):
    """A row to open: for themes one of the migration's, for others a new one."""
    if model is Theme:
        return Theme.objects.order_by("code").first()
    return make_row(model)


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
