"""Demo for the families' circle: a published discussion with replies (one by a peer supporter), one
waiting for a moderator, two families who chose to be found, and requests to talk (one for the demo
family to answer, one for a moderator to pass on). Called with one line from `home`'s
`load_demo_data`; idempotent. Everyone here is fictional, and the demo accounts added here cannot sign in.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from boroughs.models import Borough

from .models import Discussion, FamilyListing, LossKind, PeerSupporter, Reply, Route, Status, TalkRequest

FICTIONAL = " (An example written for the demo; the people are fictional.)"

# (e-mail, display name, is family, borough, loss)
PEOPLE = [
    ("circle-amara@example.org", "Amara (demo family)", True, "lambeth", LossKind.KNIFE),
    ("circle-tom@example.org", "Tom (demo family)", True, "southwark", LossKind.ATTACK),
    ("circle-joy@example.org", "Joy (demo peer supporter)", False, None, None),
]


def _person(email, name, is_family):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)  # no password: nobody signs in as them
    user.profile.display_name, user.profile.is_family = name, is_family
    user.profile.save()
    return user


def load_demo_circle(accounts):
    people = {}
    for email, name, is_family, borough, loss in PEOPLE:
        user = people[email] = _person(email, name, is_family)
        if is_family:
            FamilyListing.objects.update_or_create(
                user=user, defaults={"findable": True, "borough": Borough.objects.get(slug=borough), "loss": loss}
            )
    amara, tom, joy = people.values()
    PeerSupporter.objects.get_or_create(
        user=joy, defaults={"note": "Demo: peer support training, autumn", "granted_by": accounts["moderator"]}
    )
    family = accounts["family"]

    now = timezone.now()
    discussion, made = Discussion.objects.get_or_create(
        title="The first anniversary",
        defaults={
            "author": amara,
            "body": "It is a year next month. How did you get through the first anniversary? What helped?" + FICTIONAL,
            "status": Status.PUBLISHED,
            "decided_at": now,
            "decided_by": accounts["moderator"],
        },
    )
    if made:
        for author, text in [
            (tom, "We went to the place by the river and read his favourite poem. It helped to have a plan."),
            (
                joy,
                "Many families tell me the days before are the hardest. Be gentle with yourself; you need not do anything.",
            ),
        ]:
            Reply.objects.create(discussion=discussion, author=author, body=text + FICTIONAL, status=Status.PUBLISHED)
    Discussion.objects.get_or_create(
        title="Going back to work",
        defaults={
            "author": family,
            "body": "Has anyone gone back to work yet? How did you tell colleagues?" + FICTIONAL,
        },
    )
    TalkRequest.objects.get_or_create(
        sender=tom,
        recipient=family,
        defaults={
            "message": "Hello Grace. Our losses sound alike. Would you like to talk some time?" + FICTIONAL,
            "route": Route.DIRECT,
            "status": TalkRequest.WAITING,
            "sender_contact": "circle-tom@example.org",
            "passed_at": now,
        },
    )
    TalkRequest.objects.get_or_create(
        sender=amara,
        recipient=tom,
        defaults={
            "message": "Hello Tom. I read your reply about the river. Could we talk?" + FICTIONAL,
            "route": Route.MODERATOR,
            "status": TalkRequest.WITH_MODERATOR,
            "sender_contact": "circle-amara@example.org",
        },
    )
