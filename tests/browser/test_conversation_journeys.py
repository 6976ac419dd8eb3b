"""Conversations in a real browser (issue 7): a held first comment approved in the comment queue
and announced to a follower; a borough thread whose comment three members' reports hide; axe on
the queue and on a thread with the reply form open; replying and reporting with the keyboard only.
Reply and Report are links: Reply opens the page's one reply form under that comment.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from boroughs.models import ThreadPage
from moderation.models import CommentFlagReport, CommentReview, CommentState
from notifications.models import Follow
from notifications.notify import read_unsubscribe_token
from tests.factories import PASSWORD, MemorialPageFactory, ModeratorFactory, ThreadPageFactory, UserFactory, borough
from tests.moderation.helpers import make_comment

from .helpers import BROWSER_DB, PHONE, WAGTAIL_RENDITION_LEAK, assert_accessible, axe_problems, screenshot, tab_to

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

FIRST_WORDS = "Daniel coached my nephew on Saturdays. He still talks about him every week."
HELD_NOTICE = "A moderator will read your response before it appears"
REPORTED_WORDS = "People round here should keep their opinions to themselves."


def _sign_in_to_admin(page, user, site):
    """Through /admin/, as a moderator does: it asks for a sign-in, then shows the dashboard."""
    page.goto("/admin/")
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.I)).click()
    expect(page).to_have_url(site.url("/admin/"))


def _published_thread(owner, title="Safer routes home", slug="lambeth"):
    return ThreadPageFactory(
        title=title, body="Which streets feel safe after dark?", owner=owner, borough=borough(slug)
    )


def _approve_in_workflow(page, moderator):
    """The moderator's "Approve" in Wagtail's workflow, posted as the admin's button posts it."""
    task_state = page.current_workflow_state.current_task_state
    client = Client()
    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]))
    assert response.status_code in (200, 302), response.status_code
    page.refresh_from_db()
    assert page.live


def _comment_item(page, comment):
    return page.locator(f"li#c{comment.pk}")


def _own_part(page, comment):
    """The comment's own article (its text and controls), not the replies nested under it."""
    return page.locator(f"li#c{comment.pk} > article")


def test_first_comment_is_held_approved_in_the_queue_shown_and_announced_to_a_follower(new_page, site, mailoutbox):
    story = MemorialPageFactory(title="Daniel Mensah", borough=borough("southwark"))
    resident = UserFactory(profile_and_email__display_name="Resident Rita")
    follower = UserFactory(profile_and_email__display_name="Follower Femi")
    moderator = ModeratorFactory()

    # A follower follows the story with its button.
    follower_page = new_page(user=follower)
    follower_page.goto(story.url)
    follower_page.get_by_role("button", name="Follow the responses here").click()
    expect(follower_page.get_by_text("You are following Daniel Mensah")).to_be_visible()
    follow = Follow.objects.get(user=follower)
    assert follow.page_id == story.pk

    # The resident's first response is held, and the page says so kindly.
    resident_page = new_page(user=resident)
    resident_page.goto(story.url)
    resident_page.get_by_label("Your response").fill(FIRST_WORDS)
    resident_page.get_by_role("button", name="Post response").click()
    expect(resident_page.get_by_text(HELD_NOTICE)).to_be_visible()
    comment = CommentReview.objects.get().comment
    expect(_comment_item(resident_page, comment)).to_contain_text(FIRST_WORDS)
    expect(_comment_item(resident_page, comment)).to_contain_text("Only you can see this for now.")
    assert comment.review.state == CommentState.HELD
    assert not comment.is_public
    assert mailoutbox == [], "a held comment must not be announced"

    # Nobody else sees it yet.
    visitor = new_page()
    visitor.goto(story.url)
    expect(visitor.get_by_text(FIRST_WORDS)).to_have_count(0)

    # The moderator signs in, opens Response moderation from the menu and approves it.
    admin = new_page()
    _sign_in_to_admin(admin, moderator, site)
    admin.get_by_role("link", name=re.compile(r"^Response moderation")).click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Response moderation")
    expect(admin.get_by_role("link", name="Held (1)")).to_have_attribute("aria-current", "page")
    row = admin.get_by_role("row").filter(has_text=FIRST_WORDS)
    expect(row).to_contain_text("the author is new")
    row.get_by_role("button", name=f"Approve response {comment.pk}").click()
    expect(admin.get_by_text("1 response(s) approved and published.")).to_be_visible()
    expect(admin.get_by_text("Nothing waiting here. Thank you.")).to_be_visible()
    comment.review.refresh_from_db()
    assert comment.review.state == CommentState.PUBLISHED

    # Now an anonymous visitor sees it, under the resident's name.
    visitor.goto(story.url)
    published = _comment_item(visitor, comment)
    expect(published).to_contain_text(FIRST_WORDS)
    expect(published.get_by_role("heading", name="Resident Rita")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Responses (1)")).to_be_visible()

    # The follower, and only the follower, is e-mailed: a link to the comment and a one-click unsubscribe.
    assert [message.to for message in mailoutbox] == [[follower.email]], [m.to for m in mailoutbox]
    body = mailoutbox[0].body
    assert "Daniel Mensah" in mailoutbox[0].subject
    assert FIRST_WORDS in body
    assert re.search(re.escape(story.url) + rf"#c{comment.pk}\b", body), body
    unsubscribe = re.search(r"https?://\S+(/notifications/unsubscribe/(\S+)/)", body)
    assert unsubscribe, body
    assert read_unsubscribe_token(unsubscribe.group(2)) == (follow.pk, follower.pk)
    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(0)}>"
    assert not any(resident.email in message.to for message in mailoutbox)


def test_resident_starts_a_thread_and_three_reports_hide_a_comment(new_page, site):
    starter = UserFactory(profile_and_email__display_name="Resident Rita")
    moderator = ModeratorFactory()

    # Start a discussion from the borough page; it waits for review.
    page = new_page(user=starter)
    page.goto("/boroughs/lambeth/")
    page.get_by_role("link", name="Start a discussion").click()
    expect(page).to_have_url(site.url("/boroughs/lambeth/start-a-discussion/"))
    page.get_by_label("Title").fill("Safer routes home")
    page.get_by_label("Opening post").fill("Which streets feel safe after dark for the children?")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page).to_have_url(site.url("/me/discussions/"))
    expect(page.get_by_text("A moderator will read your discussion")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Safer routes home")).to_contain_text("Waiting for review")
    thread = ThreadPage.objects.get()
    assert not thread.live
    assert thread.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # A moderator approves it through the workflow (the admin's own screens are journey 1's).
    _approve_in_workflow(thread, moderator)
    page.reload()
    expect(page.get_by_role("row").filter(has_text="Safer routes home")).to_contain_text("Published")
    page.get_by_role("link", name="Safer routes home", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer routes home")

    # Someone posts a comment that people object to.
    writer = UserFactory(profile_and_email__display_name="Blunt Bob")
    reported = make_comment(thread, writer, REPORTED_WORDS)
    visitor = new_page()
    visitor.goto(thread.url)
    expect(visitor.get_by_text(REPORTED_WORDS)).to_be_visible()
    queue = new_page(user=moderator)

    reasons = ["Harassment of a family", "Someone identified who must not be", "Harassment of a family"]
    for number, reason in enumerate(reasons, start=1):
        reporter = new_page(user=UserFactory(profile_and_email__display_name=f"Reporter {number}"))
        reporter.goto(thread.url)
        reporter.get_by_role("link", name="Report the response by Blunt Bob to a moderator").click()
        expect(reporter.get_by_role("heading", level=1)).to_have_text("Report a response to a moderator")
        reporter.get_by_label(reason).check()
        reporter.get_by_role("button", name="Send the report").click()
        expect(reporter).to_have_url(site.url(thread.url))
        expect(reporter.get_by_text("Thank you for telling us. A moderator will look at it.")).to_be_visible()
        assert CommentFlagReport.objects.filter(comment=reported).count() == number

        visitor.reload()
        if number < len(reasons):
            # Still published, and waiting on the Reported tab with the reasons given so far.
            expect(visitor.get_by_text(REPORTED_WORDS)).to_be_visible()
            queue.goto("/admin/comment-moderation/?tab=flagged")
            row = queue.get_by_role("row").filter(has_text=REPORTED_WORDS)
            expect(
                row.get_by_role("listitem").filter(has_text=re.compile("^(Harassment of a family|Someone identified)"))
            ).to_have_count(number)
        else:
            # The third report hides it from everyone who is not a moderator.
            expect(visitor.get_by_text(REPORTED_WORDS)).to_have_count(0)
            expect(visitor.get_by_role("heading", name="Responses", exact=True)).to_be_visible()

    reported.review.refresh_from_db()
    assert reported.review.state == CommentState.HIDDEN
    queue.goto("/admin/comment-moderation/?tab=hidden")
    expect(queue.get_by_role("link", name="Hidden (1)")).to_have_attribute("aria-current", "page")
    row = queue.get_by_role("row").filter(has_text=REPORTED_WORDS)
    expect(row).to_contain_text("reported by 3 members")
    expect(row.get_by_role("button", name=f"Approve response {reported.pk}")).to_be_visible()
    # Hidden by the reports, it still counts as reported until a moderator decides (issue 13, item 6).
    queue.goto("/admin/comment-moderation/?tab=flagged")
    expect(queue.get_by_role("row").filter(has_text=REPORTED_WORDS)).to_have_count(1)


@pytest.fixture
def conversation(site):
    """A thread with published comments and a reply, and one comment in each queue tab."""
    starter = UserFactory(profile_and_email__display_name="Resident Rita")
    thread = _published_thread(starter)
    family = UserFactory(profile_and_email__display_name="Neighbour Nia")
    first = make_comment(thread, family, "A youth club open in the evenings would help more than anything.")
    make_comment(thread, starter, "Yes, and lights on the path by the canal.", parent=first)
    make_comment(thread, UserFactory(), "Someone should sort them out.", state=CommentState.HELD)
    make_comment(thread, UserFactory(), "I know where they live.", state=CommentState.HIDDEN)
    flagged = make_comment(thread, UserFactory(), "Nobody cares about this estate.")
    CommentFlagReport.objects.create(comment=flagged, user=family, reason="harassment")
    return thread, first


@pytest.mark.parametrize(("tab", "label"), [("held", "Held"), ("flagged", "Reported"), ("hidden", "Hidden")])
def test_moderation_queue_tabs_are_accessible(tab, label, new_page, conversation):
    page = new_page(user=ModeratorFactory())
    page.goto(f"/admin/comment-moderation/?tab={tab}")
    expect(page.get_by_role("link", name=f"{label} (1)")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("row")).to_have_count(2)  # the header and one comment
    # The whole admin page, Wagtail's own sidebar and header included.
    assert_accessible(page, f"the comment moderation queue, {label} tab")
    screenshot(page, f"moderation-queue-{tab}-desktop")


def test_thread_with_the_reply_form_open_is_accessible(new_page, conversation):
    thread, first = conversation
    page = new_page(user=UserFactory())
    page.goto(thread.url)
    # "Reply" opens the one reply form, under the comment it answers.
    _own_part(page, first).get_by_role("link", name="Reply to Neighbour Nia").click()
    field = _own_part(page, first).get_by_label("Your reply to Neighbour Nia")
    expect(field).to_be_visible()
    field.fill("Thank you for saying it.")
    problems = [axe_problems(page, "a thread with the reply form open")]
    screenshot(page, "thread-reply-open-desktop")
    page.set_viewport_size({"width": PHONE, "height": 800})
    expect(field).to_be_visible()
    problems.append(axe_problems(page, f"a thread with the reply form open at {PHONE} px"))
    screenshot(page, "thread-reply-open-phone")
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)


def test_reply_to_a_comment_with_the_keyboard_only(new_page, site, conversation):
    thread, first = conversation
    replier = UserFactory(profile_and_email__display_name="Keyboard Kemi")
    page = new_page(user=replier)
    page.goto(thread.url)

    reply_link = _own_part(page, first).get_by_role("link", name="Reply to Neighbour Nia")
    tab_to(page, reply_link)
    page.keyboard.press("Enter")
    field = _own_part(page, first).get_by_label("Your reply to Neighbour Nia")
    expect(field).to_be_visible()
    # The page opens at the form (#reply-<pk>), so Tab goes straight to the field.
    assert tab_to(page, field) <= 2
    page.keyboard.type("The canal path needs lights most of all.")
    post = _own_part(page, first).get_by_role("button", name="Post reply")
    tab_to(page, post)
    page.keyboard.press("Enter")

    expect(page.get_by_text(HELD_NOTICE)).to_be_visible()
    reply = CommentReview.objects.get(comment__user=replier).comment
    assert reply.parent_id == first.pk
    assert reply.comment == "The canal path needs lights most of all."
    expect(_comment_item(page, first).locator(f"li#c{reply.pk}")).to_contain_text("canal path needs lights")


def test_report_a_comment_with_the_keyboard_only(new_page, site, conversation):
    thread, first = conversation
    reporter = UserFactory()
    page = new_page(user=reporter)
    page.goto(thread.url)

    tab_to(page, page.get_by_role("link", name="Report the response by Neighbour Nia to a moderator"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a response to a moderator")

    # Tab reaches the reason group; the arrow keys choose within it.
    first_reason = page.get_by_label("A threat, or incitement to violence")
    tab_to(page, first_reason)
    page.keyboard.press("Space")
    expect(first_reason).to_be_checked()
    page.keyboard.press("ArrowDown")
    identifies = page.get_by_label("Someone identified who must not be")
    expect(identifies).to_be_focused()
    expect(identifies).to_be_checked()
    tab_to(page, page.get_by_label("Anything else the moderators should know"))
    page.keyboard.type("It names a witness.")
    tab_to(page, page.get_by_role("button", name="Send the report"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(site.url(thread.url))
    expect(page.get_by_text("Thank you for telling us. A moderator will look at it.")).to_be_visible()
    report = CommentFlagReport.objects.get(user=reporter)
    assert (report.comment_id, report.reason) == (first.pk, "identifies")
    assert report.detail == "It names a witness."
    expect(_own_part(page, first)).to_contain_text("You reported this. Thank you.")


def test_pages_of_responses_are_accessible_and_work_with_the_keyboard(new_page, site):
    """A story with more conversations than one page holds: the navigation is labelled, says which
    page is shown, and a reply posted from page 2 lands back on page 2 at the new reply."""
    from moderation.responses_pages import RESPONSES_PER_PAGE

    story = MemorialPageFactory(title="Many voices")
    writer = UserFactory(profile_and_email__display_name="Writer Wes")
    for i in range(RESPONSES_PER_PAGE + 2):
        make_comment(story, writer, f"Voice number {i}.")
    page = new_page(user=UserFactory(profile_and_email__display_name="Replying Ray"))
    page.goto(story.url)
    pages = page.get_by_role("navigation", name="Pages of responses")
    expect(pages.get_by_role("link", name="Responses page 1")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text(f"Voice number {RESPONSES_PER_PAGE}.")).to_have_count(0)
    later = pages.get_by_role("link", name="Later responses")
    tab_to(page, later, limit=RESPONSES_PER_PAGE * 3 + 40)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url(f"{story.url}?responses=2#responses"))
    expect(pages.get_by_role("link", name="Responses page 2")).to_have_attribute("aria-current", "page")
    last = page.locator("li.comment").filter(has_text=f"Voice number {RESPONSES_PER_PAGE + 1}.")
    expect(last).to_be_visible()
    assert_accessible(page, "the second page of responses")

    last.get_by_role("link", name="Reply to Writer Wes").click()
    field = last.get_by_label("Your reply to Writer Wes")
    field.fill("Thank you for writing this.")
    last.get_by_role("button", name="Post reply").click()
    reply = CommentReview.objects.get(comment__comment="Thank you for writing this.").comment
    expect(page).to_have_url(site.url(f"{story.url}?responses=2#c{reply.pk}"))
    expect(page.locator(f"li#c{reply.pk}")).to_contain_text("Thank you for writing this.")
