"""Which page types may be created where: the tree the site relies on (Wagtail's own assertions)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from boroughs.models import BoroughIndexPage, BoroughPage, ThreadPage
from gatherings.models import GatheringPage
from home.models import HomePage, StandardPage
from stories.models import MemorialPage, StoryIndexPage, TestimonyPage

# Each page type and the only parents it may have.
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage},
    StoryIndexPage: {HomePage},
    MemorialPage: {StoryIndexPage},
    TestimonyPage: {StoryIndexPage},
    BoroughIndexPage: {HomePage},
    BoroughPage: {BoroughIndexPage},
    ThreadPage: {BoroughPage},
}
PARENTS = [Page, *ALLOWED_PARENTS]


@pytest.mark.django_db
class PageTreeTests(WagtailPageTestCase):
    def test_each_page_type_can_be_created_only_under_its_parents(self):
        for child, parents in ALLOWED_PARENTS.items():
            for parent in PARENTS:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    if parent in parents:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_stories_and_discussions_have_no_children(self):
        for leaf in (MemorialPage, TestimonyPage, ThreadPage, StandardPage):
            self.assertAllowedSubpageTypes(leaf, {})

    def test_the_index_pages_hold_only_their_own_kinds(self):
        self.assertAllowedSubpageTypes(StoryIndexPage, {MemorialPage, TestimonyPage})
        self.assertAllowedSubpageTypes(BoroughIndexPage, {BoroughPage})
        self.assertAllowedSubpageTypes(BoroughPage, {ThreadPage, GatheringPage})
        self.assertAllowedSubpageTypes(HomePage, {StoryIndexPage, BoroughIndexPage, StandardPage})
