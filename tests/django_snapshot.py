"""The copy of the test database that Django restores each `serialized_rollback` test from.

Django keeps it on each connection as `_test_serialized_contents` (set by
django.test.utils.setup_databases, read by TransactionTestCase._fixture_setup and
_fixture_teardown) and has no public way to read it or hand it on. Two places here must:
restoring the migrated rows for an ordinary test that follows a transactional one (a worker
of xdist can be given them in that order), and the new connection objects Django makes while
Playwright's event loop runs (tests/browser/conftest.py). tests/test_django_snapshot.py fails
if Django stops using this name.
"""

ATTRIBUTE = "_test_serialized_contents"


def snapshot_of(connection):
    """The copy Django took of this connection's test database, or None when it took none."""
    return getattr(connection, ATTRIBUTE, None)


def hand_on(connection, snapshot):
    """Give a connection object the copy Django gave its predecessor."""
    setattr(connection, ATTRIBUTE, snapshot)
