"""What the circle holds for a member, in their download (registered in `CircleConfig.ready()`; see
`accounts/holdings.py`), and what deleting the account does to it (`erase_circle`)."""

from .models import Discussion, FamilyListing, PeerSupporter, Reply, Status, TalkRequest

REMOVED_DISCUSSION_BODY = (
    "The family member who started this conversation has left London Listens and asked for their words to be removed."
)


def erase_circle(user, counts):
    """A published discussion others have replied to is kept for them, without its opening words or
    its author (as borough discussions are); everything else of the member's goes with their account
    (the other foreign keys cascade)."""
    for discussion in Discussion.objects.filter(author=user):
        others = discussion.replies.filter(status=Status.PUBLISHED).exclude(author=user).exists()
        if discussion.status == Status.PUBLISHED and others:
            discussion.body = REMOVED_DISCUSSION_BODY
            discussion.author = None
            discussion.save(update_fields=["body", "author"])
            counts["circle_discussions_kept_for_others"] += 1
        else:
            discussion.delete()
            counts["circle_discussions_deleted"] += 1
    return set()


def circle_export(user, request, pages):
    listing = FamilyListing.objects.filter(user=user).select_related("borough").first()
    rows = {
        "findable": bool(listing and listing.findable),
        "borough": listing.borough.name if listing and listing.borough else "",
        "loss": listing.get_loss_display() if listing else "",
        "peer_supporter": PeerSupporter.objects.filter(user=user).exists(),
        "discussions": [
            {"title": d.title, "text": d.body, "status": d.status, "written": d.created_at.isoformat()}
            for d in Discussion.objects.filter(author=user).order_by("pk")
        ],
        "replies": [
            {"in": r.discussion.title, "text": r.body, "status": r.status, "written": r.created_at.isoformat()}
            for r in Reply.objects.filter(author=user).select_related("discussion").order_by("pk")
        ],
        "requests_sent": [
            {"to": t.recipient.public_name, "message": t.message, "your_contact": t.sender_contact, "status": t.status}
            for t in TalkRequest.objects.filter(sender=user).select_related("recipient__profile").order_by("pk")
        ],
        "requests_received": [
            {"from": t.sender.public_name, "your_contact": t.recipient_contact, "status": t.status}
            for t in TalkRequest.objects.filter(recipient=user)
            .exclude(status__in=[TalkRequest.WITH_MODERATOR, TalkRequest.NOT_PASSED])
            .select_related("sender__profile")
            .order_by("pk")
        ],
    }
    return lambda: rows
