"""Every power a moderator or admin has needs the second factor where production requires it.

With `WAGTAILADMIN_REQUIRE_MFA` on (production), a member signed in with only a password holds no
permission at all, wherever the view lives (core/security.py, accounts/models.py): the public
site's moderator controls refuse them, held comments are not shown to them in place, and their
responses are screened like anyone's. Once the session has passed the second factor they can.

The whole permission matrix (tests/security/test_permissions.py) is run again here with two more
roles: a moderator who signed in with a password only, and one who also passed the second factor.
"""

from types import SimpleNamespace

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from care.models import LegalHold
from moderation.models import CommentReview, CommentState
from tests.factories import ModeratorFactory, UserFactory
from tests.moderation.helpers import make_comment, post
from tests.permission_matrix import ADMIN_LOGIN, OK, outcome, signed_in_clients

from .test_permissions import ACTIONS, ROLES, world  # noqa: F401 - world is a fixture

SECOND_FACTOR = "second-factor"  # sent to set up (or confirm) the second factor first
PASSWORD_ONLY, BOTH_FACTORS = "moderator, password only", "moderator, both factors"


@pytest.fixture
def require_mfa(settings):
    settings.WAGTAILADMIN_REQUIRE_MFA = True


def pass_second_factor(client, user):
    """What allauth records in the session when someone enters an authenticator code."""
    session = client.session
    record_authentication(SimpleNamespace(session=session), user, "mfa", type="totp")
    session.save()
    return client


def signed_in(user, *, second_factor):
    client = Client()
    client.force_login(user)
    return pass_second_factor(client, user) if second_factor else client


def _expected(action, role):
    """What the matrix says the moderator gets, except without the second factor: every admin URL
    sends them to it first, and a power only a moderator has is refused as it is to a resident."""
    moderator, resident = action.expected["moderator"], action.expected["resident"]
    if role == BOTH_FACTORS:
        return moderator
    if resident == ADMIN_LOGIN:
        return SECOND_FACTOR
    if moderator == OK and resident != OK:
        return resident
    return moderator


def _outcome_of(response, changed):
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/2fa/"):
        return SECOND_FACTOR
    return outcome(response, changed)


@pytest.mark.parametrize("role", [PASSWORD_ONLY, BOTH_FACTORS])
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix_for_a_moderator_with_and_without_the_second_factor(require_mfa, world, action, role):  # noqa: F811
    signed_in_clients(world, ROLES)  # as the matrix: the suspended member's session stops working
    moderator = world.users["moderator"]
    client = signed_in(moderator, second_factor=role == BOTH_FACTORS)
    want = _expected(action, role)
    before = action.state(world, "moderator")
    response = client.post(action.url(world), action.data(world))
    after = action.state(world, "moderator")
    got = _outcome_of(response, before != after)
    assert got == want, f"{action.name}, {role}: expected {want}, got {got} ({response.status_code})"
    if want != OK:
        assert before == after, f"{action.name}, {role}: refused, but the database changed"


def test_the_matrix_asks_the_second_factor_for_every_moderator_only_power():
    """The rows this file turns round: the public hide and every admin action."""
    refused = {a.name for a in ACTIONS if _expected(a, PASSWORD_ONLY) != _expected(a, BOTH_FACTORS)}
    assert {
        "hide a comment (moderator on the page)",
        "approve a story (workflow task)",
        "approve a held comment (moderation queue)",
        "reject a held comment (moderation queue)",
        "sanction a member (moderation queue)",
        "grant the family role (Members)",
    } <= refused


@pytest.fixture
def story(family):
    from tests.factories import MemorialPageFactory

    return MemorialPageFactory(owner=family, title="Jordan")


@pytest.fixture
def admin(tree):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_without_the_second_factor_nobody_hides_a_comment_from_the_page(
    require_mfa, story, resident, moderator, admin, who
):
    user = {"moderator": moderator, "admin": admin}[who]
    comment = make_comment(story, resident, "A kind word.")
    response = signed_in(user, second_factor=False).post(reverse("comment_moderator_hide", args=[comment.pk]))
    assert response.status_code == 403
    assert CommentReview.objects.get(comment=comment).state == CommentState.PUBLISHED

    signed_in(user, second_factor=True).post(reverse("comment_moderator_hide", args=[comment.pk]))
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_without_the_second_factor_held_comments_are_not_shown_in_place(
    require_mfa, story, resident, moderator, admin, who
):
    user = {"moderator": moderator, "admin": admin}[who]
    make_comment(story, resident, "Waiting words", state=CommentState.HELD)
    assert "Waiting words" not in signed_in(user, second_factor=False).get(story.url).content.decode()
    assert "Waiting words" in signed_in(user, second_factor=True).get(story.url).content.decode()


def test_without_the_second_factor_a_moderators_response_is_screened_like_anyones(require_mfa, story, moderator):
    post(signed_in(moderator, second_factor=False), story, "Call me on 07700 900123")
    held = XtdComment.objects.get()
    assert held.is_public is False
    assert {reason["code"] for reason in held.review.reasons} >= {"phone", "new_author"}

    post(signed_in(moderator, second_factor=True), story, "Call me on 07700 900124")
    assert XtdComment.objects.latest("pk").is_public is True


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_without_the_second_factor_nobody_sets_a_legal_hold(require_mfa, story, moderator, admin, who):
    user = {"moderator": moderator, "admin": admin}[who]
    url = reverse("legal_hold", kwargs={"page_pk": story.pk})
    response = signed_in(user, second_factor=False).post(url, {"stage": "trial", "reason": "Trial", "note": "Trial"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
    assert not LegalHold.objects.exists()

    signed_in(user, second_factor=True).post(url, {"stage": "trial", "reason": "Trial", "note": "Trial"})
    assert LegalHold.objects.active().filter(page=story).exists()


def test_the_rule_holds_for_every_copy_of_the_member_and_only_while_they_act(require_mfa, story, moderator):
    """Fresh copies of the acting member (a comment's `user`) count; outside a request nobody acts."""
    from core import security

    client = signed_in(moderator, second_factor=False)
    seen = {}

    def spy(request):
        fresh = type(moderator).objects.get(pk=moderator.pk)
        other = ModeratorFactory()
        seen.update(
            acting=request.user.has_perm("django_comments.can_moderate"),
            acting_is_moderator=request.user.is_moderator,
            fresh_copy=fresh.has_perm("django_comments.can_moderate"),
            everything=fresh.get_all_permissions(),
            someone_else=other.has_perm("django_comments.can_moderate"),
        )
        from django.http import HttpResponse

        return HttpResponse("ok")

    middleware = security.AdminTwoFactorMiddleware(spy)
    request = client.get("/").wsgi_request  # a real request of this session (its user and session)
    middleware(request)
    assert seen == {
        "acting": False,
        "acting_is_moderator": False,
        "fresh_copy": False,
        "everything": set(),
        "someone_else": True,
    }
    # Outside a request (a management command, the task worker) permissions are as stored.
    assert type(moderator).objects.get(pk=moderator.pk).has_perm("django_comments.can_moderate")


def test_without_the_requirement_a_password_is_enough(story, resident, moderator):
    """Development and the test suite: the rule only applies where the second factor is required."""
    comment = make_comment(story, resident, "A kind word.")
    signed_in(moderator, second_factor=False).post(reverse("comment_moderator_hide", args=[comment.pk]))
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN


def test_a_moderator_group_member_is_asked_for_the_second_factor_in_the_admin(require_mfa, moderator):
    response = signed_in(moderator, second_factor=False).get("/admin/")
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2F"
    assert signed_in(moderator, second_factor=True).get("/admin/").status_code == 200


def test_anyone_with_any_staff_permission_is_asked_for_it_in_the_admin(require_mfa, tree):
    """Not only the Moderators group: a member given `can_moderate` some other way is asked too."""
    from django.contrib.auth.models import Permission

    member = UserFactory()
    group = Group.objects.create(name="Helpers")
    group.permissions.add(Permission.objects.get(codename="can_moderate", content_type__app_label="django_comments"))
    member.groups.add(group)
    response = signed_in(member, second_factor=False).get("/admin/comment-moderation/")
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_a_page_kept_for_the_moderators_group_asks_for_the_second_factor(require_mfa, story, moderator, admin):
    """Wagtail lets a page's groups (and superusers) past such a restriction by itself (core/wagtail_hooks.py)."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Moderators"))
    for user in (moderator, admin):
        response = signed_in(user, second_factor=False).get(story.url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
        assert signed_in(user, second_factor=True).get(story.url).status_code == 200
