"""Wagtail admin: the "Comment moderation" queue, screening phrases, sanctions, audit-log actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import actions, admin_views
from .actions import LOG_ACTIONS
from .models import Sanction, ScreeningPhrase


class QueueMenuItem(MenuItem):
    """Shows how many comments wait (held + reported + hidden) in its label."""

    def is_shown(self, request):
        return request.user.has_perm("django_comments.can_moderate")

    def render_component(self, request):
        counts = admin_views.queue_counts()
        waiting = sum(count for tab, count in counts.items() if tab != "care")  # care: decided, not waiting
        self.label = f"Comment moderation ({waiting})" if waiting else "Comment moderation"
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        "Comment moderation", reverse("moderation_queue"), name="comment-moderation", icon_name="comment", order=240
    )


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [
        path("comment-moderation/", admin_views.queue, name="moderation_queue"),
        path("comment-moderation/act/", admin_views.bulk, name="moderation_bulk"),
        path("comment-moderation/<int:pk>/reject/", admin_views.reject, name="moderation_reject"),
        path("comment-moderation/member/<int:user_pk>/sanction/", admin_views.sanction, name="moderation_sanction"),
    ]


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
