"""Moderators keep the support directory up to date from the Wagtail admin ("Support services")."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SupportService


class SupportServiceFilterSet(WagtailFilterSet):
    class Meta:
        model = SupportService
        fields = ["categories", "boroughs", "check_before_launch"]


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "help"
    menu_label = "Support services"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "phone", "opening_hours", "check_before_launch"]
    search_fields = ["name", "summary"]
    filterset_class = SupportServiceFilterSet
    ordering = ["position", "name"]


register_snippet(SupportServiceViewSet)
