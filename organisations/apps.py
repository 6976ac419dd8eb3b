from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from boroughs.models import ThreadPage
        from caching import invalidation

        from .models import Answer, Ask, Backing, Invitation, Membership, Organisation

        def ask_pages(ask):
            from boroughs.models import BoroughPage

            if ask.is_testimony:
                return [ask.testimony_id]  # a testimony's answers show only under it
            thread = ask.thread
            return [thread.pk, *BoroughPage.objects.filter(borough_id=thread.borough_id).values_list("pk", flat=True)]

        # /organisations/, each organisation's page and /what-changed/ (organisations/views.py).
        def figures_and_organisation_pages(instance):
            return ["organisations"]

        # An ask's backing, status and answers show on its page and, for a discussion, its borough's page;
        # a new ask or a new status changes the figures on /what-changed/.
        invalidation.declare(Ask, pages=ask_pages, tags=figures_and_organisation_pages)
        invalidation.declare(Backing, pages=lambda backing: ask_pages(backing.ask))
        # A held answer shows nowhere public: only a published one (or one removed) makes copies stale.
        invalidation.declare(
            Answer,
            pages=lambda answer: ask_pages(answer.ask),
            when=lambda answer, signal, kwargs: answer.state == Answer.PUBLISHED or signal is post_delete,
            tags=figures_and_organisation_pages,
        )
        # Answers carry the organisation's name and mark wherever they are shown.
        invalidation.declare(Organisation, site=True, m2m=True)
        invalidation.ignore(Invitation, "invitations are shown only to moderators and the invited staff")
        invalidation.ignore(Membership, "staff lists are for the lead and moderators, never a shared copy")

        # Which shared copy of a discussion a member is given (caching/member_copies.py): whether
        # they back its ask; an organisation's staff may answer, so theirs is rendered for them.
        from django.db.models import Exists, OuterRef

        from caching import member_copies

        from . import actions

        member_copies.reader_page_fact(
            "backs_ask", lambda user: Exists(Backing.objects.filter(user=user, ask__thread_id=OuterRef("pk")))
        )
        member_copies.reader_page_fact(
            "answers_for_an_organisation", lambda user: Exists(actions.staff_organisations(user)), personal=True
        )

        # The system invites who could act once an ask's discussion is published (a moderator approved it).
        page_published.connect(
            invite_who_could_act, sender=ThreadPage, dispatch_uid="organisations_invite_who_could_act"
        )


def invite_who_could_act(sender, instance, **kwargs):
    from .actions import invite_who_could_act as invite
    from .models import Ask

    ask = Ask.objects.filter(thread_id=instance.pk).select_related("thread").first()
    if ask is not None:
        invite(ask)
