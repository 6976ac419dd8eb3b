"""Factories for the suite (factory_boy + wagtail-factories).

Pages are created under the real page tree that `home.site_tree.build_site_tree`
builds, so URLs, permissions and workflows behave as they do on the site.
"""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from boroughs.models import Borough
from stories.models import MemorialPage, StoryIndexPage, TestimonyPage

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up member with a verified e-mail address (a resident)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile_and_email(self, create, extracted, display_name=None, family=False, **kwargs):
        if not create:
            return
        self.save()
        self.profile.display_name = display_name or f"Member {self.pk}"
        self.profile.is_family = family
        self.profile.save()
        EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})


class FamilyFactory(UserFactory):
    profile_and_email__family = True


class ModeratorFactory(UserFactory):
    @factory.post_generation
    def moderator_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Moderators"))


def borough(slug="southwark"):
    return Borough.objects.get(slug=slug)


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    parent = factory.LazyFunction(lambda: StoryIndexPage.objects.get())
    borough = factory.LazyFunction(borough)
    body = "<p>We remember him every day.</p>"
    owner = factory.SubFactory(FamilyFactory)
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        # wagtail-factories adds the page under `parent`; first_published_at makes
        # a published story look as it would after a moderator approved it.
        instance = model_class(*args, **kwargs)
        parent.add_child(instance=instance)
        if instance.live:
            # Published as a moderator would (no user: the permission check is for people).
            instance.save_revision(user=instance.owner).publish()
        else:
            instance.save_revision(user=instance.owner)
        instance.refresh_from_db()
        return instance


class MemorialPageFactory(StoryPageFactory):
    class Meta:
        model = MemorialPage

    title = factory.Sequence(lambda n: f"Remembered Person {n}")


class TestimonyPageFactory(StoryPageFactory):
    class Meta:
        model = TestimonyPage

    title = factory.Sequence(lambda n: f"A testimony {n}")
