"""A legal hold's record (who set it, why, when, on which page) outlives the page it was set on."""

import pytest
from django.test import Client

from accounts.deletion import delete_member
from care import actions
from care.models import LegalHold
from tests.factories import MemorialPageFactory


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")


def _record(hold_pk):
    hold = LegalHold.objects.select_related("set_by").get(pk=hold_pk)
    return hold.page_id, hold.page_title, hold.page_ref, hold.set_by, hold.note, hold.set_at


def test_deleting_the_story_keeps_the_legal_hold_record(story, moderator):
    hold = actions.set_legal_hold(story, by=moderator, note="Trial at the Old Bailey")
    story_pk = story.pk
    story.delete()
    assert _record(hold.pk) == (None, "Jordan", story_pk, moderator, "Trial at the Old Bailey", hold.set_at)
    assert not LegalHold.objects.active().exists()  # nothing left for it to hold


def test_deleting_the_familys_account_keeps_the_legal_hold_record(story, family, moderator):
    hold = actions.set_legal_hold(story, by=moderator, note="Verdict expected in March")
    story_pk = story.pk
    delete_member(family)
    assert _record(hold.pk) == (None, "Jordan", story_pk, moderator, "Verdict expected in March", hold.set_at)


def test_the_legal_holds_list_still_works_after_a_held_page_is_deleted(story, moderator):
    other = MemorialPageFactory(owner=story.owner, title="Sam")
    actions.set_legal_hold(story, by=moderator)
    actions.set_legal_hold(other, by=moderator)
    story.delete()
    client = Client()
    client.force_login(moderator)
    html = client.get("/admin/legal-holds/").content.decode()
    assert "Sam" in html and "Jordan" not in html
