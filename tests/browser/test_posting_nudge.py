"""In a real browser, at phone and desktop widths: the kind nudge before posting (issue 15, item 6),
the legal-hold reminder above the form (item 5), and the new terms asked at the next visit (item 3).
axe-core finds nothing on any of these pages; screenshots are kept in /tmp/posting-shots."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import TermsAcceptance
from care import actions as care_actions
from moderation.models import CommentReview, CommentState
from tests.factories import FamilyFactory, ModeratorFactory, TestimonyPageFactory, UserFactory
from tests.moderation.helpers import trust

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
SHOTS = Path("/tmp/posting-shots")
GLOATING = "Top job whoever did that. He had it coming."
KIND = "Thinking of you all. He was loved by so many."


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def trusted_writer(story):
    writer = UserFactory(profile_and_email__display_name="Neighbour Nia")
    trust(writer, story)
    return writer


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_nudge_keeps_every_word_and_kind_words_are_posted(new_page, site, width):
    story = TestimonyPageFactory(owner=FamilyFactory(), title="For Tayo", slug="for-tayo")
    page = new_page(user=trusted_writer(story), width=width)
    problems = []
    page.goto(story.url)
    page.get_by_label("Your response").fill(GLOATING)
    page.get_by_role("button", name="Post response").click()

    expect(page.get_by_role("heading", name="Before you send this")).to_be_visible()
    expect(page.locator("#nudge")).to_contain_text("“had it coming”, “top job”")
    expect(page.get_by_label("Your response")).to_have_value(GLOATING)
    assert not CommentReview.objects.filter(comment__comment=GLOATING).exists()
    problems.append(axe_problems(page, f"the nudge at {width} px"))
    shot(page, f"nudge-{width}")

    page.get_by_label("Your response").fill(KIND)
    page.get_by_role("button", name="Post my changed words").click()
    expect(page.get_by_text("Thank you. Your response is published.")).to_be_visible()
    expect(page.get_by_text(KIND)).to_be_visible()
    assert CommentReview.objects.get(comment__comment=KIND).state == CommentState.PUBLISHED
    assert not [p for p in problems if p], "\n".join(problems)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_sending_it_as_it_is_on_a_held_page_queues_it_with_the_reason(new_page, site, width):
    story = TestimonyPageFactory(owner=FamilyFactory(), title="For Kemi", slug="for-kemi")
    care_actions.set_legal_hold(story, by=ModeratorFactory())
    page = new_page(user=trusted_writer(story), width=width)
    problems = []
    page.goto(story.url)
    expect(page.locator("#legal-hold-reminder")).to_contain_text("don't say who you think did it")
    problems.append(axe_problems(page, f"a held page's response form at {width} px"))
    shot(page, f"legal-hold-reminder-{width}")
    page.get_by_label("Your response").fill(GLOATING)
    page.get_by_role("button", name="Post response").click()
    expect(page.locator("#legal-hold-reminder")).to_be_visible()  # the reminder stays beside the nudge
    problems.append(axe_problems(page, f"the nudge on a held page at {width} px"))
    shot(page, f"nudge-held-page-{width}")
    page.get_by_role("button", name="Send it as it is, for a moderator to read").click()
    expect(page.get_by_text("A moderator will read your response before it appears")).to_be_visible()
    review = CommentReview.objects.get(comment__comment=GLOATING)
    assert review.state == CommentState.HELD and review.comment.comment == GLOATING
    assert {"phrase", "legal_hold", "sent_after_nudge"} <= {r["code"] for r in review.reasons}
    assert not [p for p in problems if p], "\n".join(problems)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_new_terms_are_asked_at_the_next_visit_and_agreeing_returns_there(new_page, site, settings, width):
    story = TestimonyPageFactory(owner=FamilyFactory(), title="For Ade", slug="for-ade")
    member = UserFactory(profile_and_email__display_name="Member Mai")
    settings.TERMS_VERSION = "2027-06"  # published after they joined
    page = new_page(user=member, width=width)
    problems = []
    page.goto(story.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Our terms have changed")
    page.get_by_role("button", name="Agree and carry on").click()  # the box unticked: a kind message
    expect(page.locator("#error-summary")).to_contain_text("Please tick the box to agree and carry on.")
    problems.append(axe_problems(page, f"the terms page with an error at {width} px"))
    shot(page, f"terms-error-{width}")
    page.get_by_label("I agree to the new terms of service").check()
    page.get_by_role("button", name="Agree and carry on").click()
    expect(page).to_have_url(site.url(story.url))
    expect(page.get_by_text("Thank you. You have agreed to the new terms.")).to_be_visible()
    assert TermsAcceptance.objects.filter(user=member).first().version == "2027-06"
    assert not [p for p in problems if p], "\n".join(problems)
