"""API token authentication: knox's, without a sweep of the user's other tokens.

knox deletes the user's other expired tokens on every authenticated request (one more
query per call, and a write now and then); the token presented is still checked and
refused once expired. The sweep runs each night instead (``accounts.delete_expired_tokens``).
Every call checks its token in the database, so a revoked token or a deactivated
account is refused on the very next call.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.settings import knox_settings
from knox.signals import token_expired
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        """knox's, refusing credentials sent under another scheme instead of ignoring them.

        ``Authorization: Token <key>`` is DRF's usual spelling; answered anonymously, the
        caller would read only public records and never know why. A 401 says what to send.
        """
        header = get_authorization_header(request).split()
        prefix = knox_settings.AUTH_HEADER_PREFIX
        if header and header[0].lower() != prefix.lower().encode():
            scheme = header[0].decode(errors="replace")[:20]
            raise exceptions.AuthenticationFailed(
                _(
                    "The Authorization header uses the « %(scheme)s » scheme; this API takes "
                    "« %(prefix)s <token> »."
                )
                % {"scheme": scheme, "prefix": prefix}
            )
        return super().authenticate(request)

    def _cleanup_token(self, auth_token: Any) -> bool:
        """True (refused) when the presented token has expired; it is then deleted."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=type(self), username=username, source="auth_token")
            return True
        return False


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme: the same bearer token as knox's."""

    target_class = "accounts.authentication.TokenAuthentication"
