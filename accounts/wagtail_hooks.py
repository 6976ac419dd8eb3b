"""The "Members" area of the Wagtail admin, where moderators grant or remove the family role."""

from urllib.parse import urlencode

import django_filters
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Profile
from .roles import FAMILY_GRANTED, FAMILY_REMOVED, family_role_changed


class MemberFilterSet(WagtailFilterSet):
    waiting = django_filters.BooleanFilter(
        label="Asked for the family role and waiting",
        method="filter_waiting",
    )

    def filter_waiting(self, queryset, name, value):
        waiting = Q(family_role_requested_at__isnull=False, is_family=False)
        return queryset.filter(waiting) if value else queryset.exclude(waiting)

    class Meta:
        model = Profile
        fields = ["is_family"]


class MemberEditView(EditView):
    def get_success_url(self):
        # From a family role request in the moderator inbox (`?next=`), back to the inbox.
        return get_valid_next_url_from_request(self.request) or super().get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = get_valid_next_url_from_request(self.request)
        if next_url:
            context["action_url"] = f"{context['action_url']}?{urlencode({'next': next_url})}"
        return context

    def save_instance(self):
        was_family = Profile.objects.filter(pk=self.object.pk).values_list("is_family", flat=True).first()
        instance = super().save_instance()
        if was_family != instance.is_family:
            family_role_changed(instance, by=self.request.user)
        return instance


class MemberViewSet(ModelViewSet):
    model = Profile
    icon = "user"
    menu_label = "Members"
    menu_order = 250
    add_to_admin_menu = True
    form_fields = ["is_family"]
    list_display = ["__str__", "user", "is_family", "family_role_requested_at"]
    search_fields = ["display_name", "user__email"]
    filterset_class = MemberFilterSet
    edit_view_class = MemberEditView
    inspect_view_enabled = True
    inspect_view_fields = [
        "display_name",
        "user",
        "home_borough",
        "is_family",
        "family_role_requested_at",
        "family_role_request",
    ]
    ordering = ["-family_role_requested_at", "display_name"]


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("members")


@hooks.register("register_log_actions")
def register_family_role_actions(actions):
    actions.register_action(FAMILY_GRANTED, "Grant family role", "Family role granted")
    actions.register_action(FAMILY_REMOVED, "Remove family role", "Family role removed")


@hooks.register("register_log_actions")
def register_account_data_actions(actions):
    from .deletion import ACCOUNT_DELETED, DATA_EXPORTED

    actions.register_action(DATA_EXPORTED, "Download own data", "A member downloaded their data")
    actions.register_action(ACCOUNT_DELETED, "Delete own account", "A member deleted their account")
