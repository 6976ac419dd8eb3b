"""Wagtail admin: legal holds (a button on each story and discussion, a list), audit-log actions."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views
from .actions import LOG_ACTIONS


@hooks.register("register_admin_urls")
def register_legal_hold_urls():
    return [
        path("legal-holds/", admin_views.legal_holds, name="legal_holds"),
        path("legal-holds/page/<int:page_pk>/", admin_views.legal_hold, name="legal_hold"),
        path("legal-holds/page/<int:page_pk>/clear/", admin_views.clear_legal_hold, name="clear_legal_hold"),
    ]


class LegalHoldButton(PageMenuItem):
    label = "Legal hold…"
    icon_name = "warning"
    url_name = "legal_hold"

    def is_shown(self, user):
        return admin_views.can_set_legal_holds(user) and admin_views.takes_legal_hold(self.page)


@hooks.register("register_page_header_buttons")
def legal_hold_header_button(page, user, view_name, next_url=None):
    yield LegalHoldButton(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def legal_hold_listing_button(page, user, next_url=None):
    yield LegalHoldButton(page=page, priority=55)


@hooks.register("register_log_actions")
def register_care_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
