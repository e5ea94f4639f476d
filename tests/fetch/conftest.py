import pytest

from quotegraph.bench.newsroom import Newsroom
from quotegraph.fetch.client import Fetcher
from quotegraph.fetch.policy import FetchPolicy


@pytest.fixture
def room():
    server = Newsroom()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fetcher():
    # short timeouts and no pause between requests: the faults below take seconds, not minutes
    policy = FetchPolicy(host_interval_s=0.0, connect_timeout_s=2, read_timeout_s=1.0, total_timeout_s=4.0,
                         backoff_s=0.05, max_bytes=2 * 1024 * 1024)
    with Fetcher(policy) as client:
        yield client
