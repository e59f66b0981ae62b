"""How the course-page benchmarks time a page: one warm-up request, the SQL queries of one request, then the median
of `runs` requests (ms). Imports Django lazily, so that each benchmark configures it first."""

import os
import statistics
import time


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured.captured_queries)  # now: every request clears the connection's query log
    if os.environ.get("SHOW_SQL"):
        for query in captured.captured_queries:
            print("   ", query["sql"][:160])
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), queries
