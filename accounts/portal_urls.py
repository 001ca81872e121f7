"""Partner members' account pages, included by ``portal/urls.py`` (namespace ``portal``)."""

from django.urls import path

from . import portal_views as views

urlpatterns = [
    path("compte/inscription/", views.register, name="register"),
    path("compte/inscription/envoyee/", views.register_done, name="register_done"),
    path(
        "compte/confirmation/<str:uidb64>/<str:token>/",
        views.register_confirm,
        name="register_confirm",
    ),
    path("compte/connexion/", views.SignInView.as_view(), name="login"),
    path("compte/deconnexion/", views.SignOutView.as_view(), name="logout"),
    path("mon-espace/organisation/", views.profile, name="profile"),
]
