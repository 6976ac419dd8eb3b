"""The terms, guidelines, privacy notice and "how moderation works": made by `setup_site`, published,
left alone on a second run, and never written over once an editor has changed them."""

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from wagtail.models import Revision

from home.legal_pages import LEGAL_PAGES, REVIEW_NOTE, ensure_legal_pages
from home.models import HomePage, StandardPage
from home.site_tree import STANDARD_PAGES
from tests.factories import ModeratorFactory, UserFactory

SLUGS = ["terms", "community-guidelines", "privacy", "how-moderation-works"]


def legal_pages():
    home = HomePage.objects.get()
    return {page.slug: page for page in StandardPage.objects.child_of(home).filter(slug__in=SLUGS)}


def snapshot():
    return {
        slug: (page.title, page.body, page.live, page.latest_revision_id, page.live_revision_id)
        for slug, page in legal_pages().items()
    }


@pytest.fixture
def site(db):
    call_command("setup_site")
    return legal_pages()


def test_setup_site_creates_the_four_pages_published_through_a_revision(site):
    assert sorted(site) == sorted(SLUGS) == sorted(p.slug for p in LEGAL_PAGES)
    for page in site.values():
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id is not None
        assert REVIEW_NOTE in page.body


def test_the_placeholders_site_tree_made_are_replaced_by_the_starter_text(site):
    for slug in ("community-guidelines", "privacy"):
        assert site[slug].body != STANDARD_PAGES[slug][1]
    assert site["privacy"].title == "Privacy notice"


def test_running_setup_site_again_changes_nothing(site):
    before, revisions = snapshot(), Revision.objects.count()
    call_command("setup_site")
    assert snapshot() == before
    assert Revision.objects.count() == revisions
    home = HomePage.objects.get()
    assert ensure_legal_pages(home) == dict.fromkeys(SLUGS, "unchanged")


def test_a_page_an_editor_published_is_never_overwritten(site):
    # Administrators edit the plain pages (moderators may only publish stories: home/site_tree.py).
    editor = UserFactory(is_superuser=True)
    terms = site["terms"]
    terms.body = "<p>Our own words, agreed with our lawyer.</p>"
    terms.save_revision(user=editor).publish(user=editor)
    revisions = Revision.objects.count()

    call_command("setup_site")

    terms.refresh_from_db()
    assert terms.body == "<p>Our own words, agreed with our lawyer.</p>"
    assert Revision.objects.count() == revisions


def test_an_editors_unpublished_draft_is_not_overwritten_either(site):
    editor = ModeratorFactory()
    privacy = site["privacy"]
    live_body = privacy.body
    privacy.body = "<p>A draft the editor is still working on.</p>"
    privacy.save_revision(user=editor)

    assert ensure_legal_pages(HomePage.objects.get())["privacy"] == "kept"

    privacy.refresh_from_db()
    assert privacy.body == live_body
    assert privacy.latest_revision.user == editor
    assert privacy.get_latest_revision_as_object().body == "<p>A draft the editor is still working on.</p>"


def test_a_page_edited_outside_the_admin_is_kept(site):
    """No revision, but words neither this module nor site_tree wrote: a person wrote them."""
    guidelines = site["community-guidelines"]
    StandardPage.objects.filter(pk=guidelines.pk).update(body="<p>Edited by hand.</p>")
    assert ensure_legal_pages(HomePage.objects.get())["community-guidelines"] == "kept"
    guidelines.refresh_from_db()
    assert guidelines.body == "<p>Edited by hand.</p>"


def test_each_page_renders_with_its_heading_and_the_review_note_and_the_links_reach_it(site):
    links = render_to_string("includes/legal_links.html")
    client = Client()
    for legal in LEGAL_PAGES:
        response = client.get(f"/{legal.slug}/")
        assert response.status_code == 200, legal.slug
        html = response.content.decode()
        assert f"<h1>{legal.title}</h1>" in html
        assert REVIEW_NOTE in html
        assert f'href="/{legal.slug}/"' in links
