"""Timing pages the way a user calls them, for the `bench` commands: each URL through Django's test client
`repeat` times, with the median, the 95th percentile and the number of queries of the last call."""

import statistics
import time

from django.core.management.base import CommandError
from django.db import connection, reset_queries
from django.test import Client


def time_pages(stdout, pages, repeat: int, width: int = 36, client=None):
    """Write a table row per (label, url) of `pages`; a URL that does not answer 200 stops the benchmark."""
    client = client or Client()
    stdout.write(f"{'page':<{width}} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, url in pages:
        times = []
        for _ in range(repeat):
            reset_queries()
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        stdout.write(f"{label:<{width}} {statistics.median(times):>10.1f} {p95:>8.1f} {len(connection.queries):>8}")
