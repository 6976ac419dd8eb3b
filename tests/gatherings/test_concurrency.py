"""No double booking: 20 members asking at once for the last 5 places get exactly 5 between them.

PostgreSQL only: `booking.join` locks the gathering's row (SELECT ... FOR UPDATE), and the
threads really run side by side. SQLite has no row locks and lets one writer in at a time
(a second thread's write fails with "database is locked" rather than waiting its turn), so the
race cannot be staged there; run it with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/ll_gatherings.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from gatherings import booking
from gatherings.models import Attendance
from tests.factories import FamilyFactory, UserFactory

from .helpers import make_gathering

pytestmark = [
    # Real threads only see committed rows. serialized_rollback restores the migrated rows and the page
    # tree before the test (a transactional test on this worker may have emptied every table) and
    # leaves the database as the next one expects.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks: SQLite serialises writers, so 20 threads cannot race there",
    ),
]


def test_twenty_threads_for_the_last_five_places(tree):
    gathering = make_gathering(FamilyFactory(), capacity=15)
    for person in UserFactory.create_batch(10):
        Attendance.objects.create(gathering=gathering, user=person, status="confirmed")
    people = UserFactory.create_batch(20)
    start = threading.Barrier(len(people))
    errors = []

    def ask(person):
        try:
            start.wait()
            booking.join(gathering.pk, person)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=ask, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    statuses = list(Attendance.objects.filter(gathering=gathering, user__in=people).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waiting") == 15
    assert Attendance.objects.filter(gathering=gathering, status="confirmed").count() == 15
