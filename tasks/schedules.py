"""When a scheduled import runs next."""

import datetime

from django.utils import timezone


def next_run(hour, *, after):
    """The first full `hour` (local time) later than `after`."""
    local = timezone.localtime(after)
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= local:
        candidate = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), candidate.time())
        )
    return candidate
