"""Keeping safety's reports in step with moderation's, without moderation knowing about safety.

- A member's report of a response made through moderation's own form (CommentFlagReport) is
  also a safety report, so it has a reference and counts on the transparency page.
- When a moderator decides a response in the comment inbox (moderation writes the audit log),
  the reports of it are closed and their reporters told.
"""

from django.db.models.signals import post_save


def flag_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    from .models import Report
    from .reports import tell_moderators_if_at_risk
    from .targets import resolve

    content_type = ContentType.objects.get_for_model(XtdComment)
    # safety's own form files its report first, then moderation's flag: link the two.
    if Report.objects.filter(
        content_type=content_type, object_id=instance.comment_id, reporter_id=instance.user_id, flag__isnull=True
    ).update(flag=instance):
        return
    target = resolve("django_comments_xtd.xtdcomment", instance.comment_id)
    label = target.label if target else f"Response #{instance.comment_id}"
    report = Report.objects.create(
        content_type=content_type,
        object_id=instance.comment_id,
        target_label=label,
        target_url=target.url if target else "",
        category=instance.reason,  # the same category list (moderation.models.ReportCategory)
        detail=instance.detail,
        email=instance.user.email,
        reporter_id=instance.user_id,
        flag=instance,
    )
    tell_moderators_if_at_risk(report)


DECIDING = {"moderation.approve": False, "moderation.reject": True}


def log_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.action not in DECIDING:
        return
    comment_id = (instance.data or {}).get("comment")
    if comment_id:
        from .reports import close_reports_of_comment

        close_reports_of_comment(comment_id, by=instance.user, acted=DECIDING[instance.action])


def connect():
    from wagtail.models import ModelLogEntry

    from moderation.models import CommentFlagReport

    post_save.connect(flag_saved, sender=CommentFlagReport, dispatch_uid="safety.flag_saved")
    post_save.connect(log_saved, sender=ModelLogEntry, dispatch_uid="safety.log_saved")
