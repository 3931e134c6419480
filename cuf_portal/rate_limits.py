"""Counters for limits per client or per address, exact across workers and hosts.

A limit counts hits in fixed windows in one PostgreSQL row per (key, window), incremented by a
single `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement: concurrent hits from any number of
processes and threads each get a distinct count, which the cache cannot promise (Django's
database cache implements incr() as get then set). Rows of finished windows are deleted by the
same statement.
"""

import hashlib
import time
from datetime import UTC, datetime

from django.db import connection

from .models import RateCounter


def _row_key(key, window, bucket):
    suffix = f":{window}:{bucket}"
    if len(key) + len(suffix) > 250:  # long e-mail addresses: keep the row key within the column
        key = key[:100] + "#" + hashlib.sha256(key.encode()).hexdigest()
    return key + suffix


def hit(key, *, window):
    """Count one hit for `key` in the current window of `window` seconds; return the count so far."""
    now = time.time()
    bucket = int(now // window)
    expires = datetime.fromtimestamp((bucket + 1) * window, tz=UTC)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        # One statement: forget finished windows (an index range, usually empty), then count.
        cursor.execute(
            f"WITH finished AS (DELETE FROM {table} WHERE expires_at <= %s) "
            f"INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [datetime.fromtimestamp(now, tz=UTC), _row_key(key, window, bucket), expires],
        )
        count = cursor.fetchone()[0]
    return count


def allow(key, *, limit, window):
    """Count one attempt; True while at most `limit` attempts were made in the window."""
    return hit(key, window=window) <= limit
