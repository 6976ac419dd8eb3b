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


def test_the_discussion_comment_report_sanction_and_service_factories(tree):
    from boroughs.models import ThreadPage
    from moderation.models import CommentState, Sanction
    from support.models import SupportService

    from .factories import SanctionFactory, SupportServiceFactory, ThreadPageFactory, post_comment, report

    family = FamilyFactory()
    thread = ThreadPageFactory()
    assert ThreadPage.objects.live().get() == thread
    assert thread.get_parent().specific.borough == thread.borough
    memorial = MemorialPageFactory(owner=family)
    # The family whose story it is is trusted there; a new member's first response is held.
    first = post_comment(memorial, family, "Thank you all for being here.")
    assert first.review.state == CommentState.PUBLISHED and first.is_public
    assert first.object_pk == str(memorial.pk) and first.user == family
    newcomer = UserFactory()
    reply = post_comment(memorial, newcomer, "Thinking of you.", parent=first)
    assert reply.parent_id == first.pk and reply.review.state == CommentState.HELD
    record = report(reply, UserFactory(), reason="other", detail="Testing")
    assert record.comment_id == reply.pk and record.detail == "Testing"
    sanction = SanctionFactory()
    assert Sanction.objects.active().filter(user=sanction.user).exists()
    service = SupportServiceFactory(categories=["crisis"], boroughs=["hackney"])
    assert list(service.boroughs.values_list("slug", flat=True)) == ["hackney"]
    assert SupportService.objects.get() == service and service.categories.get().slug == "crisis"


def test_the_borough_page_gathering_and_organisation_factories(tree):
    from gatherings.models import GatheringPage
    from organisations.models import Ask, Membership

    from .factories import borough_page
    from .gatherings.factories import GatheringPageFactory
    from .organisations.factories import AskFactory, OrganisationFactory, StaffFactory

    lambeth = borough_page("lambeth")
    assert lambeth.live and lambeth.borough.slug == "lambeth" and lambeth.get_parent().specific == tree.boroughs
    gathering = GatheringPageFactory(borough=lambeth.borough)
    assert GatheringPage.objects.live().get() == gathering and gathering.get_parent().specific == lambeth
    assert gathering.ends_at > gathering.starts_at and gathering.first_published_at is not None
    families_only = GatheringPageFactory(audience="families", live=False, title="Private words")
    assert "private" not in families_only.slug and not families_only.live
    council = OrganisationFactory(boroughs=["hackney", "lambeth"])
    assert council.is_verified and sorted(council.boroughs.values_list("slug", flat=True)) == ["hackney", "lambeth"]
    lead = StaffFactory(organisation=council, is_lead=True)
    assert Membership.objects.get(organisation=council).user == lead.user and lead.is_lead
    ask = AskFactory()
    assert Ask.objects.get() == ask and ask.thread.live and ask.thread.borough.slug == "lambeth"
