"""The private name tests/django_snapshot.py relies on is still the one Django uses, and the copy
Django restores transactional tests from holds the page tree built after the migrations."""

import inspect

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import setup_databases

from boroughs.models import BoroughPage
from tests.django_snapshot import ATTRIBUTE, snapshot_of


@pytest.mark.parametrize(
    "django_code",
    [setup_databases, TransactionTestCase._fixture_setup, TransactionTestCase._fixture_teardown],
    ids=["stored by setup_databases", "restored by _fixture_setup", "kept by _fixture_teardown"],
)
def test_django_still_keeps_the_copy_under_this_name(django_code):
    # A rename upstream would silently leave ordinary tests that follow a transactional one, and
    # the browser tests, on an empty database: fail here, by name, instead.
    assert ATTRIBUTE in inspect.getsource(django_code)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("turn", ["first", "second, after the first one's flush"])
def test_a_serialized_rollback_test_starts_with_the_page_tree(turn):
    assert snapshot_of(connection), "Django took no copy of the test database"
    assert '"boroughs.boroughpage"' in snapshot_of(connection)
    assert BoroughPage.objects.filter(slug="hackney").exists()
