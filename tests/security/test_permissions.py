"""Who may change what: one table of roles × state-changing URLs, checked cell by cell.

Each row of ACTIONS says how to call one state-changing URL, how to read the state it changes
and, per role, what must happen. A refused call must leave that state exactly as it was;
an allowed one must change it. The comments engineer adds rows for comment, reply, flag,
candle, follow, sanction and data export/delete URLs; nothing else needs to change.

Outcomes: OK (allowed, state changes), LOGIN (sent to sign in), ADMIN_LOGIN (sent to the
admin's sign-in), or a status code (403, 404, 405) with the state unchanged.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import ModelLogEntry, Page, Revision, WorkflowState

from accounts.deletion import DATA_EXPORTED
from accounts.models import Profile, TermsAcceptance, User
from boroughs.models import Borough, BoroughPage, ThreadPage
from core.workflow import submit_for_review
from moderation.actions import ask_to_hide
from moderation.models import (
    CommentFlagReport,
    CommentReview,
    CommentState,
    ModerationSettings,
    RejectionReason,
    Sanction,
)
from notifications.models import Follow
from stories.models import Candle, StoryPage
from tests.factories import (
    PASSWORD,
    FamilyFactory,
    MemorialPageFactory,
    ModeratorFactory,
    TestimonyPageFactory,
    ThreadPageFactory,
    UserFactory,
)
from tests.moderation.helpers import form_data as comment_form_data
from tests.moderation.helpers import make_comment
from tests.permission_matrix import ADMIN_LOGIN, LOGIN, OK, Action, check_action

ROLES = ["visitor", "resident", "other_resident", "family_owner", "other_family", "suspended", "moderator"]


@dataclass
class World:
    """Everyone, and the things they act on, made once per test."""

    users: dict
    draft: StoryPage  # the family owner's draft
    in_review: StoryPage  # the family owner's story waiting for a moderator
    borough: Borough
    live_story: StoryPage = None  # the family owner's published testimony
    comment: object = None  # a published comment on it, by the other resident
    memorial: StoryPage = None  # a published memorial, for candles
    thread: ThreadPage = None  # the resident's published discussion
    held: object = None  # a comment by the other resident, waiting in the moderation queue
    family_hidden: object = None  # a comment by the other resident the family owner asked to hide

    def client(self, role, **kwargs):
        client = Client(**kwargs)
        if self.users.get(role):
            client.force_login(self.users[role])
        return client


def _story_data(world, **extra):
    return {"title": "A title", "borough": world.borough.pk, "body": "Words.", "comment_policy": "open", **extra}


def _memorial_data(world):
    return {"person_name": "Sam", "borough": world.borough.pk, "body": "Words.", "comment_policy": "open"}


def _task_action(action):
    def url(world):
        task_state = world.in_review.current_workflow_state.current_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=[world.in_review.pk, action, task_state.pk])

    return url


def _workflow_status(world, role):
    return list(WorkflowState.objects.filter(base_content_type__isnull=False).values_list("pk", "status"))


def _revisions(world, role):
    return Revision.objects.count()


def _stories(world, role):
    return list(StoryPage.objects.values_list("pk", "live", "withdrawn_at", "latest_revision_id"))


def _family_request(world, role):
    return list(Profile.objects.values_list("pk", "family_role_requested_at", "is_family"))


def _follows(world, role):
    return list(Follow.objects.values_list("pk", "user_id", "borough_id"))


def _comments(world, role):
    return list(XtdComment.objects.values_list("pk", "is_public", "is_removed"))


def _reports(world, role):
    return list(CommentFlagReport.objects.values_list("pk", "user_id"))


def _reviews(world, role):
    return list(CommentReview.objects.values_list("pk", "state"))


def _policies(world, role):
    return list(StoryPage.objects.values_list("pk", "comment_policy"))


def _candles(world, role):
    return list(Candle.objects.values_list("pk", "user_id"))


def _threads(world, role):
    return list(ThreadPage.objects.values_list("pk", "live"))


def _sanctions(world, role):
    return list(Sanction.objects.values_list("pk", "user_id", "kind"))


def _data_downloads(world, role):
    return list(ModelLogEntry.objects.filter(action=DATA_EXPORTED).values_list("pk", "user_id"))


def _rejection_reasons(world, role):
    return list(RejectionReason.objects.values_list("pk", "title", "text", "is_active"))


def _inbox_task_action(action):
    def url(world):
        task_state = world.in_review.current_workflow_state.current_task_state
        return reverse("moderation_inbox_workflow_action", args=[world.in_review.pk, action, task_state.pk])

    return url


def _first_reason():
    return RejectionReason.objects.order_by("pk").first()


def _accounts(world, role):
    return list(User.objects.values_list("pk", "email", "is_active"))


def _terms_agreements(world, role):
    return list(TermsAcceptance.objects.values_list("pk", "user_id", "version"))


def _pages(world, role):
    return list(Page.objects.values_list("pk", "path", "title", "live", "locked"))


SIGNED_IN_OK = {role: OK for role in ROLES if role not in ("visitor", "suspended")}


REFUSED_TO_NON_FAMILY = {"resident": 403, "other_resident": 403, "moderator": 403}
SIGNED_OUT = {"visitor": LOGIN, "suspended": LOGIN}
ADMIN_ONLY = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": OK}
# Administrators only: a moderator reaches the admin but is refused (home/site_tree.py).
NOT_FOR_MODERATORS = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": 302}

ACTIONS = [
    Action(
        "share a memorial",
        url=lambda w: reverse("share_memorial"),
        data=_memorial_data,
        state=_stories,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": OK},
    ),
    Action(
        "share a testimony",
        url=lambda w: reverse("share_testimony"),
        data=_story_data,
        state=_stories,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": OK},
    ),
    Action(
        "edit a story",
        url=lambda w: reverse("edit_story", args=[w.draft.pk]),
        data=lambda w: _story_data(w, action="draft"),
        state=_revisions,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": 404},
    ),
    Action(
        "submit a story for review",
        url=lambda w: reverse("edit_story", args=[w.draft.pk]),
        data=lambda w: _story_data(w, action="submit"),
        state=_workflow_status,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": 404},
    ),
    Action(
        "send a story to the moderators from its preview",
        url=lambda w: reverse("submit_story", args=[w.draft.pk]),
        state=_workflow_status,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": 404},
    ),
    Action(
        "withdraw a story",
        url=lambda w: reverse("withdraw_story", args=[w.draft.pk]),
        state=_stories,
        expected={**SIGNED_OUT, **REFUSED_TO_NON_FAMILY, "family_owner": OK, "other_family": 404},
    ),
    Action(
        "ask for the family role",
        url=lambda w: reverse("request_family_role"),
        data=lambda w: {"message": "I am his sister."},
        state=_family_request,
        expected=dict.fromkeys(ROLES, OK) | SIGNED_OUT,
    ),
    Action(
        "approve a story (workflow task)",
        url=_task_action("approve"),
        state=_workflow_status,
        expected=ADMIN_ONLY,
    ),
    Action(
        "request changes to a story (workflow task)",
        url=_task_action("reject"),
        data=lambda w: {"comment": "Please shorten the title."},
        state=_workflow_status,
        expected=ADMIN_ONLY,
    ),
    Action(
        "grant the family role (Members)",
        url=lambda w: f"/admin/members/edit/{w.users['resident'].profile.pk}/",
        data=lambda w: {"is_family": "on"},
        state=_family_request,
        expected=ADMIN_ONLY,
    ),
    Action(
        "post a comment",
        url=lambda w: reverse("comments-post-comment"),
        data=lambda w: comment_form_data(w.live_story, text="Thinking of you all."),
        state=_comments,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    Action(
        "reply to a comment",
        url=lambda w: reverse("comments-post-comment"),
        data=lambda w: comment_form_data(w.live_story, text="Me too.", reply_to=w.comment.pk),
        state=_comments,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    Action(
        "report a comment",
        url=lambda w: reverse("comment_flag", args=[w.comment.pk]),
        data=lambda w: {"reason": "harassment", "detail": ""},
        state=_reports,
        # The comment's own author is sent back with a note rather than reporting themselves.
        expected={**SIGNED_OUT, **SIGNED_IN_OK, "other_resident": 302},
    ),
    Action(
        "ask to hide a comment on my story",
        url=lambda w: reverse("comment_ask_to_hide", args=[w.comment.pk]),
        state=_reviews,
        expected={**SIGNED_OUT, **dict.fromkeys(SIGNED_IN_OK, 403), "family_owner": OK},
    ),
    Action(
        "undo asking to hide a comment on my story",
        url=lambda w: reverse("comment_undo_ask_to_hide", args=[w.family_hidden.pk]),
        state=_reviews,
        expected={**SIGNED_OUT, **dict.fromkeys(SIGNED_IN_OK, 403), "family_owner": OK},
    ),
    Action(
        "hide a comment (moderator on the page)",
        url=lambda w: reverse("comment_moderator_hide", args=[w.comment.pk]),
        state=_reviews,
        expected={**SIGNED_OUT, **dict.fromkeys(SIGNED_IN_OK, 403), "moderator": OK},
    ),
    Action(
        "set a story's comment policy",
        url=lambda w: reverse("comment_policy", args=[w.live_story.pk]),
        data=lambda w: {"comment_policy": "closed"},
        state=_policies,
        expected={**SIGNED_OUT, **dict.fromkeys(SIGNED_IN_OK, 404), "family_owner": OK},
    ),
    Action(
        "light a candle",
        url=lambda w: reverse("light_candle", args=[w.memorial.pk]),
        state=_candles,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    Action(
        "start a discussion",
        url=lambda w: reverse("start_thread", args=[w.borough.slug]),
        data=lambda w: {"title": "Safer streets", "body": "Which routes feel safe after dark?"},
        state=_threads,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    Action(
        "approve a held comment (moderation queue)",
        url=lambda w: reverse("moderation_bulk"),
        data=lambda w: {"approve_one": w.held.review.pk},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "reject a held comment (moderation queue)",
        url=lambda w: reverse("moderation_reject", args=[w.held.review.pk]),
        data=lambda w: {"reason": "It names someone."},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "sanction a member (moderation queue)",
        url=lambda w: reverse("moderation_sanction", args=[w.users["other_resident"].pk]),
        data=lambda w: {"kind": "warn", "reason": "Please be gentle."},
        state=_sanctions,
        expected=ADMIN_ONLY,
    ),
    # The moderator inbox (moderation/inbox_views.py, the inbox's buttons in moderation/admin_views.py).
    Action(
        "approve a story (inbox)",
        url=_inbox_task_action("approve"),
        state=_workflow_status,
        expected=ADMIN_ONLY,
    ),
    Action(
        "send back a story (inbox)",
        url=_inbox_task_action("reject"),
        data=lambda w: {"comment": "Please shorten the title."},
        state=_workflow_status,
        expected=ADMIN_ONLY,
    ),
    Action(
        "reject a held comment with a ready-made reason in one click (inbox)",
        url=lambda w: reverse("moderation_bulk"),
        data=lambda w: {"reject_one": w.held.review.pk, f"reason_for_{w.held.review.pk}": _first_reason().pk},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "reject ticked responses with a ready-made reason (inbox)",
        url=lambda w: reverse("moderation_bulk"),
        data=lambda w: {"selected": [w.held.review.pk], "action": "reject", "bulk-choice": _first_reason().pk},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "reject a held comment with a chosen reason (inbox's reject page)",
        url=lambda w: reverse("moderation_reject", args=[w.held.review.pk]),
        data=lambda w: {"choice": _first_reason().pk},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "hold a held comment for care (inbox)",
        url=lambda w: reverse("moderation_bulk"),
        data=lambda w: {"care_one": w.held.review.pk},
        state=_reviews,
        expected=ADMIN_ONLY,
    ),
    Action(
        "add a rejection reason",
        url=lambda w: reverse("rejection_reasons:add"),
        data=lambda w: {"title": "Too much detail", "text": "It says too much.", "is_active": "on", "sort_order": 1},
        state=_rejection_reasons,
        expected=ADMIN_ONLY,
    ),
    Action(
        "change a rejection reason",
        url=lambda w: reverse("rejection_reasons:edit", args=[_first_reason().pk]),
        data=lambda w: {"title": "Changed", "text": "Changed words.", "is_active": "on", "sort_order": 1},
        state=_rejection_reasons,
        expected=ADMIN_ONLY,
    ),
    Action(
        "delete a rejection reason",
        url=lambda w: reverse("rejection_reasons:delete", args=[_first_reason().pk]),
        state=_rejection_reasons,
        expected=ADMIN_ONLY,
    ),
    # xtd's own views are not mounted, so nothing reaches comments around the moderator.
    Action(
        "like a comment (xtd, not mounted)",
        url=lambda w: f"/comments/like/{w.comment.pk}/",
        state=_comments,
        expected=dict.fromkeys(ROLES, 404),
    ),
    Action(
        "post through xtd's REST API (not mounted)",
        url=lambda w: "/comments/api/comment/",
        data=lambda w: comment_form_data(w.live_story, text="Around the moderator?"),
        state=_comments,
        expected=dict.fromkeys(ROLES, 404),
    ),
    Action(
        "change my discussion",
        url=lambda w: reverse("edit_thread", args=[w.thread.pk]),
        data=lambda w: {"title": "Safer streets", "body": "Which routes feel safest?"},
        state=_revisions,
        expected={**SIGNED_OUT, **dict.fromkeys(SIGNED_IN_OK, 404), "resident": OK},
    ),
    # A member only ever acts on their own data: neither URL takes anything that names someone else.
    Action(
        "download my data",
        url=lambda w: reverse("my_data"),
        state=_data_downloads,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    Action(
        "delete my account",
        url=lambda w: reverse("delete_account"),
        data=lambda w: {"password": PASSWORD},
        state=_accounts,
        expected={**SIGNED_OUT, **SIGNED_IN_OK},
    ),
    # What moderators may not do to a family's memorial (administrators can: tests/security/test_second_factor.py).
    Action(
        "delete a family's memorial (Wagtail admin)",
        url=lambda w: reverse("wagtailadmin_pages:delete", args=[w.memorial.pk]),
        state=_pages,
        expected=NOT_FOR_MODERATORS,
    ),
    Action(
        "move a family's memorial (Wagtail admin)",
        url=lambda w: reverse("wagtailadmin_pages:move_confirm", args=[w.memorial.pk, w.memorial.get_parent().pk]),
        state=_pages,
        expected=NOT_FOR_MODERATORS,
    ),
    Action(
        "copy a family's memorial (Wagtail admin)",
        url=lambda w: reverse("wagtailadmin_pages:copy", args=[w.memorial.pk]),
        data=lambda w: {"new_title": "Copied", "new_slug": "copied", "new_parent_page": w.memorial.get_parent().pk},
        state=_pages,
        expected=NOT_FOR_MODERATORS,
    ),
    Action(
        "take down a family's memorial with a reason (moderation/takedown.py)",
        url=lambda w: reverse("moderation_take_down", args=[w.memorial.pk]),
        data=lambda w: {"reason": "It names a witness."},
        state=_pages,
        expected=ADMIN_ONLY,
    ),
    Action(
        "lock a family's memorial (Wagtail admin)",
        url=lambda w: reverse("wagtailadmin_pages:lock", args=[w.memorial.pk]),
        state=_pages,
        expected=NOT_FOR_MODERATORS,
    ),
    Action(
        "follow a borough",
        url=lambda w: reverse("follow"),
        data=lambda w: {"borough": w.borough.slug},
        state=_follows,
        expected=dict.fromkeys(ROLES, OK) | SIGNED_OUT,
    ),
    Action(
        "agree to the terms of service again (/me/terms/)",
        url=lambda w: reverse("terms_again"),
        data=lambda w: {"agree_to_terms": "on", "next": "/"},
        state=_terms_agreements,
        expected=dict.fromkeys(ROLES, OK) | SIGNED_OUT,
    ),
]


def _published_thread(owner):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(
        title="Safer streets", slug="safer-streets", body="Opening", owner=owner, borough=lambeth.borough
    )
    return thread


@pytest.fixture
def world(tree):
    users = {
        "visitor": None,
        "resident": UserFactory(),
        "other_resident": UserFactory(),
        "family_owner": FamilyFactory(),
        "other_family": FamilyFactory(),
        "suspended": FamilyFactory(),
        "moderator": ModeratorFactory(),
    }
    draft = TestimonyPageFactory(owner=users["family_owner"], live=False, title="Draft")
    in_review = TestimonyPageFactory(owner=users["family_owner"], live=False, title="In review")
    submit_for_review(in_review, users["family_owner"])
    live_story = TestimonyPageFactory(owner=users["family_owner"], title="Published")
    world = World(
        users=users,
        draft=draft,
        in_review=in_review,
        borough=Borough.objects.get(slug="lambeth"),
        live_story=live_story,
        comment=make_comment(live_story, users["other_resident"], "A kind word."),
        memorial=MemorialPageFactory(owner=users["family_owner"], title="Remembered"),
        thread=_published_thread(users["resident"]),
        held=make_comment(live_story, users["other_resident"], "Waiting.", state=CommentState.HELD),
        family_hidden=make_comment(live_story, users["other_resident"], "Hidden at the family's request."),
    )
    ask_to_hide(CommentReview.objects.get(comment=world.family_hidden), by=users["family_owner"])
    # Reports from every role must count one by one, without the third hiding the comment.
    settings = ModerationSettings.load()
    settings.flags_to_hide = 10
    settings.save()
    return world


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix(world, action):
    """One row of the matrix: GET changes nothing, POST without a CSRF token changes nothing,
    and each role's POST gets its expected outcome (the database unchanged when refused)."""
    check_action(world, ROLES, action)


def test_the_matrix_covers_every_role_and_catches_a_wrong_expectation(world):
    """The table itself: a deliberately wrong row (other family may edit the owner's story) fails."""
    wrong_row = next(a for a in ACTIONS if a.name == "edit a story")
    wrong_row = Action(
        wrong_row.name, wrong_row.url, wrong_row.state, {**wrong_row.expected, "other_family": OK}, wrong_row.data
    )
    with pytest.raises(AssertionError, match="other_family: expected ok, got 404"):
        test_permission_matrix(world, wrong_row)
