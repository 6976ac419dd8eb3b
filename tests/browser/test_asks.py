"""From listening to action in a real browser: a resident marks a discussion as an ask, two others
back it, a moderator invites a council, the council's staff member answers "looking into it" and
then "change made" (each published by a moderator), and the author is told each time. axe-core
finds nothing on any new page at phone and desktop widths."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from boroughs.models import ThreadPage
from organisations.models import Answer, Ask
from tests.factories import ModeratorFactory, UserFactory
from tests.organisations.helpers import organisation, staff_of

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]

SHOTS = Path("/tmp/orgs-shots")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _publish(thread):
    """The moderators' approval of the discussion itself is their own journey (test_inbox)."""
    thread = ThreadPage.objects.get(pk=thread.pk)
    thread.get_latest_revision().publish()
    return ThreadPage.objects.get(pk=thread.pk)


def _moderator_publishes_the_held_answer(moderator_page, problems, label):
    moderator_page.goto("/admin/asks/")
    expect(moderator_page.get_by_role("heading", name="Answers waiting for a moderator")).to_be_visible()
    problems.append(axe_problems(moderator_page, f"the admin's asks and answers ({label})"))
    moderator_page.get_by_role("button", name=re.compile(r"^Publish")).first.click()
    expect(moderator_page.get_by_text("No answer is waiting.")).to_be_visible()


def test_an_ask_is_backed_answered_and_its_author_told(new_page, site):
    author = UserFactory(profile_and_email__display_name="Resident Rita")
    backers = [UserFactory(profile_and_email__display_name=name) for name in ("Neighbour Nia", "Neighbour Noor")]
    moderator = ModeratorFactory(profile_and_email__display_name="Moderator Mo")
    council = organisation("Northbank Borough Council", boroughs=("hackney",))
    lead = staff_of(council, is_lead=True, profile_and_email__display_name="Dana at Northbank")
    officer = staff_of(council, profile_and_email__display_name="Lee at Northbank")
    problems = []

    # 1. The resident starts a discussion and ticks "this is an ask".
    page = new_page(user=author)
    page.goto("/boroughs/lambeth/start-a-discussion/")
    problems.append(axe_problems(page, "start a discussion, with the ask box"))
    page.get_by_label("Title").fill("Lights on the towpath")
    page.get_by_label("Opening post").fill("The towpath by the estate is dark from four o'clock in winter.")
    page.get_by_label("This is an ask: what would help").check()
    page.get_by_role("button", name="Send to the moderators").click()
    ask = Ask.objects.get(thread__title="Lights on the towpath")
    thread = _publish(ask.thread)

    # 2. Two neighbours back it with one click each (a second click changes nothing).
    for backer in backers:
        backer_page = new_page(user=backer, width=PHONE)
        backer_page.goto(thread.url)
        backer_page.get_by_role("button", name=re.compile(r"^Back this")).click()
        expect(backer_page.get_by_role("status")).to_contain_text("Thank you for backing this.")
    expect(backer_page.get_by_text("You back this. Thank you.")).to_be_visible()
    problems.append(axe_problems(backer_page, "a discussion with an ask, backed, at 375 px"))
    shot(backer_page, "ask-backed-375")
    ask.refresh_from_db()
    assert ask.backing_count == 2

    # 3. A moderator invites the council from the admin; its staff get an e-mail with a link.
    mail.outbox.clear()
    moderator_page = new_page(user=moderator)
    moderator_page.goto("/admin/asks/")
    problems.append(axe_problems(moderator_page, "the admin's asks and answers"))
    moderator_page.get_by_role("link", name=re.compile(r"^Invite organisations")).click()
    problems.append(axe_problems(moderator_page, "the admin's invite page"))
    moderator_page.get_by_label("Northbank Borough Council").check()
    moderator_page.get_by_role("button", name="Send the invitations").click()
    expect(moderator_page.get_by_text("Invited 1 organisation.")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, officer.email])
    link = re.search(r"https?://\S+/asks/\d+/answer/", mail.outbox[0].body).group(0)

    # 4. The council's officer answers "looking into it", then "change made"; a moderator publishes each.
    officer_page = new_page(user=officer)
    for status, words in [("Looking into it", "We walk the towpath with residents on Tuesday."),
                          ("Change made", "Twelve new lights were switched on this week.")]:  # fmt: skip
        mail.outbox.clear()
        officer_page.goto("/" + link.split("/", 3)[3])
        problems.append(axe_problems(officer_page, f"the answer form ({status})"))
        officer_page.get_by_label(status).check()
        officer_page.get_by_label("Your answer").fill(words)
        officer_page.get_by_role("button", name="Send the answer").click()
        expect(officer_page.get_by_text("A moderator will read your answer")).to_be_visible()
        expect(officer_page.locator("#ask")).not_to_contain_text(words)  # held
        _moderator_publishes_the_held_answer(moderator_page, problems, status)
        told = [m for m in mail.outbox if m.to == [author.email]]
        assert len(told) == 1 and status in told[0].subject, [m.subject for m in mail.outbox]
    assert Answer.objects.filter(state=Answer.PUBLISHED).count() == 2

    # 5. Everyone sees the timeline, the borough's asks, the organisation and what changed.
    for width in (PHONE, DESKTOP):
        visitor = new_page(width=width)
        visitor.goto(thread.url)
        timeline = visitor.locator(".ask-timeline")
        expect(timeline).to_contain_text("Looking into it")
        expect(timeline).to_contain_text("Change made")
        for path, name in [
            (thread.url, "discussion"),
            ("/boroughs/lambeth/?asks=backing#asks", "borough"),
            (council.get_absolute_url(), "organisation"),
            ("/organisations/", "organisations"),
            ("/what-changed/", "what-changed"),
        ]:
            visitor.goto(path)
            problems.append(axe_problems(visitor, f"{name} at {width} px"))
            shot(visitor, f"{name}-{width}")
        lead_page = new_page(user=lead, width=width)
        lead_page.goto(f"/organisations/{council.slug}/staff/")
        problems.append(axe_problems(lead_page, f"the lead's staff page at {width} px"))
        shot(lead_page, f"staff-{width}")
    moderator_page.goto(f"/admin/organisations/edit/{council.pk}/")
    problems.append(axe_problems(moderator_page, "the admin's organisation page"))
    problems = [p for p in problems if p]
    assert not problems, "\n\n".join(problems)


def test_a_family_asks_an_organisation_to_answer_their_testimony(new_page, site):
    """From Your stories: choose the organisation, tick consent (first forgetting it, and getting
    the choice back), and the answer, once a moderator publishes it, shows under the testimony."""
    from organisations import actions
    from organisations.models import Status
    from tests.factories import FamilyFactory, TestimonyPageFactory, borough

    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    testimony = TestimonyPageFactory(owner=family, title="The support we wish we had", borough=borough("lambeth"))
    support = organisation("Fictional Victim Support London", boroughs=("lambeth",), kind="charity")
    officer = staff_of(support, profile_and_email__display_name="Sam at Victim Support")
    moderator = ModeratorFactory()
    problems = []

    page = new_page(user=family, width=PHONE)
    page.goto("/me/stories/")
    page.get_by_role("link", name="Ask an organisation to answer “The support we wish we had”").click()
    expect(page.get_by_role("heading", name="Ask an organisation to answer your testimony")).to_be_visible()
    problems.append(axe_problems(page, "ask an organisation to answer, at 375 px"))
    shot(page, "testimony-ask-375")
    page.get_by_label("Which organisation").select_option(label=support.name)
    page.get_by_role("button", name="Ask them to answer").click()  # consent not yet given
    expect(page.get_by_text("Please tick the box to agree, or we cannot ask them.").first).to_be_visible()
    expect(page.get_by_label("Which organisation")).to_have_value(str(support.pk))
    problems.append(axe_problems(page, "ask an organisation to answer, refused for consent"))
    mail.outbox.clear()
    page.get_by_label(re.compile(r"^I agree to share my testimony")).check()
    page.get_by_role("button", name="Ask them to answer").click()
    expect(page.get_by_text(f"We have asked {support.name} to answer.")).to_be_visible()
    assert [m.to for m in mail.outbox] == [[officer.email]]

    ask = Ask.objects.get(testimony=testimony)
    answer = actions.give_answer(
        ask, support, author=officer, status=Status.LOOKING, body="We are sorry. We will call."
    )
    mail.outbox.clear()
    actions.publish(answer, by=moderator)
    assert [m.to for m in mail.outbox] == [[family.email]]
    for width in (PHONE, DESKTOP):
        visitor = new_page(width=width)
        visitor.goto(testimony.url)
        section = visitor.get_by_role("region", name="Answers from organisations")
        expect(section.get_by_text("We are sorry. We will call.")).to_be_visible()
        expect(section.get_by_text("Looking into it")).to_be_visible()
        problems.append(axe_problems(visitor, f"a testimony with an organisation's answer at {width} px"))
        shot(visitor, f"testimony-answered-{width}")
    desktop = new_page(user=family, width=DESKTOP)
    desktop.goto(f"/me/stories/{testimony.pk}/ask-an-organisation/")
    expect(desktop.get_by_text(f"You have asked: {support.name}.")).to_be_visible()
    shot(desktop, "testimony-ask-1280")
    problems = [p for p in problems if p]
    assert not problems, "\n\n".join(problems)
