"""Demo organisations, their staff, asks with backing, an invitation, a held answer and a timeline
that passes through every status. Called from `home`'s `load_demo_data`; idempotent.

Every organisation and person here is fictional ("Northbank Borough Council" is no real council).
"""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from boroughs.models import Borough, ThreadPage
from stories.models import TestimonyPage

from . import actions
from .models import Answer, Ask, Membership, Organisation, Status

ORGANISATIONS = [
    # (name, kind, boroughs, website, trusted, verified)
    ("Northbank Borough Council", "council", ["southwark", "lambeth"], "https://example.org/northbank", False, True),
    ("Riverside Safer Neighbourhood Team", "police", ["hackney"], "https://example.org/riverside-snt", True, True),
    ("Eastgate Youth Service", "youth", ["newham"], "https://example.org/eastgate-youth", False, True),
    ("Westmoor Listening Service", "nhs", ["croydon"], "https://example.org/westmoor", False, True),
    ("Southfield Community Charity", "charity", ["lambeth"], "", False, False),  # waiting to be verified
]

STAFF = [
    # (e-mail, display name, organisation, lead)
    ("council@example.org", "Dana (Northbank Borough Council)", "Northbank Borough Council", True),
    ("council-officer@example.org", "Lee (Northbank Borough Council)", "Northbank Borough Council", False),
    ("police@example.org", "Sgt Kemi (Riverside SNT)", "Riverside Safer Neighbourhood Team", True),
    ("youth@example.org", "Tom (Eastgate Youth Service)", "Eastgate Youth Service", True),
    ("listening@example.org", "Ash (Westmoor Listening Service)", "Westmoor Listening Service", True),
]

# (discussion title, days since asked, [(organisation, status, words, days after asking, published)])
ASKS = [
    (
        "Safer routes home from school",
        60,
        [
            ("Northbank Borough Council", Status.HEARD, "Thank you. We have read every response here.", 3, True),
            (
                "Northbank Borough Council",
                Status.LOOKING,
                "Officers walked the route with two parents last week.",
                12,
                True,
            ),
            (
                "Northbank Borough Council",
                Status.PLANNED,
                "Two new crossings and lighting on Elm Walk are funded for spring.",
                40,
                True,
            ),
        ],
    ),
    (
        "Youth club opening hours",
        45,
        [
            (
                "Eastgate Youth Service",
                Status.LOOKING,
                "We are asking young people which evenings suit them.",
                5,
                True,
            ),
            (
                "Eastgate Youth Service",
                Status.MADE,
                "The club now opens until 9pm on Fridays and Saturdays.",
                30,
                True,
            ),
        ],
    ),
    (
        "Bleed kits in shops on Mare Street",
        30,
        [
            (
                "Riverside Safer Neighbourhood Team",
                Status.CANNOT,
                "We cannot place kits in private shops ourselves, but we will put shop owners in touch with "
                "the charity that trains and supplies them.",
                4,
                True,
            ),
        ],
    ),
    (
        "Waiting times for counselling",
        20,
        [("Westmoor Listening Service", Status.HEARD, "We hear you, and we are checking our waiting list.", 2, False)],
    ),
    ("Supporting families after a trial", 10, []),
]
INVITED = [("Supporting families after a trial", "Northbank Borough Council")]
# (testimony title, organisation the family asked, its published answer)
TESTIMONY_ASKS = [
    (
        "The support I wish we had been offered",
        "Westmoor Listening Service",
        (
            Status.LOOKING,
            "Thank you for telling us. Eleven weeks is far too long. We are looking at how bereaved families "
            "can be seen within two weeks, and we will say here what we decide.",
        ),
    )
]


def _staff(email, name, stdout):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(email=email, password=password)
        if stdout is not None:
            stdout.write(f"  {'org staff':<10} {email:<24} password: {password}")
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    user.profile.display_name = name
    user.profile.save()
    return user


def load_demo_organisations(accounts, stdout=None):
    now = timezone.now()
    moderator = accounts["moderator"]
    organisations = {}
    for name, kind, boroughs, website, trusted, verified in ORGANISATIONS:
        slug = name.lower().replace(" ", "-")
        org, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "website": website, "is_trusted": trusted}
        )
        org.boroughs.set(Borough.objects.filter(slug__in=boroughs))
        if verified:
            actions.verify(org, by=moderator)
        organisations[name] = org
    staff = {}
    for email, display_name, org_name, lead in STAFF:
        user = _staff(email, display_name, stdout)
        Membership.objects.get_or_create(user=user, organisation=organisations[org_name], defaults={"is_lead": lead})
        staff.setdefault(org_name, user)

    backers = list(accounts.values())
    for n, (title, days_ago, answers) in enumerate(ASKS):
        thread = ThreadPage.objects.filter(title=title).first()
        if thread is None:
            continue
        ask = actions.mark_as_ask(thread)
        asked = now - timedelta(days=days_ago)
        Ask.objects.filter(pk=ask.pk).update(created_at=asked)
        for user in backers[: len(backers) - n % len(backers)]:
            actions.back(ask, user)
        if ask.answers.exists():
            continue
        for org_name, status, words, after, published in answers:
            org = organisations[org_name]
            answer = Answer.objects.create(
                ask=ask, organisation=org, author=staff[org_name], status=status, body=words, created_at=asked
            )
            if published:
                actions.publish(answer, by=moderator)
                at = asked + timedelta(days=after)
                Answer.objects.filter(pk=answer.pk).update(published_at=at, created_at=at)
                if not Ask.objects.filter(pk=ask.pk, first_answer_at__lt=at).exists():
                    Ask.objects.filter(pk=ask.pk).update(first_answer_at=at)
    # The discussion still waiting for a moderator is an ask too (public once approved).
    pending = ThreadPage.objects.filter(title="Street lighting on the estate").first()
    if pending is not None:
        actions.mark_as_ask(pending)
    for title, org_name in INVITED:
        ask = Ask.objects.filter(thread__title=title).first()
        if ask is not None:
            actions.invite(ask, [organisations[org_name]], by=moderator)
    for title, org_name, (status, words) in TESTIMONY_ASKS:
        testimony = TestimonyPage.objects.live().filter(title=title).first()
        if testimony is None or testimony.owner is None or Ask.objects.filter(testimony=testimony).exists():
            continue
        organisation = organisations[org_name]
        actions.ask_about_testimony(testimony, organisation, by=testimony.owner)
        answer = actions.give_answer(testimony.ask, organisation, author=staff[org_name], status=status, body=words)
        actions.publish(answer, by=moderator)
