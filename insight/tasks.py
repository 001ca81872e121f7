"""Background job of insight: the weekly e-mail of the partnerships that changed verdict."""

from __future__ import annotations

from intl_relations.jobs import scheduled_task

from .services import health_changes_email


@scheduled_task("insight.email_health_changes", minutes=15)
def email_health_changes() -> int:
    """Started each Monday by the beat schedule; returns how many verdicts changed."""
    return health_changes_email()
