from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"

    def ready(self):
        from django.db.models.signals import post_delete

        from caching import invalidation

        from .models import Answer, Ask, Backing, Invitation, Membership, Organisation

        def ask_pages(ask):
            from boroughs.models import BoroughPage

            thread = ask.thread
            return [thread.pk, *BoroughPage.objects.filter(borough_id=thread.borough_id).values_list("pk", flat=True)]

        # An ask's backing, status and answers show on its discussion and on its borough's page.
        invalidation.declare(Ask, pages=ask_pages)
        invalidation.declare(Backing, pages=lambda backing: ask_pages(backing.ask))
        # A held answer shows nowhere public: only a published one (or one removed) makes copies stale.
        invalidation.declare(
            Answer,
            pages=lambda answer: ask_pages(answer.ask),
            when=lambda answer, signal, kwargs: answer.state == Answer.PUBLISHED or signal is post_delete,
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
