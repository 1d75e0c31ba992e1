"""What the coordinator knows of each phone's outbox: when it last synced, what was left."""

from collections.abc import Iterable

from collector.auth.models import User
from collector.types import utcnow

WAITING_HEADER = "X-Outbox-Waiting"


def note_sync(user: User, waiting_header: str | None, statuses: Iterable[int]) -> None:
    """Record a sync from `user`'s phone; the caller commits.

    The client says how many interviews its outbox held when it sent this request; those
    stored now (or found already stored) are no longer waiting.
    """
    user.last_sync_at = utcnow()
    try:
        waiting = int(waiting_header) if waiting_header is not None else None
    except ValueError:
        waiting = None
    if waiting is not None and waiting >= 0:
        delivered = sum(1 for status in statuses if status in (200, 201))
        user.outbox_waiting = max(waiting - delivered, 0)
