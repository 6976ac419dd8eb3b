"""Anonymous copies of a discussion and its borough page are refreshed by every backing and status;
the new pages cost the same queries with 0, 10 or 100 asks, backers and answers."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from caching import pagecache
from organisations import actions
from organisations.models import Answer, Ask, Backing, Status
from tests.caching.test_page_cache import HIT, MISS, get, warm
from tests.conftest import signed_in_client

from .helpers import ask, organisation, staff_of


def test_backing_and_every_status_refresh_the_cached_discussion_and_borough_page(
    page_cache_on, resident, other_resident, moderator
):
    council = organisation()
    officer = staff_of(council)
    the_ask = ask(owner=resident, title="Lights on the towpath")
    visitor = Client()
    thread_url, borough_url = the_ask.thread.url, "/boroughs/lambeth/"
    assert "<strong>0</strong> people back" in warm(visitor, thread_url)
    warm(visitor, borough_url)

    signed_in_client(other_resident).post(reverse("back_ask", args=[the_ask.pk]))
    response, html = get(visitor, thread_url)
    assert response[pagecache.HEADER] == MISS and "<strong>1</strong> person backs" in html
    response, html = get(visitor, borough_url)
    assert response[pagecache.HEADER] == MISS and "1 backing" in html
    get(visitor, thread_url), get(visitor, borough_url)  # stored again

    for status, words in [(Status.LOOKING, "Looking into it"), (Status.MADE, "Change made")]:
        assert get(visitor, thread_url)[0][pagecache.HEADER] == HIT
        assert get(visitor, borough_url)[0][pagecache.HEADER] == HIT
        answer = actions.give_answer(the_ask, council, author=officer, status=status, body=f"Now: {words}.")
        assert get(visitor, thread_url)[0][pagecache.HEADER] == HIT  # held: nothing public changed yet
        actions.publish(answer, by=moderator)
        response, html = get(visitor, thread_url)
        assert response[pagecache.HEADER] == MISS and f"Now: {words}." in html
        response, html = get(visitor, borough_url)
        assert response[pagecache.HEADER] == MISS and words in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(the_ask, council, officer, n):
    """Bring the ask to n backers and n published answers."""
    have = Backing.objects.filter(ask=the_ask).count()
    users = User.objects.bulk_create([User(email=f"backer{the_ask.pk}-{i}@example.org") for i in range(have, n)])
    Backing.objects.bulk_create([Backing(ask=the_ask, user=user) for user in users])
    Ask.objects.filter(pk=the_ask.pk).update(backing_count=n)
    have = Answer.objects.filter(ask=the_ask).count()
    Answer.objects.bulk_create(
        [
            Answer(ask=the_ask, organisation=council, author=officer, status=Status.HEARD, body=f"Answer {i}",
                   state=Answer.PUBLISHED, published_at=the_ask.created_at)
            for i in range(have, n)
        ]
    )  # fmt: skip


def test_a_discussion_and_organisation_page_cost_the_same_with_0_10_100_backers_and_answers(resident, other_resident):
    council = organisation()
    officer = staff_of(council)
    the_ask = ask(owner=resident)
    reader = signed_in_client(other_resident)
    reader.get(the_ask.thread.url)  # the first request of a session fills per-worker memos
    counts = []
    for n in (0, 10, 100):
        _grow(the_ask, council, officer, n)
        counts.append((_queries(reader, the_ask.thread.url), _queries(reader, council.get_absolute_url())))
    assert counts[0][0] == counts[1][0] == counts[2][0], counts
    # The organisation's page skips fetching answers' details when it has none: fewer, then flat.
    assert counts[1] == counts[2], counts
    assert max(max(pair) for pair in counts) <= 15, counts


def test_borough_page_and_what_changed_cost_the_same_with_0_10_100_asks(resident, other_resident, moderator):
    council = organisation()
    officer = staff_of(council)
    reader = signed_in_client(other_resident)
    reader.get("/boroughs/lambeth/")
    counts = []
    made = 0
    for n in (0, 10, 100):
        while made < n:
            the_ask = ask(owner=resident, title=f"Ask {made}")
            _grow(the_ask, council, officer, 1)
            made += 1
        counts.append(
            (
                _queries(reader, "/boroughs/lambeth/"),
                _queries(reader, "/boroughs/lambeth/?asks=new"),
                _queries(reader, reverse("what_changed")),
                _queries(reader, reverse("organisations")),
            )
        )
    assert counts[0][2:] == counts[1][2:] == counts[2][2:], counts
    # An empty list skips fetching rows (its discussions' and its asks'): fewer queries with none, then flat.
    assert counts[1] == counts[2], counts
    assert max(max(row) for row in counts) <= 15, counts


def test_a_borough_pages_asks_come_ten_at_a_time_with_how_many_pages(resident, other_resident):
    for i in range(12):
        ask(owner=resident, title=f"Paged ask {i:02}")
    reader = signed_in_client(other_resident)
    first = _asks_section(reader, "/boroughs/lambeth/?asks=new")
    assert first.count("Paged ask") == 10 and "Page 1 of 2" in first
    second = _asks_section(reader, "/boroughs/lambeth/?asks=new&asks_page=2")
    assert "Paged ask 01" in second and "Paged ask 00" in second and "Paged ask 11" not in second
    assert "Page 2 of 2" in second
    # An old link past the end, or nonsense, shows the first page rather than failing.
    for page in ("9", "nonsense"):
        assert "Page 1 of 2" in _asks_section(reader, f"/boroughs/lambeth/?asks=new&asks_page={page}")


def _asks_section(client, url):
    html = client.get(url).content.decode()
    start = html.index('<section aria-labelledby="asks-heading"')
    return html[start : html.index("</section>", start)]
