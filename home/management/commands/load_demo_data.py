"""Demo content for a newcomer: the page tree, example stories and one account per role.

Idempotent: running it again creates nothing twice. Every person in these stories
is fictional; each story says so.
"""

import secrets
from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from accounts.models import TermsAcceptance
from boroughs.models import Borough
from circle.demo import load_demo_circle
from core.workflow import submit_for_review, unique_slug
from gatherings.demo import load_demo_gatherings
from home.legal_pages import ensure_legal_pages
from home.site_tree import build_site_tree
from moderation.demo import load_demo_discussions
from organisations.demo import load_demo_organisations
from safety.demo import load_demo_safety
from stories.models import Candle, MemorialPage, StoryPage, TestimonyPage
from support.demo import load_demo_services

FICTIONAL = "<p><em>This is an example written for the demo. The person and events are fictional.</em></p>"

DEMO_ACCOUNTS = [
    # (e-mail, display name, role)
    ("family@example.org", "Grace (family)", "family"),
    ("resident@example.org", "Sam (resident)", "resident"),
    ("moderator@example.org", "Priya (moderator)", "moderator"),
    ("admin@example.org", "Site administrator", "admin"),
]

DEMO_STORIES = [
    {
        "kind": MemorialPage,
        "title": "Jordan Ellery-Example",
        "borough": "southwark",
        "date_of_birth": date(2004, 5, 12),
        "date_of_death": date(2022, 9, 3),
        "content_note": "mentions a knife attack",
        "note_violence": True,
        "body": "Jordan loved football, jollof rice and his little sister's terrible jokes.\n\n"
        "He was training to be an electrician and had just passed his first exams.\n\n"
        "We want people to remember how he laughed, not how he died.",
        "live": True,
    },
    {
        "kind": MemorialPage,
        "title": "Amara Fictional-Obi",
        "borough": "newham",
        "date_of_birth": date(1999, 1, 20),
        "date_of_death": date(2021, 7, 14),
        "content_note": "",
        "body": "Amara sang in the church choir every Sunday and never missed a birthday.\n\n"
        "She was the first in our family to go to university.",
        "live": True,
        # Her family chose to open responses and be found by search engines (a new story starts
        # moderated first and unlisted, as the other demo memorials show).
        "comment_policy": "open",
        "search_engines_allowed": True,
    },
    {
        "kind": TestimonyPage,
        "title": "What the year after the trial was like",
        "borough": "lambeth",
        "content_note": "",
        "note_court_case": True,
        "body": "When the trial ended, the phone calls stopped. Nobody told us what would happen next.\n\n"
        "We needed someone to sit with us, not a leaflet.",
        "live": True,
        "comment_policy": "open",
        "search_engines_allowed": True,
    },
    {
        "kind": TestimonyPage,
        "title": "The support I wish we had been offered",
        "borough": "croydon",
        "content_note": "",
        "body": "We waited eleven weeks for a counselling appointment.\n\nThis is what would have helped.",
        "live": True,
        "comment_policy": "open",
        "search_engines_allowed": True,
    },
    {
        "kind": MemorialPage,
        "title": "Kofi Demo-Mensah",
        "borough": "hackney",
        "date_of_birth": date(2006, 11, 2),
        "date_of_death": date(2023, 2, 18),
        "content_note": "",
        "body": "Kofi drew comics on every scrap of paper he could find.\n\nWe are sharing some of his drawings here.",
        "live": False,  # waiting for review, so a moderator trying the demo has work to do
    },
]


class Command(BaseCommand):
    help = "Load fictional demo content and one account per role. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        home, stories_index, _ = build_site_tree()
        ensure_legal_pages(home)  # terms, guidelines, privacy, how moderation works (as setup_site does)
        self.serve_at_site_domain()
        accounts = {role: self.account(email, name, role) for email, name, role in DEMO_ACCOUNTS}
        family, moderator = accounts["family"], accounts["moderator"]
        for spec in DEMO_STORIES:
            self.story(stories_index, spec, family, moderator)
        load_demo_services()
        # Threads in several boroughs and responses in every state (published, held, reported, hidden).
        load_demo_discussions(accounts)
        load_demo_organisations(accounts, self.stdout)
        load_demo_safety(accounts)  # reports of several kinds (one person at risk), an appeal, a complaint
        load_demo_gatherings(accounts)  # one families-only, one full with a waiting list, one cancelled
        load_demo_circle(accounts)  # a circle discussion, findable families, a peer supporter, requests to talk
        # Candles on the first memorial, so its page shows a count.
        memorial = MemorialPage.objects.filter(title=DEMO_STORIES[0]["title"]).first()
        for user in accounts.values():
            Candle.objects.get_or_create(memorial=memorial, user=user)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def serve_at_site_domain(self):
        """Links in e-mails and Wagtail's full URLs name the address the demo is served on.

        `make run` sets SITE_DOMAIN from its PORT (127.0.0.1:8000 by default); build_site_tree has
        already given django.contrib.sites that domain, and here Wagtail's default Site gets the
        same host and port (saved, not updated, so that Wagtail and core.sites hear of it).
        """
        host, _, port = settings.SITE_DOMAIN.partition(":")
        default_port = 443 if settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL == "https" else 80
        site = Site.objects.get(is_default_site=True)
        if (site.hostname, site.port) != (host, int(port or default_port)):
            site.hostname, site.port = host, int(port or default_port)
            site.save()

    def account(self, email, display_name, role):
        User = get_user_model()
        user = User.objects.filter(email=email).first()
        if user is None:
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(
                email=email,
                password=password,
                is_staff=role == "admin",
                is_superuser=role == "admin",
            )
            self.stdout.write(f"  {role:<10} {email:<24} password: {password}")
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        TermsAcceptance.objects.get_or_create(user=user, version=settings.TERMS_VERSION)  # as sign-up records
        profile = user.profile
        profile.display_name = display_name
        profile.is_family = role == "family"
        profile.save()
        if role == "moderator":
            user.groups.add(Group.objects.get(name="Moderators"))
        return user

    def story(self, index, spec, family, moderator):
        if StoryPage.objects.filter(title=spec["title"]).exists():
            return
        page_class = spec["kind"]
        fields = {k: v for k, v in spec.items() if k not in {"kind", "borough", "live", "body"}}
        page = page_class(
            **fields,
            body=spec["body"] + "\n\n" + FICTIONAL,
            borough=Borough.objects.get(slug=spec["borough"]),
            owner=family,
            live=False,
        )
        page.slug = unique_slug(index, page.title)
        index.add_child(instance=page)
        revision = page.save_revision(user=family)
        if spec["live"]:
            revision.publish(user=moderator)
        else:
            submit_for_review(page, family)
