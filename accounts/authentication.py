"""API token authentication: knox's, without a sweep of the user's other tokens.

knox deletes the user's other expired tokens on every authenticated request (one more
query per call, and a write now and then); the token presented is still checked and
refused once expired. The sweep runs each night instead (``accounts.delete_expired_tokens``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.signals import token_expired


class TokenAuthentication(KnoxTokenAuthentication):
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
