"""The 33 London local authorities and their pages."""

from django.test import Client

from boroughs.models import Borough, BoroughPage
from tests.factories import MemorialPageFactory, TestimonyPageFactory


def test_data_migration_seeds_all_33_authorities_with_ons_codes(db):
    codes = sorted(Borough.objects.values_list("ons_code", flat=True))
    assert codes == [f"E09{n:06d}" for n in range(1, 34)]
    assert Borough.objects.get(ons_code="E09000001").name == "City of London"
    assert Borough.objects.get(ons_code="E09000033").name == "Westminster"
    assert Borough.objects.get(ons_code="E09000028").slug == "southwark"


def test_site_tree_has_one_page_per_borough_and_is_idempotent(tree):
    from home.site_tree import build_site_tree

    build_site_tree()
    assert BoroughPage.objects.count() == 33
    assert set(BoroughPage.objects.values_list("borough__slug", flat=True)) == set(
        Borough.objects.values_list("slug", flat=True)
    )


def test_borough_index_lists_every_borough_with_its_story_count(tree):
    MemorialPageFactory(borough=Borough.objects.get(slug="hackney"))
    MemorialPageFactory(borough=Borough.objects.get(slug="hackney"))
    MemorialPageFactory(borough=Borough.objects.get(slug="hackney"), live=False)
    html = Client().get("/boroughs/").content.decode()
    for borough in Borough.objects.all():
        assert f'href="/boroughs/{borough.slug}/"' in html
    assert 'Hackney</a> <span class="card__meta">(2 stories, 0 discussions)' in html
    assert 'Camden</a> <span class="card__meta">(0 stories, 0 discussions)' in html


def test_borough_page_shows_only_its_published_stories(tree):
    lambeth, croydon = Borough.objects.get(slug="lambeth"), Borough.objects.get(slug="croydon")
    MemorialPageFactory(borough=lambeth, title="In Lambeth")
    TestimonyPageFactory(borough=lambeth, title="Lambeth draft", live=False)
    MemorialPageFactory(borough=croydon, title="In Croydon")
    response = Client().get("/boroughs/lambeth/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Lambeth</h1>" in html
    assert "In Lambeth" in html
    assert "Lambeth draft" not in html
    assert "In Croydon" not in html


def test_borough_page_query_count_does_not_grow_with_stories(tree, django_assert_max_num_queries):
    lambeth = Borough.objects.get(slug="lambeth")
    MemorialPageFactory(borough=lambeth)
    TestimonyPageFactory(borough=lambeth)
    client = Client()
    client.get("/boroughs/lambeth/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(20) as few:
        client.get("/boroughs/lambeth/")
    for _ in range(9):
        MemorialPageFactory(borough=lambeth)
        TestimonyPageFactory(borough=lambeth)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/boroughs/lambeth/")
