"""Admin: organisations (verify), their staff, held answers and invitations; the hook that marks a new discussion as an ask."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import actions, admin_views
from .models import Membership, Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    menu_order = 260
    add_to_admin_menu = True
    form_fields = ["name", "slug", "kind", "boroughs", "website", "is_trusted"]
    list_display = ["name", "kind", "is_verified", "is_trusted"]
    list_filter = ["kind", "is_verified", "is_trusted"]
    search_fields = ["name"]
    edit_template_name = "organisations/admin/edit.html"


class MembershipViewSet(ModelViewSet):
    """Named staff accounts. Removing one here (delete) is logged like the lead's removal."""

    model = Membership
    icon = "user"
    menu_label = "Organisation staff"
    add_to_admin_menu = False
    form_fields = ["user", "organisation", "is_lead"]
    list_display = ["user", "organisation", "is_lead", "created_at"]
    list_filter = ["organisation", "is_lead"]
    search_fields = ["user__email", "organisation__name"]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("organisation_staff")


class AnswersMenuItem(MenuItem):
    def is_shown(self, request):
        return actions.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_answers_menu_item():
    return AnswersMenuItem(
        "Asks and answers", reverse("organisations_answers"), name="asks-answers", icon_name="help", order=265
    )


@hooks.register("register_admin_urls")
def register_answer_urls():
    return [
        path("asks/", admin_views.answers, name="organisations_answers"),
        path("asks/<int:pk>/invite/", admin_views.invite, name="organisations_invite"),
        path("asks/answers/<int:pk>/decide/", admin_views.decide, name="organisations_decide"),
        path("organisations/<int:pk>/verify/", admin_views.verify, name="organisations_verify"),
    ]


@hooks.register("register_log_actions")
def register_organisation_actions(registry):
    for action, label, message in actions.LOG_ACTIONS:
        registry.register_action(action, label, message)


@hooks.register("after_start_thread")
def mark_as_ask(request, thread):
    """The start-a-discussion form's "this is an ask" box (organisations/includes/ask_field.html)."""
    if request.POST.get("is_ask"):
        # Who could act: a kind the select offers, or none (a moderator invites by hand).
        kind = request.POST.get("ask_kind", "")
        actions.mark_as_ask(thread, kind=kind if kind in dict(Organisation.KINDS) else "")
