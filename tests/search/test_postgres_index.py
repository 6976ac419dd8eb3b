"""PostgreSQL: the search matches through a GIN index, not by reading every index entry."""

import pytest
from django.db import connection

from tests.factories import MemorialPageFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the expression index is PostgreSQL's only")
def test_search_query_can_use_the_title_body_gin_index(tree):
    MemorialPageFactory(title="Indexed", body="<p>trombone</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'll_indexentry_title_body_gin'")
        assert "gin" in cursor.fetchone()[0].lower()
        cursor.execute("SET enable_seqscan = off")  # a tiny test table would otherwise be scanned anyway
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('trombone')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "ll_indexentry_title_body_gin" in plan
