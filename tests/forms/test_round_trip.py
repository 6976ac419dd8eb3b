"""Every form that edits something that exists saves back unchanged when sent untouched.

The forms are found, not listed: the test walks a family member's `/me/` pages (and the pages
they link to that are the family's own: the edit, quiet-time and withdraw pages, their published
story and discussion) and a moderator's admin listings of what we made ours (support services,
screening phrases) and the edit pages they link to. Every `<form method="post">` found is either
a round trip below (open it, build what a browser would send with `form_data_as_browser_sends`'s
rules, post exactly that, compare what is stored) or listed in NOT_EDITS with the reason; a new
form that is neither fails the test.
"""

import datetime
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import resolve
from django.utils import timezone
from wagtail.models import Page

from boroughs.models import BoroughPage, ThreadPage
from care.models import QuietPeriod
from core.content_notes import CONTENT_NOTES
from moderation.models import ScreeningPhrase
from notifications.models import Follow
from stories.models import CommentPolicy, StoryPage
from support.models import SupportCategory, SupportService
from tests.browser.helpers import story_photo
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory, borough
from tests.moderation.helpers import make_comment

from .browser_form import forms_in

pytestmark = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")

BODY = (
    "<p>He loved the sea, fish &amp; chips on the front.</p>"
    "<p>He wanted to be a nurse.<br>Or a teacher, he said.</p>"
    '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
    "https://example.org/a?b=1&amp;c=2</a>.</p>"
)

# Forms that act rather than edit: sending them untouched is meant to do something.
NOT_EDITS = {
    "account_logout": "signs out",
    "remove_follow": "stops one subscription (the notification settings page lists them with this button)",
    "follow": "follows a page or borough",
    "unfollow": "stops following",
    "end_quiet_period": "ends the quiet time",
    "withdraw_story": "takes the story down",
    "submit_story": "sends the previewed story to the moderators",
    "my_data": "downloads the member's data",
    "delete_account": "deletes the account (asks for the password)",
    "comments-post-comment": "posts a new response",
    "comment_ask_to_hide": "asks for a response to be hidden",
    "light_candle": "lights a candle",
    "put_out_candle": "puts a candle out",
    "gathering_leave": "gives up a place at a gathering",
    "gathering_cancel": "cancels the gathering (its confirmation page)",
}


def story_fields(pk):
    page = StoryPage.objects.get(pk=pk).specific.get_latest_revision_as_object()
    fields = {
        name: getattr(page, name)
        for name in ["title", "body", "borough_id", "content_note", "comment_policy", "search_engines_allowed"]
    }
    fields.update((name, getattr(page, name)) for name, _label in CONTENT_NOTES)
    if page.kind == "memorial":
        fields.update(
            date_of_birth=page.date_of_birth,
            date_of_death=page.date_of_death,
            photo_id=page.photo_id,
            photo_alt=page.photo.description if page.photo else None,
        )
    return fields


def thread_fields(pk):
    thread = ThreadPage.objects.get(pk=pk).get_latest_revision_as_object()
    return {name: getattr(thread, name) for name in ["title", "body", "content_note", *dict(CONTENT_NOTES)]}


def quiet_periods(pk):
    return list(QuietPeriod.objects.filter(story_id=pk).values("pk", "starts_at", "ends_at", "ended_early_at"))


def service_fields(pk):
    service = SupportService.objects.get(pk=pk)
    fields = {
        name: getattr(service, name)
        for name in ["name", "summary", "phone", "web_address", "opening_hours", "position", "check_before_launch"]
        + [f.name for f in SupportService._meta.fields if f.name.startswith(("age_", "referral_", "for_young"))]
        + ["schools_and_clubs", "sessions_cost"]
    }
    fields["categories"] = sorted(service.categories.values_list("pk", flat=True))
    fields["boroughs"] = sorted(service.boroughs.values_list("pk", flat=True))
    return fields


def kit_fields(pk):
    from support.models import BleedKit

    return BleedKit.objects.filter(pk=pk).values().get()


def phrase_fields(pk):
    return ScreeningPhrase.objects.filter(pk=pk).values("phrase", "category", "is_active", "note").get()


# url name of the form's action -> (what is stored, the button pressed). `kw` is the action's URL kwargs.
ROUND_TRIPS = {
    "my_settings": (lambda kw, who: who.profile.__class__.objects.get(pk=who.profile.pk).content_notes, None),
    "edit_story": (lambda kw, who: story_fields(kw["pk"]), "draft"),
    "edit_thread": (lambda kw, who: thread_fields(kw["pk"]), None),
    "quiet_period": (lambda kw, who: quiet_periods(kw["pk"]), None),
    "comment_policy": (lambda kw, who: StoryPage.objects.get(pk=kw["pk"]).comment_policy, None),
    "wagtailsnippets_support_supportservice:edit": (lambda kw, who: service_fields(kw["pk"]), None),
    "wagtailsnippets_support_bleedkit:edit": (lambda kw, who: kit_fields(kw["pk"]), None),
    "screening_phrases:edit": (lambda kw, who: phrase_fields(kw["pk"]), None),
    "gathering_manage": (lambda kw, who: gathering_fields(kw["pk"]), None),
}


def gathering_fields(pk):
    from gatherings.models import GatheringPage

    fields = ("starts_at", "ends_at", "capacity", "address", "sequence")
    return GatheringPage.objects.filter(pk=pk).values(*fields).get()


@pytest.fixture
def world(tree, family, resident, moderator, tmp_path):
    # Posting limits are counted in the cache; earlier tests on this worker must not use up the crawl's.
    cache.clear()
    now = timezone.now()
    memorial = MemorialPageFactory(
        owner=family,
        title="Sam Example",
        body=BODY,
        date_of_birth=datetime.date(2001, 4, 12),
        date_of_death=datetime.date(2022, 8, 30),
        content_note="describes a knife attack",
        note_violence=True,
        note_court_case=True,
        comment_policy=CommentPolicy.PREMODERATED,
        search_engines_allowed=False,
        photo=story_photo(tmp_path, family, "Sam smiling at a wedding"),
    )
    make_comment(memorial, resident, "Thinking of you all.")
    testimony = TestimonyPageFactory(
        owner=family,
        title="After the trial",
        body="<p>Nobody called us.</p><p>Not once.</p>",
        live=False,
        comment_policy=CommentPolicy.CLOSED,
        search_engines_allowed=True,
        note_suicide_self_harm=True,
    )
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(
        title="Safer routes home",
        slug="safer-routes-home",
        body="Which streets feel safe?\n\nAfter dark, I mean.\nNear the station.",
        owner=family,
        borough=lambeth.borough,
        content_note="talks about the night it happened",
        note_violence=True,
    )
    # A quiet time that began yesterday afternoon and lasts until the end of next week.
    QuietPeriod.objects.create(
        story=memorial,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=8), datetime.time.min)
        ),
        created_by=family,
    )
    Follow.objects.create(user=family, page_id=thread.pk)
    Follow.objects.create(user=family, borough=borough("lambeth"))
    family.profile.content_notes = "show"
    family.profile.save()

    service = SupportService.objects.create(
        name="Samaritans",
        summary="Listens, day or night.\nFree to call.",
        phone="116 123",
        web_address="https://www.samaritans.org/",
        opening_hours="24 hours, every day",
        position=5,
        check_before_launch=True,
        for_young_people=True,
        age_from=11,
        age_to=18,
        referral_school=True,
        schools_and_clubs="Example Academy\nExample Road youth club",
        sessions_cost="free",
    )
    service.categories.set(SupportCategory.objects.all()[:2])
    service.boroughs.set([borough("lambeth"), borough("croydon")])
    phrase = ScreeningPhrase.objects.create(
        phrase="big estate beef", category="callout", is_active=False, note="Named feud"
    )
    from tests.gatherings.helpers import make_gathering

    # The family organises a gathering at 23:30 the night the clocks go back, and holds a place at it.
    gathering = make_gathering(family, address="Hall 2\nExample Street", capacity=7)
    gathering.starts_at = datetime.datetime(2030, 10, 26, 22, 30, tzinfo=datetime.UTC)
    gathering.ends_at = datetime.datetime(2030, 10, 27, 1, 30, tzinfo=datetime.UTC)  # 01:30 GMT, the second one
    gathering.save()
    gathering.attendances.create(user=family, status="confirmed")

    from support.models import BleedKit

    kit = BleedKit.objects.create(
        venue="Corner Shop",
        venue_kind="shop",
        street_address="1 Example Lane",
        borough=borough("lambeth"),
        where_in_venue="Behind the counter",
        access_hours="7am–11pm",
        guardian_name="A Guardian",
        guardian_email="guardian@example.org",
        last_checked=datetime.date(2026, 10, 1),
        in_memory_of=memorial,
    )
    return {
        "memorial": memorial,
        "testimony": testimony,
        "thread": thread,
        "service": service,
        "phrase": phrase,
        "kit": kit,
    }


def crawl(client, starts, follow):
    """GET each page from `starts`, then every link `follow(path)` accepts; yield (page, form) per post form."""
    seen, queue = set(), deque(starts)
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        html = response.content.decode()
        for form in forms_in(html, page_path=path):
            if form.buttons:  # a form with no submit button is only ever sent by a script
                yield path, form
        for href in _links(html):
            parts = urlsplit(href)
            if not parts.netloc and not parts.query and parts.path and follow(parts.path):
                queue.append(parts.path)


def _links(html):
    from .browser_form import parse

    return [a.attrib["href"] for a in parse(html).iter("a") if a.attrib.get("href")]


def view_name(path):
    match = resolve(path)
    return match.view_name, match.kwargs


def test_every_edit_form_saves_back_unchanged_when_sent_untouched(world, family, moderator):
    family_client, moderator_client = signed_in_client(family), signed_in_client(moderator)
    own_pages = {
        page.url
        for page in Page.objects.filter(pk__in=[world["memorial"].pk, world["thread"].pk]).specific()
        if page.live
    }
    # "/me/discussions/" and "/me/gatherings/" are listed because no /me/ page links to them yet.
    found = list(
        crawl(
            family_client,
            ["/me/", "/me/discussions/", "/me/gatherings/"],
            lambda path: path.startswith("/me/") or path in own_pages,
        )
    )
    # In the admin, from the listings to the edit pages of this test's service and phrase (not all 20
    # starter phrases: they are the same form).
    ours = {
        f"/admin/snippets/support/supportservice/edit/{world['service'].pk}/",
        f"/admin/screening_phrases/edit/{world['phrase'].pk}/",
        f"/admin/snippets/support/bleedkit/edit/{world['kit'].pk}/",
    }
    listings = [
        "/admin/snippets/support/supportservice/",
        "/admin/screening_phrases/",
        "/admin/snippets/support/bleedkit/",
    ]
    found += [(page, form, moderator_client) for page, form in crawl(moderator_client, listings, ours.__contains__)]
    found = [item if len(item) == 3 else (*item, family_client) for item in found]

    done, unknown, failures = set(), [], []
    for page, form, client in found:
        name, kwargs = view_name(form.action)
        if name in NOT_EDITS:
            continue
        if name not in ROUND_TRIPS:
            unknown.append(f"{name} (a form posting to {form.action}, on {page})")
            continue
        if form.action in done or (name != "edit_story" and name in {view_name(a)[0] for a in done}):
            continue  # one round trip per kind of form (both kinds of story)
        stored, submitter = ROUND_TRIPS[name]
        who = family if client is family_client else moderator
        before = stored(kwargs, who)
        if before in (None, [], {}):
            continue  # nothing there yet (a story with no quiet time): this form would create, not edit
        done.add(form.action)
        # Open the form afresh (an earlier round trip may have changed the page), then send it untouched.
        (fresh,) = [
            f
            for f in forms_in(client.get(page).content.decode(), page_path=page)
            if f.action == form.action and f.buttons
        ]
        response = client.post(form.action, fresh.data(submitter))
        if response.status_code != 302:
            context = getattr(response, "context", None) or {}
            errors = context.get("form").errors if context and context.get("form") is not None else ""
            failures.append(f"{name}: sent untouched from {page}, answered {response.status_code} {errors}")
            continue
        after = stored(kwargs, who)
        if after != before:
            changed = (
                {key: (before[key], after[key]) for key in before if before[key] != after.get(key)}
                if isinstance(before, dict)
                else (before, after)
            )
            failures.append(f"{name}: sent untouched from {page}, changed {changed}")

    assert not unknown, "Forms with no round-trip case (add one to ROUND_TRIPS, or to NOT_EDITS with why):\n  " + (
        "\n  ".join(unknown)
    )
    assert not failures, "\n".join(failures)
    exercised = {view_name(action)[0] for action in done}
    assert exercised == set(ROUND_TRIPS), f"not found by the crawl: {set(ROUND_TRIPS) - exercised}"
    assert len([a for a in done if view_name(a)[0] == "edit_story"]) == 2  # the memorial and the testimony
