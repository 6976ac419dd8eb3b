from django.core.management import call_command

from organisations.models import Answer, Ask, Invitation, Membership, Organisation, Status


def test_demo_has_organisations_asks_every_status_an_invitation_and_a_timeline(tree):
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)  # idempotent
    assert Organisation.objects.filter(name="Northbank Borough Council", is_verified=True).exists()
    assert Organisation.objects.filter(is_verified=False).count() == 1
    assert Membership.objects.filter(is_lead=True).count() == 4
    published = Answer.objects.filter(state=Answer.PUBLISHED)
    assert set(published.values_list("status", flat=True)) == {s for s, _ in Status.choices}
    assert Answer.objects.filter(state=Answer.HELD).count() == 1
    assert Invitation.objects.filter(ask__thread__isnull=False).count() == 1
    # A family asked a listening service to answer their testimony, and it did, in public.
    answered = Ask.objects.get(testimony__title="The support I wish we had been offered")
    assert answered.consented_at and answered.invitations.get().organisation.name == "Westmoor Listening Service"
    assert answered.answers.get().state == Answer.PUBLISHED
    timeline = Ask.objects.get(thread__title="Safer routes home from school")
    assert timeline.answers.count() == 3 and timeline.backing_count > 0
    assert timeline.latest_status == Status.PLANNED
