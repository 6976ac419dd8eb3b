"""People and things in the circle, for the tests."""

from boroughs.models import Borough
from circle.models import Discussion, FamilyListing, LossKind, PeerSupporter, Reply, Status, TalkRequest
from tests.factories import FamilyFactory, ModeratorFactory, SanctionFactory, UserFactory

SECRET_TITLE = "Zanzibar evenings after the inquest"  # words nobody outside the circle may ever see
SECRET_BODY = "Quillwort is what we planted for him."


def peer_supporter(**kwargs):
    user = UserFactory(**kwargs)
    PeerSupporter.objects.create(user=user, note="Trained in the spring")
    return type(user).objects.get(pk=user.pk)


def suspended_family():
    user = FamilyFactory()
    SanctionFactory(user=user, kind="suspend")
    return user


def people():
    return {
        "visitor": None,
        "resident": UserFactory(),
        "family": FamilyFactory(profile_and_email__display_name="Family Fola"),
        "other_family": FamilyFactory(profile_and_email__display_name="Family Frank"),
        "peer_supporter": peer_supporter(profile_and_email__display_name="Peer Pat"),
        "moderator": ModeratorFactory(),
        "suspended": suspended_family(),
    }


def discussion(author, *, title=SECRET_TITLE, body=SECRET_BODY, status=Status.PUBLISHED):
    return Discussion.objects.create(author=author, title=title, body=body, status=status)


def reply(discussion, author, body="We are thinking of you.", status=Status.PUBLISHED):
    return Reply.objects.create(discussion=discussion, author=author, body=body, status=status)


def listing(user, *, borough="southwark", loss=LossKind.KNIFE, findable=True):
    return FamilyListing.objects.create(
        user=user, findable=findable, borough=Borough.objects.get(slug=borough), loss=loss
    )


def talk_request(sender, recipient, *, status=TalkRequest.WAITING, route="direct"):
    return TalkRequest.objects.create(
        sender=sender,
        recipient=recipient,
        message="Would you like to talk?",
        route=route,
        status=status,
        sender_contact="sender-contact@example.org",
    )


def circle_world(family, other):
    """One of each thing a moderator decides in the circle (tests/admin_pages/test_admin_titles.py)."""
    published = discussion(family, title="Published")
    return {
        "discussion_id": discussion(family, title="Waiting", status=Status.WAITING).pk,
        "reply_id": reply(published, other, status=Status.WAITING).pk,
        "talk_request_id": talk_request(other, family, status=TalkRequest.WITH_MODERATOR, route="moderator").pk,
    }
