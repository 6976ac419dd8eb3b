"""Moderators see a member's name, not their e-mail address, where they do not need to write to
them: the comment queue and the sanction form (the site sends those e-mails itself)."""

from django.urls import reverse

from moderation.models import CommentState
from tests.factories import MemorialPageFactory
from tests.moderation.helpers import make_comment


def test_the_queue_and_the_sanction_form_show_no_e_mail_address(family, resident, moderator_client):
    story = MemorialPageFactory(owner=family, title="Jordan")
    make_comment(story, resident, "Waiting words", state=CommentState.HELD)
    queue = moderator_client.get(reverse("moderation_queue")).content.decode()
    assert "Waiting words" in queue and "Resident Rita" in queue
    assert resident.email not in queue
    sanction = moderator_client.get(reverse("moderation_sanction", args=[resident.pk])).content.decode()
    assert "Resident Rita" in sanction and resident.email not in sanction
