"""Background job of accounts: the nightly removal of expired API tokens."""

from __future__ import annotations

from intl_relations.jobs import scheduled_task

from .services import token_delete_expired


@scheduled_task("accounts.delete_expired_tokens", minutes=10)
def delete_expired_tokens() -> int:
    """Started each night by the beat schedule; returns how many tokens it deleted."""
    return token_delete_expired()
