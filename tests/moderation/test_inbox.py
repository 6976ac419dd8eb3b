"""The moderator inbox: every kind of waiting item in one list, counted per tab, oldest first, and acted on."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from boroughs.models import BoroughPage
from care import actions as care_actions
from core.workflow import submit_for_review
from moderation import actions
from moderation.models import CommentFlagReport, CommentReview, CommentState, RejectionReason
from tests.factories import TestimonyPageFactory, ThreadPageFactory, UserFactory

from .helpers import make_comment

INBOX = "/admin/inbox/"
CHECKLIST = "Legal hold: court proceedings are active."


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def submitted_story(family, title="A testimony for review", days_ago=0):
    story = TestimonyPageFactory(owner=family, live=False, title=title)
    submit_for_review(story, family)
    TaskState.objects.filter(workflow_state__object_id=str(story.pk)).update(
        started_at=timezone.now() - timedelta(days=days_ago)
    )
    return story


def submitted_thread(starter, title="Safer streets after dark", days_ago=0):
    parent = BoroughPage.objects.get(slug="lambeth")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())
    thread = ThreadPageFactory(
        title=title, slug=slug, body="Which routes feel safe?", owner=starter, borough=parent.borough, live=False
    )
    submit_for_review(thread, starter)
    TaskState.objects.filter(workflow_state__object_id=str(thread.pk)).update(
        started_at=timezone.now() - timedelta(days=days_ago)
    )
    return thread


def held(story, user, text, days_ago=0):
    comment = make_comment(story, user, text, state=CommentState.HELD)
    CommentReview.objects.filter(comment=comment).update(created_at=timezone.now() - timedelta(days=days_ago))
    return CommentReview.objects.get(comment=comment)


def reported_three_times(story, author, text, days_ago=0):
    """Three members report it: it is hidden (the default threshold), its reports still open."""
    comment = make_comment(story, author, text)
    for _ in range(3):
        actions.flag(comment, user=UserFactory(), reason="harassment")
    when = timezone.now() - timedelta(days=days_ago)
    CommentFlagReport.objects.filter(comment=comment).update(created_at=when)
    CommentReview.objects.filter(comment=comment).update(decided_at=when)
    review = CommentReview.objects.get(comment=comment)
    assert review.state == CommentState.HIDDEN
    return review


def asked_for_family_role(name, days_ago=0):
    member = UserFactory(profile_and_email__display_name=name)
    member.profile.request_family_role("I am his sister.")
    type(member.profile).objects.filter(pk=member.profile.pk).update(
        family_role_requested_at=timezone.now() - timedelta(days=days_ago)
    )
    return member


@pytest.fixture
def every_kind(story, family, resident, other_resident):
    """One waiting item of each kind, each older than the next."""
    return {
        "story": submitted_story(family, "Oldest testimony", days_ago=6),
        "held": held(story, resident, "Held words here", days_ago=5),
        "thread": submitted_thread(other_resident, "Safer streets after dark", days_ago=4),
        "hidden": reported_three_times(story, other_resident, "Reported and hidden words", days_ago=3),
        "family": asked_for_family_role("Asking Ama", days_ago=2),
        "flagged": _reported_once(story, resident, other_resident, "Reported once words", days_ago=1),
    }


def _reported_once(story, author, reporter, text, days_ago):
    comment = make_comment(story, author, text)
    CommentFlagReport.objects.create(
        comment=comment, user=reporter, reason="spam", created_at=timezone.now() - timedelta(days=days_ago)
    )
    return CommentReview.objects.get(comment=comment)


def test_everything_waiting_is_one_list_oldest_first_with_each_kind_and_age(every_kind, moderator_client):
    html = html_of(moderator_client, INBOX)
    order = [
        "Oldest testimony",
        "Held words here",
        "Safer streets after dark",
        "Reported and hidden words",
        "Asking Ama",
        "Reported once words",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions), "oldest first, whatever the kind"
    for kind in [
        "Story",
        "Held response",
        "Discussion",
        "Hidden response",
        "Family role request",
        "Reported response",
    ]:
        assert f'w-status">{kind}<' in html or f'w-status w-status--primary">{kind}<' in html, kind
    assert "6\xa0days ago" in html and "1\xa0day ago" in html  # Wagtail's human-readable date
    assert title_of(html) == "Inbox - London Listens admin"
    assert '<h1 class="w-header__title" id="header-title">' in html


def test_tabs_count_each_kind_and_everything_counts_each_item_once(every_kind, moderator_client):
    html = html_of(moderator_client, INBOX)
    for label in [
        "All waiting (6)",
        "Stories and discussions (2)",
        "Held (1)",
        "Reported (2)",  # the reported one, and the one three reports hid
        "Hidden (1)",
        "Family role requests (1)",
        "Held for care (0)",
    ]:
        assert f"{label}</a>" in html, label
    pages = html_of(moderator_client, INBOX + "?tab=pages")
    assert "Oldest testimony" in pages and "Safer streets after dark" in pages and "Held words here" not in pages
    assert title_of(pages) == "Inbox: Stories and discussions - London Listens admin"
    family = html_of(moderator_client, INBOX + "?tab=family")
    assert "Asking Ama" in family and "I am his sister." in family and "Oldest testimony" not in family
    assert title_of(family) == "Inbox: Family role requests - London Listens admin"
    assert 'aria-current="page">Family role requests (1)</a>' in family


def test_reported_counts_responses_that_three_reports_have_hidden(story, resident, moderator_client):
    for i in range(3):
        reported_three_times(story, resident, f"Hidden by reports {i}")
    html = html_of(moderator_client, INBOX + "?tab=flagged")
    assert "Reported (3)</a>" in html and "Hidden (3)</a>" in html
    assert all(f"Hidden by reports {i}" in html for i in range(3))
    assert html.count("reported by 3 members") == 3
    # In "everything waiting" each is one item, not two.
    assert "All waiting (3)</a>" in html
    assert html_of(moderator_client, INBOX).count("Hidden by reports 0") == 1
    # Approving one resolves its reports: it leaves both tabs.
    review = CommentReview.objects.get(comment__comment="Hidden by reports 0")
    moderator_client.post("/admin/comment-moderation/act/", {"approve_one": review.pk, "tab": "flagged"})
    html = html_of(moderator_client, INBOX + "?tab=flagged")
    assert "Reported (2)</a>" in html and "Hidden (2)</a>" in html


def test_the_old_queue_address_opens_the_inbox_on_the_held_responses(every_kind, moderator_client):
    html = html_of(moderator_client, "/admin/comment-moderation/")
    assert 'aria-current="page">Held (1)</a>' in html
    assert "Held words here" in html and "Oldest testimony" not in html
    assert title_of(html) == "Inbox: Response moderation - London Listens admin"


def test_menu_badge_and_dashboard_panel(every_kind, moderator_client, resident_client):
    html = html_of(moderator_client, "/admin/")
    assert '"label": "Inbox (6)"' in html
    assert "Moderator inbox" in html and "6 items waiting" in html
    assert "Stories and discussions (2)" in html and "Family role requests (1)" in html
    assert "Response moderation (3)" in html  # held, reported, hidden
    assert resident_client.get(INBOX).status_code == 302  # sent to the admin's sign-in


def test_nothing_waiting(moderator_client):
    html = html_of(moderator_client, INBOX)
    assert "Nothing waiting here. Thank you." in html and "All waiting (0)</a>" in html
    assert "Nothing is waiting in" in html_of(moderator_client, "/admin/")


# Stories and discussions: approve in one click from the list, send back in two ----------------------


def _approve_url(html, page):
    match = re.search(rf'formaction="(/admin/inbox/page/{page.pk}/approve/\d+/)"', html)
    assert match, "an Approve button on the story's row"
    return match.group(1)


def test_approve_a_story_from_the_inbox_publishes_it_with_a_confirmation(family, moderator_client, mailoutbox):
    story = submitted_story(family, "Remembering Tunde")
    url = _approve_url(html_of(moderator_client, INBOX), story)
    response = moderator_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == INBOX + "?tab=pages"
    html = response.content.decode()
    assert "“Remembering Tunde” is approved and published." in html
    story.refresh_from_db()
    assert story.live
    assert story.current_workflow_state is None
    assert "Remembering Tunde" not in html.split("Nothing waiting here")[0].split("</nav>")[-1]


def test_send_back_a_discussion_needs_a_kind_reason_then_tells_the_author(resident, moderator_client):
    thread = submitted_thread(resident, "Lights on the canal path")
    inbox_html = html_of(moderator_client, INBOX + "?tab=pages")
    link = re.search(rf'href="(/admin/inbox/page/{thread.pk}/reject/\d+/)"', inbox_html).group(1)
    form = html_of(moderator_client, link)
    assert title_of(form) == "Send back “Lights on the canal path” - London Listens admin"
    assert "What would you like them to change?" in form

    refused = moderator_client.post(link, {"comment": "   "})
    assert refused.status_code == 200
    assert "Please tell the author what to change" in refused.content.decode()
    assert thread.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    response = moderator_client.post(link, {"comment": "Please leave out the street name."}, follow=True)
    assert "“Lights on the canal path” has been sent back to" in response.content.decode()
    state = WorkflowState.objects.get(object_id=str(thread.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.specific.get_comment() == "Please leave out the street name."


def test_a_story_that_is_no_longer_in_review_is_not_approved_again(family, moderator_client):
    story = submitted_story(family, "Remembering Tunde")
    url = _approve_url(html_of(moderator_client, INBOX), story)
    moderator_client.post(url)
    response = moderator_client.post(url, follow=True)
    assert "is not currently awaiting moderation" in response.content.decode()


# Responses: one click, a ready-made reason or one's own -----------------------------------------


def test_starter_rejection_reasons_are_seeded(db):
    titles = list(RejectionReason.objects.values_list("title", flat=True))
    assert len(titles) >= 4 and "Names or points at someone" in titles


def test_reject_a_response_in_one_click_with_a_ready_made_reason(story, resident, moderator_client, mailoutbox):
    review = held(story, resident, "Held words here")
    reason = RejectionReason.objects.get(title="Names or points at someone")
    html = html_of(moderator_client, INBOX)
    assert f'<select name="reason_for_{review.pk}" id="reason-for-{review.pk}">' in html  # in the row
    assert f'<option value="{reason.pk}">Names or points at someone</option>' in html
    response = moderator_client.post(
        "/admin/comment-moderation/act/",
        {"reject_one": review.pk, f"reason_for_{review.pk}": reason.pk, "tab": "all"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == INBOX + "?tab=all"
    assert "1 response(s) rejected. Each author has been told why." in response.content.decode()
    review.refresh_from_db()
    assert review.state == CommentState.REJECTED and review.rejection_reason == reason.text
    [message] = mail.outbox
    assert reason.text in message.body and message.to == [resident.email]


def test_reject_in_one_click_without_choosing_a_reason_changes_nothing(story, resident, moderator_client):
    review = held(story, resident, "Held words here")
    response = moderator_client.post(
        "/admin/comment-moderation/act/", {"reject_one": review.pk, f"reason_for_{review.pk}": ""}, follow=True
    )
    assert "please choose one of the ready-made reasons" in response.content.decode()
    review.refresh_from_db()
    assert review.state == CommentState.HELD


def test_approve_and_hold_for_care_in_one_click_show_a_confirmation(story, resident, moderator_client, mailoutbox):
    first, second = held(story, resident, "First held"), held(story, resident, "Second held")
    response = moderator_client.post("/admin/comment-moderation/act/", {"approve_one": first.pk}, follow=True)
    assert "1 response(s) approved and published." in response.content.decode()
    response = moderator_client.post("/admin/comment-moderation/act/", {"care_one": second.pk}, follow=True)
    assert "1 response(s) held for care." in response.content.decode()
    assert CommentReview.objects.get(pk=second.pk).state == CommentState.CARE


def test_bulk_reject_with_a_ready_made_reason(story, resident, other_resident, moderator_client):
    a, b = held(story, resident, "A"), held(story, other_resident, "B")
    reason = RejectionReason.objects.get(title="Advertising")
    moderator_client.post(
        "/admin/comment-moderation/act/",
        {"selected": [a.pk, b.pk], "action": "reject", "bulk-choice": reason.pk, "bulk-reason": ""},
    )
    assert set(CommentReview.objects.filter(pk__in=[a.pk, b.pk]).values_list("rejection_reason", flat=True)) == {
        reason.text
    }


def test_reject_page_offers_the_ready_made_reasons_and_your_own(story, resident, moderator_client):
    review = held(story, resident, "Held words here")
    url = f"/admin/comment-moderation/{review.pk}/reject/"
    html = html_of(moderator_client, url)
    assert title_of(html) == f"Reject the response by {resident.public_name} - London Listens admin"
    for reason in RejectionReason.objects.filter(is_active=True):
        assert f'value="{reason.pk}"' in html and reason.title in html
    assert 'value="own"' in html and "Write your own" in html

    # A ready-made reason and different words of one's own: which one? Asked, and nothing typed is lost.
    reason = RejectionReason.objects.first()
    both = moderator_client.post(url, {"choice": reason.pk, "reason": "My own careful words."})
    assert both.status_code == 200
    assert "You chose a ready-made reason and also wrote your own" in both.content.decode()
    assert "My own careful words." in both.content.decode()
    assert CommentReview.objects.get(pk=review.pk).state == CommentState.HELD

    moderator_client.post(url, {"choice": "own", "reason": "My own careful words."})
    assert CommentReview.objects.get(pk=review.pk).rejection_reason == "My own careful words."


def test_retired_reasons_are_not_offered(story, resident, moderator_client):
    held(story, resident, "Held words here")
    RejectionReason.objects.filter(title="Advertising").update(is_active=False)
    assert ">Advertising</option>" not in html_of(moderator_client, INBOX)


def test_moderators_keep_the_list_of_rejection_reasons(moderator_client):
    index = html_of(moderator_client, "/admin/rejection_reasons/")
    assert "Names or points at someone" in index
    assert not title_of(index).startswith("-")
    response = moderator_client.post(
        "/admin/rejection_reasons/new/",
        {"title": "Too much detail", "text": "It describes <b>what happened</b> in detail.", "sort_order": 5},
    )
    assert response.status_code == 302
    reason = RejectionReason.objects.get(title="Too much detail")
    assert reason.text == "It describes what happened in detail." and reason.is_active is False  # unticked box
    edit = f"/admin/rejection_reasons/edit/{reason.pk}/"
    moderator_client.post(edit, {"title": "Too much detail", "text": reason.text, "is_active": "on", "sort_order": 5})
    assert RejectionReason.objects.get(pk=reason.pk).is_active is True


# Family role requests ----------------------------------------------------------------------------


def test_a_family_role_request_links_to_members_and_comes_back_to_the_inbox(moderator_client, mailoutbox):
    member = asked_for_family_role("Asking Ama")
    html = html_of(moderator_client, INBOX + "?tab=family")
    link = re.search(r'href="(/admin/members/edit/\d+/\?next=[^"]+)"', html).group(1)
    form = html_of(moderator_client, link.replace("&amp;", "&"))
    assert "next=%2Fadmin%2Finbox%2F%3Ftab%3Dfamily" in form
    response = moderator_client.post(
        f"/admin/members/edit/{member.profile.pk}/?next=/admin/inbox/%3Ftab%3Dfamily", {"is_family": "on"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/inbox/?tab=family"
    member.profile.refresh_from_db()
    assert member.profile.is_family
    assert "Family role requests (0)" in html_of(moderator_client, INBOX)


# The legal-hold checklist: once per page, folded, only when needed -------------------------------


def test_the_checklist_is_shown_once_folded_and_each_held_row_says_so(story, resident, moderator, moderator_client):
    care_actions.set_legal_hold(story, by=moderator)
    for i in range(3):
        held(story, resident, f"During the hold {i}")
    html = html_of(moderator_client, INBOX)
    assert html.count('id="legal-hold-checklist"') == 1
    assert html.count("<details") == 1
    assert html.count("name or identify a suspect, defendant or witness") == 1
    assert html.count(CHECKLIST) == 3  # one line per row, linking to the checklist
    assert html.count('href="#legal-hold-checklist"') == 3
    # Each row says it once, not again among the screening reasons.
    assert "legal hold: court proceedings are active" not in html.replace(CHECKLIST, "")


def test_no_checklist_without_a_legal_hold_on_the_page(story, resident, moderator_client):
    held(story, resident, "No hold here")
    html = html_of(moderator_client, INBOX)
    assert "<details" not in html and CHECKLIST not in html and "Legal hold checklist" not in html


# Titles ------------------------------------------------------------------------------------------


def test_every_moderation_admin_page_has_a_title(story, resident, moderator_client):
    review = held(story, resident, "Held words here")
    pages = {
        INBOX: "Inbox",
        INBOX + "?tab=held": "Inbox: Response moderation",
        f"/admin/comment-moderation/{review.pk}/reject/": f"Reject the response by {resident.public_name}",
        f"/admin/comment-moderation/member/{resident.pk}/sanction/": f"Sanction {resident.public_name}",
    }
    for url, title in pages.items():
        assert title_of(html_of(moderator_client, url)) == f"{title} - London Listens admin", url


# Queries -----------------------------------------------------------------------------------------


def _make_each_kind(n, story, family, resident, other_resident, start):
    for i in range(n):
        submitted_story(family, f"Testimony {start + i}")
        submitted_thread(other_resident, f"Thread number {start + i}")
        held(story, resident, f"Held {start + i}")
        reported_three_times(story, resident, f"Hidden {start + i}")
        _reported_once(story, resident, other_resident, f"Reported {start + i}", days_ago=0)
        asked_for_family_role(f"Asking {start + i}")


def test_the_inbox_costs_the_same_queries_with_1_or_20_items_of_each_kind(
    story, family, resident, other_resident, moderator, moderator_client
):
    care_actions.set_legal_hold(story, by=moderator)
    _make_each_kind(1, story, family, resident, other_resident, 0)
    moderator_client.get(INBOX)  # warm caches (content types, settings)
    counts = {}
    for tab in ["all", "pages", "held", "flagged", "hidden", "family"]:
        with CaptureQueriesContext(connection) as few:
            moderator_client.get(f"{INBOX}?tab={tab}")
        counts[tab] = len(few.captured_queries)
    _make_each_kind(19, story, family, resident, other_resident, 1)
    for tab in counts:
        with CaptureQueriesContext(connection) as many:
            html = moderator_client.get(f"{INBOX}?tab={tab}").content.decode()
        assert len(many.captured_queries) == counts[tab], tab
    assert "All waiting (120)" in html
