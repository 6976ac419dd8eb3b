"""Wagtail admin: deciding what waits in the circle, and the "Peer supporters" area where moderators
grant and remove the role (logged and e-mailed, as the family role is in accounts)."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, DeleteView
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .forms import PeerSupporterForm
from .models import PeerSupporter
from .roles import PEER_SUPPORTER_GRANTED, PEER_SUPPORTER_REMOVED, peer_supporter_changed
from .talk import NOT_PASSED_ON, PASSED_ON


@hooks.register("register_admin_urls")
def register_circle_urls():
    return [
        path(
            "circle/discussions/<int:discussion_id>/decide/",
            admin_views.decide_discussion,
            name="circle_decide_discussion",
        ),
        path("circle/replies/<int:reply_id>/decide/", admin_views.decide_reply, name="circle_decide_reply"),
        path(
            "circle/requests/<int:talk_request_id>/decide/", admin_views.decide_request, name="circle_decide_request"
        ),
    ]


class GrantView(CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        supporter = super().save_instance()
        peer_supporter_changed(supporter, granted=True, by=self.request.user)
        return supporter


class RemoveView(DeleteView):
    def delete_action(self):
        peer_supporter_changed(self.object, granted=False, by=self.request.user)
        super().delete_action()


class PeerSupporterViewSet(ModelViewSet):
    model = PeerSupporter
    icon = "group"
    menu_label = "Peer supporters"
    menu_order = 260
    add_to_admin_menu = True
    add_view_class = GrantView
    delete_view_class = RemoveView
    list_display = ["__str__", "user", "note", "granted_at"]
    search_fields = ["user__email", "user__profile__display_name"]
    ordering = ["-granted_at"]

    def get_form_class(self, for_update=False):
        return PeerSupporterForm


@hooks.register("register_admin_viewset")
def register_peer_supporter_viewset():
    return PeerSupporterViewSet("peer-supporters")


LOG_ACTIONS = [
    (PEER_SUPPORTER_GRANTED, "Grant peer supporter role", "Peer supporter role granted"),
    (PEER_SUPPORTER_REMOVED, "Remove peer supporter role", "Peer supporter role removed"),
    (PASSED_ON, "Pass on a request to talk", "Request to talk passed on"),
    (NOT_PASSED_ON, "Do not pass on a request to talk", "Request to talk not passed on"),
]


@hooks.register("register_log_actions")
def register_circle_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
