"""Wagtail admin: the moderator inbox (menu, dashboard panel, URLs), rejection reasons, screening phrases,
sanctions, audit-log actions."""

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from stories.models import StoryPage

from . import actions, admin_views, inbox, takedown
from .actions import LOG_ACTIONS
from .inbox_views import InboxWorkflowActionView
from .models import RejectionReason, Sanction, ScreeningPhrase


class InboxMenuItem(MenuItem):
    """ "Inbox", with how many items wait (stories and discussions, responses, family role requests)."""

    def is_shown(self, request):
        return request.user.has_perm("django_comments.can_moderate")

    def render_component(self, request):
        waiting = inbox.counts(request.user)["all"]
        self.label = f"Inbox ({waiting})" if waiting else "Inbox"
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem("Inbox", reverse("moderation_inbox"), name="inbox", icon_name="tasks", order=50)


class InboxPanel(Component):
    """On the dashboard: what waits in each part of the inbox, each a link to its tab."""

    name = "moderator_inbox"
    template_name = "moderation/admin/inbox_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        counts = inbox.counts(request.user)
        url = reverse("moderation_inbox")
        first_tab = next((tab for tab in ("held", "flagged", "hidden") if counts[tab]), "held")
        return {
            "total": counts["all"],
            "inbox_url": url,
            "parts": [
                ("Stories and discussions", counts["pages"], f"{url}?tab=pages"),
                ("Response moderation", counts["responses"], f"{url}?tab={first_tab}"),
                ("Family role requests", counts["family"], f"{url}?tab=family"),
            ],
            "counts": counts,
        }


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    if request.user.has_perm("django_comments.can_moderate"):
        panels.append(InboxPanel())


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("inbox/", admin_views.inbox_view, name="moderation_inbox"),
        path(
            "inbox/page/<int:page_id>/<str:action_name>/<int:task_state_id>/",
            InboxWorkflowActionView.as_view(),
            name="moderation_inbox_workflow_action",
        ),
        # The old comment queue: the inbox, opening on the held responses. The response actions live here.
        path("comment-moderation/", admin_views.queue, name="moderation_queue"),
        path("comment-moderation/act/", admin_views.bulk, name="moderation_bulk"),
        path("comment-moderation/<int:pk>/reject/", admin_views.reject, name="moderation_reject"),
        path("comment-moderation/member/<int:user_pk>/sanction/", admin_views.sanction, name="moderation_sanction"),
    ]


class RejectionReasonViewSet(ModelViewSet):
    """Ready-made reasons moderators choose when rejecting a response (Moderators may add, change, delete)."""

    model = RejectionReason
    icon = "comment"
    menu_label = "Rejection reasons"
    add_to_admin_menu = False
    form_fields = ["title", "text", "is_active", "sort_order"]
    list_display = ["title", "text", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["title", "text"]
    ordering = ["sort_order", "title"]


@hooks.register("register_admin_viewset")
def register_rejection_reason_viewset():
    return RejectionReasonViewSet("rejection_reasons")


class ScreeningPhraseViewSet(ModelViewSet):
    model = ScreeningPhrase
    icon = "warning"
    menu_label = "Screening phrases"
    add_to_admin_menu = False
    form_fields = ["phrase", "category", "is_active", "note"]
    list_display = ["phrase", "category", "is_active", "note"]
    list_filter = ["category", "is_active"]
    search_fields = ["phrase", "note"]


class SanctionEditView(EditView):
    def save_instance(self):
        was_active = Sanction.objects.active().filter(pk=self.object.pk).exists()
        instance = super().save_instance()
        actions.sanction_edited(instance, was_active=was_active, by=self.request.user)
        return instance


class SanctionViewSet(ModelViewSet):
    """Lists sanctions; a moderator lifts one by setting "lifted at". New ones come from the queue (with e-mail)."""

    model = Sanction
    icon = "warning"
    menu_label = "Sanctions"
    add_to_admin_menu = False
    form_fields = ["until", "lifted_at"]
    edit_view_class = SanctionEditView
    list_display = ["user", "kind", "reason", "created_at", "until", "lifted_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "reason"]


@hooks.register("register_admin_viewset")
def register_screening_viewset():
    return ScreeningPhraseViewSet("screening_phrases")


@hooks.register("register_admin_viewset")
def register_sanction_viewset():
    return SanctionViewSet("sanctions")


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


# Taking a family's story down: with a reason the family is told (moderation/takedown.py).
@hooks.register("register_admin_urls")
def register_take_down_url():
    return [path("stories/<int:page_pk>/take-down/", takedown.take_down_view, name="moderation_take_down")]


@hooks.register("register_log_actions")
def register_take_down_action(actions_registry):
    actions_registry.register_action(takedown.TAKEN_DOWN, "Take down a story", "Story taken down, the family told why")


@hooks.register("before_unpublish_page")
def unpublish_stories_with_a_reason(request, page):
    """Wagtail's unpublish asks for no reason: a moderator unpublishing a family's story gives one here."""
    if isinstance(page.specific, StoryPage) and not request.user.is_superuser:
        return redirect("moderation_take_down", page_pk=page.pk)
    return None


class TakeDownButton(PageMenuItem):
    label = "Take down…"
    icon_name = "warning"
    url_name = "moderation_take_down"

    def is_shown(self, user):
        return takedown.can_take_down(user) and self.page.live and isinstance(self.page.specific, StoryPage)


@hooks.register("register_page_listing_more_buttons")
def take_down_listing_button(page, user, next_url=None):
    yield TakeDownButton(page=page, priority=56)
