"""Moderators keep the support directory up to date from the Wagtail admin ("Support services")."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BleedKit, SupportService


class SupportServiceFilterSet(WagtailFilterSet):
    class Meta:
        model = SupportService
        fields = ["categories", "boroughs", "for_young_people", "check_before_launch"]


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


class BleedKitFilterSet(WagtailFilterSet):
    class Meta:
        model = BleedKit
        fields = ["borough", "venue_kind"]


class BleedKitViewSet(SnippetViewSet):
    """Moderators list the kits; only they see the guardians' names and e-mail addresses."""

    model = BleedKit
    icon = "warning"
    menu_label = "Bleed kits"
    menu_order = 265
    add_to_admin_menu = True
    list_display = ["venue", "borough", "last_checked", "guardian_name"]
    search_fields = ["venue", "street_address"]
    filterset_class = BleedKitFilterSet
    ordering = ["borough__name", "venue"]


register_snippet(BleedKitViewSet)
