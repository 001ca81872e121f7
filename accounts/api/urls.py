from django.urls import path

from .views import LoginView, LogoutView, TokenViewSet, UserViewSet

routes = [
    ("users", UserViewSet, "user"),
    ("auth/tokens", TokenViewSet, "token"),
]

urlpatterns = [
    path("auth/login/", LoginView.as_view(), name="auth-login"),
    path("auth/logout/", LogoutView.as_view(), name="auth-logout"),
]
