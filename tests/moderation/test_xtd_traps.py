"""Each "known trap" of django-comments-xtd 2.10 with Wagtail 8 (DESIGN.md), pinned by a test."""

import re

import django_comments.moderation
import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.test import Client
from django_comments.moderation import AlreadyModerated
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import XtdComment
from django_comments_xtd.moderation import moderator as xtd_moderator
from wagtail.models import Page

from boroughs.models import ThreadPage
from moderation import actions
from moderation.models import CommentReview, CommentState
from moderation.moderator import ForumCommentModerator
from notifications.models import Follow
from stories.models import MemorialPage, TestimonyPage

from .helpers import form_data, make_comment, post, trust


def test_moderator_is_registered_on_xtds_moderator_for_every_commentable_page_type():
    """Told through the moderators' public register(): xtd's refuses a second registration, while
    django_comments' (never consulted by xtd) takes one, so nothing of ours lives there."""
    for model in (MemorialPage, TestimonyPage, ThreadPage):
        with pytest.raises(AlreadyModerated):
            xtd_moderator.register(model, ForumCommentModerator)
        django_comments.moderation.moderator.register(model, ForumCommentModerator)
        django_comments.moderation.moderator.unregister(model)


def test_xtds_own_signal_pipeline_gets_the_same_decisions(story, resident):
    """Anything routed through xtd's comment_will_be_posted signal meets the same rules."""
    from django.contrib.contenttypes.models import ContentType
    from django.test import RequestFactory
    from django_comments.signals import comment_will_be_posted
    from django_comments_xtd.models import TmpXtdComment

    story.live = False
    story.save()
    tmp = TmpXtdComment()
    tmp.update(
        content_type=ContentType.objects.get_for_model(story),
        object_pk=str(story.pk),
        content_object=story,
        user=resident,
        comment="hello",
        is_public=True,
    )
    responses = comment_will_be_posted.send(sender=TmpXtdComment, comment=tmp, request=RequestFactory().get("/"))
    assert False in [response for _, response in responses]


def test_approving_a_parent_never_publishes_its_held_replies(story, resident, other_resident, moderator):
    parent = make_comment(story, resident, "Parent", state=CommentState.HELD)
    reply = make_comment(story, other_resident, "Held reply", state=CommentState.HELD, parent=parent)
    actions.approve(CommentReview.objects.get(comment=parent), by=moderator)
    parent.refresh_from_db()
    reply.refresh_from_db()
    assert parent.is_public is True
    assert reply.is_public is False
    assert CommentReview.objects.get(comment=reply).state == CommentState.HELD


def test_saving_a_comment_directly_leaves_its_replies_alone(story, resident, other_resident):
    """xtd's pre_save handler (publish_or_unpublish_on_pre_save) is disconnected."""
    parent = make_comment(story, resident, "Parent", state=CommentState.HELD)
    reply = make_comment(story, other_resident, "Held reply", state=CommentState.HELD, parent=parent)
    parent.is_public = True
    parent.save()
    reply.refresh_from_db()
    assert reply.is_public is False


def test_no_follow_up_mail_for_a_held_comment_but_one_when_it_is_approved(
    story, resident, other_resident, resident_client, moderator
):
    Follow.objects.create(user=other_resident, page=story)
    mail.outbox.clear()
    post(resident_client, story, "New here")  # untrusted: held
    assert mail.outbox == []
    actions.approve(CommentReview.objects.get(), by=moderator)
    assert [m.to for m in mail.outbox] == [[other_resident.email]]
    assert "New here" in mail.outbox[0].body


def test_comments_are_refused_on_unpublished_pages(story, resident_client):
    story.unpublish()
    response = post(resident_client, story, "Too early")
    assert response.status_code == 403
    assert not XtdComment.objects.exists()


def test_form_built_for_a_plain_page_is_refused_not_posted_unmoderated(story, resident_client):
    """A form for `Page` (not `page.specific`) has content type wagtailcore.page, which skips the moderator."""
    plain = Page.objects.get(pk=story.pk)
    response = resident_client.post("/comments/post/", form_data(plain, "Sneaky"))
    assert response.status_code == 400
    assert not XtdComment.objects.exists()


def test_the_page_renders_its_form_for_the_specific_page(story, resident_client):
    html = resident_client.get(story.url).content.decode()
    assert 'name="content_type" value="stories.memorialpage"' in html


def test_site_domain_is_set_and_redirects_use_the_page_path_not_get_absolute_url(story, resident_client, settings):
    assert Site.objects.get_current().domain == settings.SITE_DOMAIN
    response = post(resident_client, story)
    assert response["Location"] == f"{story.url}#c{XtdComment.objects.get().pk}"


def test_crafted_reply_to_beyond_the_maximum_depth_is_a_clear_400_not_a_500(story, resident, resident_client):
    trust(resident, story)
    top = make_comment(story, resident, "level 0")
    middle = make_comment(story, resident, "level 1", parent=top)
    deepest = make_comment(story, resident, "level 2", parent=middle)
    assert deepest.level == 2
    response = post(resident_client, story, "level 3, please keep", reply_to=deepest.pk)
    assert response.status_code == 400
    html = response.content.decode()
    assert "three levels deep" in html
    assert "level 3, please keep</textarea>" in html
    assert not XtdComment.objects.filter(comment__startswith="level 3").exists()


def test_reply_at_the_deepest_allowed_level_is_accepted(story, resident, resident_client):
    trust(resident, story)
    top = make_comment(story, resident, "level 0")
    middle = make_comment(story, resident, "level 1", parent=top)
    post(resident_client, story, "level 2 reply", reply_to=middle.pk)
    assert XtdComment.objects.get(comment="level 2 reply").level == 2


def test_reply_to_held_comment_is_refused(story, resident, other_resident, resident_client):
    held = make_comment(story, other_resident, "Held parent", state=CommentState.HELD)
    response = post(resident_client, story, "My reply", reply_to=held.pk)
    assert response.status_code == 400
    assert "not available" in response.content.decode()
    assert not XtdComment.objects.filter(comment="My reply").exists()


def test_reply_to_a_comment_on_another_page_is_refused(story, family, resident, resident_client):
    from tests.factories import TestimonyPageFactory

    elsewhere = make_comment(TestimonyPageFactory(owner=family), resident, "Elsewhere")
    response = post(resident_client, story, "Cross-page reply", reply_to=elsewhere.pk)
    assert response.status_code == 400


def test_moderators_see_moderation_controls_and_residents_do_not(story, resident, moderator, moderator_client):
    make_comment(story, resident, "Some words")
    assert moderator.has_perm("django_comments.can_moderate")
    assert "Hide pending review" in moderator_client.get(story.url).content.decode()
    other = Client()
    other.force_login(resident)
    assert "Hide pending review" not in other.get(story.url).content.decode()


def test_page_uses_our_templates_no_gravatar_no_dislike_no_react_bundle(story, resident, other_resident):
    make_comment(story, resident, "Some words")
    client = Client()
    client.force_login(other_resident)
    html = client.get(story.url).content.decode().lower()
    assert "gravatar" not in html
    assert "dislike" not in html
    assert "django_comments_xtd/js" not in html and "react" not in html
    # The report control is a real, labelled link (to the report page), not xtd's icon-only flag.
    assert re.search(
        r'<a href="/comments/\d+/report/\?next=[^"]+">report<span class="visually-hidden"> the response by resident rita</span> to a moderator</a>',
        html,
    )


def test_xtd_reads_threaded_emails_off(settings):
    assert xtd_settings.COMMENTS_XTD_THREADED_EMAILS is False


@pytest.mark.parametrize(
    "url",
    [
        "/comments/api/comment/",
        "/comments/api/feedback/",
        "/comments/api/flag/",
        "/comments/like/1/",
        "/comments/dislike/1/",
        "/comments/reply/1/",
        "/comments/mute/abc/",
        "/comments/flag/1/",
    ],
)
def test_xtds_rest_api_and_extra_views_are_not_reachable(story, resident, resident_client, url):
    make_comment(story, resident)
    assert resident_client.get(url).status_code == 404
    assert resident_client.post(url, {"comment": "x"}).status_code in (403, 404)
