"""The two-server proof (bench/scaling.py): a primary and a streaming replica made here, two gunicorn
servers behind a balancer, one Redis. Opt-in with SCALING_E2E=1: it makes two clusters and migrates a
fresh database, which takes more than CI's budget for it (docs/scaling.md gives the figures)."""

import os

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("SCALING_E2E") != "1", reason="the two-server proof runs with SCALING_E2E=1 (docs/scaling.md)"
)


@pytest.fixture(scope="module")
def figures():
    from bench import scaling

    try:
        return scaling.run()
    except scaling.CannotRun as reason:
        pytest.skip(f"no replica can be made here: {reason}")


def test_what_is_written_through_one_server_is_seen_through_the_other_at_once(figures):
    failed = [name for name, held in figures["checks"].items() if not held]
    assert not failed, figures["checks"]


def test_killing_an_app_server_mid_load_loses_no_acknowledged_response(figures):
    load = figures["load_with_a_killed"]
    assert load["posts_acknowledged"] > 0 and load["posts_sent_after_the_kill"] > 0
    assert load["acknowledged_but_missing"] == 0
    assert load["stored_twice"] == 0
    assert load["balancer"]["sent"], load


def test_a_remote_apply_commit_is_on_the_replica_when_it_returns(figures):
    assert figures["replication_lag"]["remote_apply"]["reads_that_missed_the_row"] == 0
