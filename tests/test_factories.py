from stories.models import MemorialPage, TestimonyPage

from .factories import FamilyFactory, MemorialPageFactory, ModeratorFactory, TestimonyPageFactory, UserFactory


def test_each_factory_builds_what_it_says(tree):
    resident = UserFactory()
    family = FamilyFactory()
    moderator = ModeratorFactory()
    memorial = MemorialPageFactory(owner=family)
    testimony = TestimonyPageFactory(live=False)

    assert not resident.is_family and not resident.is_moderator
    assert family.is_family
    assert moderator.is_moderator
    assert resident.emailaddress_set.get().verified
    assert MemorialPage.objects.live().get() == memorial
    assert memorial.get_parent().specific == tree.stories
    assert memorial.first_published_at is not None
    assert TestimonyPage.objects.get() == testimony and not testimony.live
