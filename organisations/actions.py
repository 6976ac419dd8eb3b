"""Everything that changes an organisation, an ask or an answer: logged in Wagtail's audit log, mail after commit."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.mail import send_after_commit

from .models import Answer, Ask, Backing, Invitation, Membership

VERIFIED = "organisations.verified"
STAFF_REMOVED = "organisations.staff_removed"
INVITED = "organisations.invited"
ANSWER_PUBLISHED = "organisations.answer_published"
ANSWER_TRUSTED = "organisations.answer_published_trusted"
ANSWER_REJECTED = "organisations.answer_rejected"
TESTIMONY_ASKED = "organisations.testimony_answer_asked"

LOG_ACTIONS = [
    (VERIFIED, "Verify organisation", "Organisation verified"),
    (STAFF_REMOVED, "Remove organisation staff", "Organisation staff member removed"),
    (INVITED, "Invite organisation to answer", "Organisation invited to answer an ask"),
    (ANSWER_PUBLISHED, "Publish organisation answer", "Organisation answer published"),
    (ANSWER_TRUSTED, "Trusted answer", "Trusted organisation's answer published at once"),
    (ANSWER_REJECTED, "Reject organisation answer", "Organisation answer not published"),
    (TESTIMONY_ASKED, "Ask for an answer to a testimony", "Family asked an organisation to answer their testimony"),
]


def is_moderator(user):
    return user.is_authenticated and user.is_active and user.has_perm("organisations.change_answer")


def staff_organisations(user):
    """The verified organisations `user` may answer for (never any other)."""
    from .models import Organisation

    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(is_verified=True, memberships__user=user)


def verify(organisation, *, by):
    if organisation.is_verified:
        return False
    organisation.is_verified, organisation.verified_at = True, timezone.now()
    organisation.save(update_fields=["is_verified", "verified_at"])
    log(instance=organisation, action=VERIFIED, user=by)
    return True


def remove_staff(membership, *, by):
    log(instance=membership.organisation, action=STAFF_REMOVED, user=by, data={"member": membership.user_id})
    membership.delete()


def mark_as_ask(thread, kind=""):
    ask, created = Ask.objects.get_or_create(thread=thread, defaults={"kind": kind})
    return ask


def invite_who_could_act(ask):
    """The system's invitations, once the ask's discussion is published: every verified organisation
    of the kind the resident chose that covers the ask's borough. No kind chosen, nobody is invited
    automatically; a moderator can always invite by hand."""
    from .models import Organisation

    if not (ask.kind and ask.thread_id):
        return []
    could_act = Organisation.objects.filter(is_verified=True, kind=ask.kind, boroughs=ask.thread.borough_id)
    return invite(ask, could_act.distinct(), by=None)


def ask_about_testimony(testimony, organisation, *, by):
    """A family asks a named organisation to answer their testimony, and consents to share it with
    them. Returns False when that organisation was already asked."""
    if testimony.owner_id != by.pk or not organisation.is_verified:
        raise PermissionError("only the family whose testimony it is asks, and only a verified organisation")
    ask, _created = Ask.objects.get_or_create(testimony=testimony, defaults={"consented_at": timezone.now()})
    if not invite(ask, [organisation], by=by):
        return False
    log(instance=testimony, action=TESTIMONY_ASKED, user=by, data={"organisation": organisation.pk})
    return True


def back(ask, user):
    """One supportive click: at most one backing per member, whatever the number of clicks."""
    try:
        with transaction.atomic():
            Backing.objects.create(ask=ask, user=user)
    except IntegrityError:
        return False
    Ask.objects.filter(pk=ask.pk).update(backing_count=F("backing_count") + 1)
    return True


def invite(ask, organisations, *, by):
    invited = []
    for organisation in organisations:
        invitation, created = Invitation.objects.get_or_create(
            ask=ask, organisation=organisation, defaults={"invited_by": by}
        )
        if not created:
            continue
        invited.append(organisation)
        log(instance=organisation, action=INVITED, user=by, data={"ask": ask.pk})
        url = reverse("answer_ask", args=[ask.pk])
        for membership in organisation.memberships.select_related("user"):
            send_after_commit(
                "organisations/email/invitation",
                {"organisation": organisation, "ask": ask, "thread": ask.page, "path": url},
                [membership.user.email],
            )
    return invited


def give_answer(ask, organisation, *, author, status, body):
    """An organisation's answer: held for a moderator, or published at once (and logged) when trusted."""
    if not Membership.objects.filter(user=author, organisation=organisation, organisation__is_verified=True).exists():
        raise PermissionError("only an organisation's own staff answer for it")
    answer = Answer.objects.create(ask=ask, organisation=organisation, author=author, status=status, body=body)
    if organisation.is_trusted:
        publish(answer, by=author, action=ANSWER_TRUSTED)
    return answer


def publish(answer, *, by, action=ANSWER_PUBLISHED):
    if answer.state == Answer.PUBLISHED:
        return False
    now = timezone.now()
    answer.state, answer.published_at = Answer.PUBLISHED, now
    answer.save(update_fields=["state", "published_at"])
    ask = answer.ask
    ask.latest_status = answer.status
    ask.first_answer_at = ask.first_answer_at or now
    ask.save(update_fields=["latest_status", "first_answer_at"])
    log(instance=answer.organisation, action=action, user=by, data={"answer": answer.pk, "ask": ask.pk})
    tell_about_status(answer)
    return True


def reject(answer, *, by):
    if answer.state != Answer.HELD:
        return False
    answer.state = Answer.REJECTED
    answer.save(update_fields=["state"])
    log(instance=answer.organisation, action=ANSWER_REJECTED, user=by, data={"answer": answer.pk})
    return True


def tell_about_status(answer):
    """The ask's author (the family, for a testimony) and the page's followers hear of every published
    status, one e-mail each."""
    from notifications.models import Follow

    thread = answer.ask.page
    emails = set()
    if thread.owner_id and thread.owner.is_active:
        emails.add(thread.owner.email)
    emails |= set(Follow.objects.filter(page_id=thread.pk, user__is_active=True).values_list("user__email", flat=True))
    for email in sorted(emails):
        send_after_commit(
            "organisations/email/status",
            {"answer": answer, "organisation": answer.organisation, "thread": thread, "path": thread.url},
            [email],
        )
