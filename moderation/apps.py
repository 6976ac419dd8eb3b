from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Comment moderation"

    def ready(self):
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from core import posting

        from . import moderator

        # xtd publishes (or unpublishes) every reply whenever a comment is saved, so approving
        # a parent would publish its held replies. Each reply is decided on its own here.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="django_comments_xtd.XtdComment")
        moderator.register()

        from caching import member_copies

        from . import shared_pages

        member_copies.vary_by(shared_pages.reader_variant)
        posting.register(refusal=moderator.posting_refusal, record=moderator.record_post)
        declare_what_is_stale()
        tell_accounts_what_is_held()


def tell_accounts_what_is_held():
    from accounts import holdings

    from . import member_data

    holdings.export_section("responses", member_data.responses_export, order=30)
    holdings.export_section("reports_you_made", member_data.reports_export, order=60)
    holdings.export_section("sanctions", member_data.sanctions_export, order=80)
    holdings.eraser(member_data.erase_responses, order=30)


def declare_what_is_stale():
    from django_comments.models import Comment, CommentFlag
    from django_comments_xtd.models import BlackListedDomain, XtdComment

    from caching import invalidation

    from .models import CommentFlagReport, CommentReview, Sanction, ScreeningPhrase

    def page_of_comment(record):
        return [XtdComment.norel_objects.filter(pk=record.comment_id).values_list("object_pk", flat=True).first()]

    # A comment shows on its page and in discussion activity on the home and borough pages.
    # django_comments' own code (and anyone's) may save it through the base `Comment` model, the
    # multi-table parent of XtdComment, which sends its own signals: declared too.
    for model in (XtdComment, Comment):
        invalidation.declare(model, pages=lambda comment: [comment.object_pk], listings=True)
    invalidation.declare(CommentReview, pages=page_of_comment)
    invalidation.declare(CommentFlagReport, pages=page_of_comment)
    # A sanction changes whether a member's replies and reply links are shown anywhere.
    invalidation.declare(Sanction, site=True)
    invalidation.ignore(CommentFlag, "django_comments' flags are not shown; reports are CommentFlagReport")
    invalidation.ignore(ScreeningPhrase, "screening decides new comments; nothing shown changes")
    invalidation.ignore(BlackListedDomain, "xtd's blocklist is not used")
