"""Factories for the suite (factory_boy + wagtail-factories).

Pages are created under the real page tree that `home.site_tree.build_site_tree`
builds, so URLs, permissions and workflows behave as they do on the site.
"""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_comments_xtd.models import XtdComment

from accounts.models import TermsAcceptance
from boroughs.models import Borough, BoroughPage, ThreadPage
from moderation.models import Sanction
from stories.models import MemorialPage, StoryIndexPage, TestimonyPage
from support.models import SupportCategory, SupportService

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
        TermsAcceptance.objects.get_or_create(user=self, version=settings.TERMS_VERSION)  # agreed at sign-up


class FamilyFactory(UserFactory):
    profile_and_email__family = True


class ModeratorFactory(UserFactory):
    @factory.post_generation
    def moderator_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Moderators"))


def borough(slug="southwark"):
    return Borough.objects.get(slug=slug)


def borough_page(slug="southwark"):
    """A borough's page. The 33 are built once by the page tree (`home.site_tree`), as on the site,
    never made one by one: each test reads the one it needs."""
    return BoroughPage.objects.get(borough__slug=slug)


class OwnedPageFactory(wagtail_factories.PageFactory):
    """A page its owner wrote: saved as their revision and, when `live`, published as a moderator
    would publish it (no user: the permission check is for people), so first_published_at and
    the revisions look as they do on the site."""

    class Meta:
        abstract = True

    borough = factory.LazyFunction(borough)
    live = True

    @classmethod
    def parent_of(cls, instance):
        raise NotImplementedError

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        instance = model_class(*args, **kwargs)
        (parent or cls.parent_of(instance)).add_child(instance=instance)
        revision = instance.save_revision(user=instance.owner)
        if instance.live:
            revision.publish()
        instance.refresh_from_db()
        return instance


class StoryPageFactory(OwnedPageFactory):
    class Meta:
        abstract = True

    body = "<p>We remember him every day.</p>"
    owner = factory.SubFactory(FamilyFactory)
    # Most tests are about a live story open to responses; a real new story starts premoderated and
    # unlisted (tests/stories/test_safe_defaults.py).
    comment_policy = "open"
    search_engines_allowed = True

    @classmethod
    def parent_of(cls, instance):
        return StoryIndexPage.objects.get()


class MemorialPageFactory(StoryPageFactory):
    class Meta:
        model = MemorialPage

    title = factory.Sequence(lambda n: f"Remembered Person {n}")


class TestimonyPageFactory(StoryPageFactory):
    class Meta:
        model = TestimonyPage

    title = factory.Sequence(lambda n: f"A testimony {n}")


class ThreadPageFactory(OwnedPageFactory):
    """A published discussion under its borough's page, started by a resident."""

    class Meta:
        model = ThreadPage

    title = factory.Sequence(lambda n: f"A discussion {n}")
    body = "Let us talk about what would help."
    owner = factory.SubFactory(UserFactory)

    @classmethod
    def parent_of(cls, instance):
        return BoroughPage.objects.get(borough=instance.borough)


def post_comment(page, author, text="Thinking of you all.", parent=None, **form):
    """A response posted through the real posting path (the form, the moderator, the view) as `author`.

    Returns the saved comment, whatever the moderator decided (published or held); a refusal fails.
    """
    from django.test import Client

    from tests.moderation.helpers import form_data

    client = Client()
    client.force_login(author)
    before = set(XtdComment.norel_objects.filter(object_pk=str(page.pk)).values_list("pk", flat=True))
    response = client.post("/comments/post/", form_data(page, text, reply_to=parent.pk if parent else 0, **form))
    assert response.status_code == 302, f"the response was refused ({response.status_code}): {response.content[:300]}"
    (pk,) = set(XtdComment.norel_objects.filter(object_pk=str(page.pk)).values_list("pk", flat=True)) - before
    return XtdComment.objects.select_related("review").get(pk=pk)


def report(comment, reporter, reason="other", detail=""):
    """A member's report of a response, recorded as the report form records it."""
    from moderation import actions

    actions.flag(comment, user=reporter, reason=reason, detail=detail)
    return comment.flag_reports.get(user=reporter)


class SanctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sanction

    user = factory.SubFactory(UserFactory)
    kind = "suspend"
    reason = "Repeated unkind responses after a warning."


class SupportServiceFactory(factory.django.DjangoModelFactory):
    """A service in the support directory; `categories` and `boroughs` take slugs (none: all of London)."""

    class Meta:
        model = SupportService
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fictional support service {n}")
    summary = "Listening and practical help for bereaved families."
    phone = "0800 000 0000"

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            self.categories.set(SupportCategory.objects.filter(slug__in=extracted or ["bereavement"]))

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create and extracted:
            self.boroughs.set(Borough.objects.filter(slug__in=extracted))
