"""Wagtail admin: deciding reports and appeals, the complaints list, the audit-log actions."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .appeals import APPEAL_DECIDED, APPEAL_FILED
from .models import Complaint
from .reports import REPORT_DECIDED, REPORT_FILED


@hooks.register("register_admin_urls")
def register_safety_urls():
    return [
        path("safety/reports/<int:pk>/decide/", admin_views.decide_report, name="safety_decide_report"),
        path("safety/appeals/<int:pk>/decide/", admin_views.decide_appeal, name="safety_decide_appeal"),
    ]


class ComplaintViewSet(ModelViewSet):
    """Complaints about the service: administrators read them here (each was also e-mailed to them)."""

    model = Complaint
    icon = "mail"
    menu_label = "Complaints"
    add_to_admin_menu = True
    menu_order = 900
    form_fields = ["handled_at", "note"]
    list_display = ["reference", "created_at", "name", "about", "handled_at"]
    list_filter = ["handled_at"]
    search_fields = ["reference", "about"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet("complaints")


LOG_ACTIONS = [
    (REPORT_FILED, "Report", "Report received"),
    (REPORT_DECIDED, "Decide report", "Report decided"),
    (APPEAL_FILED, "Appeal", "Appeal received"),
    (APPEAL_DECIDED, "Decide appeal", "Appeal decided"),
]


@hooks.register("register_log_actions")
def register_safety_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
