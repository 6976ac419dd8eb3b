"""The moderator inbox in the Wagtail admin, and approving or sending back a story or discussion from it.

The list is Wagtail's `BaseListingView` with its `Table`; a story or discussion is approved or sent
back through Wagtail's own workflow action view (`WorkflowActionView`: the same checks, the same
`task.on_action`), which here adds a confirmation and returns to the inbox.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.pages.workflow import WorkflowActionView

from core.sanitise import plain_text

from . import distress, inbox
from .forms import InboxRejectForm
from .inbox_tables import InboxTable, inbox_columns
from .models import RejectionReason


def can_moderate(user):
    return user.is_authenticated and user.has_perm("django_comments.can_moderate")


class InboxView(BaseListingView):
    """Everything waiting for a moderator; `default_tab` is "held" at the old queue's address."""

    template_name = "moderation/admin/inbox.html"
    header_icon = "tasks"
    paginate_by = 50
    table_class = InboxTable
    default_tab = "all"
    breadcrumbs_items = []  # Wagtail's full header (shared/header.html), with the tabs under it

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def tab(self):
        tab = self.request.GET.get("tab", self.default_tab)
        return tab if tab in inbox.TABS else self.default_tab

    def get_page_title(self):
        return "Inbox"

    def get_page_subtitle(self):
        return inbox.TABS[self.tab][1]

    def get_breadcrumbs_items(self):
        return []

    def get_index_url(self):
        return reverse("moderation_inbox")

    def get_queryset(self):
        return inbox.keys_for(self.tab, self.request.user)

    def get_table(self, object_list):
        self.items = inbox.load(list(object_list))
        distress.mark_distressing(self.items)
        columns = inbox_columns()
        columns[0].label = mark_safe('<span class="w-sr-only">Select</span>')
        return self.table_class(
            columns,
            self.items,
            caption=f"{inbox.TABS[self.tab][0]}: oldest first",
            classname="listing inbox-table",
            cell_context={
                "tab": self.tab,
                "reasons": self.rejection_reasons,
                "inbox_url": reverse("moderation_inbox"),
            },
        )

    @cached_property
    def rejection_reasons(self):
        return list(RejectionReason.objects.filter(is_active=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = inbox.counts(self.request.user)
        inbox_url = reverse("moderation_inbox")
        context.update(
            tab=self.tab,
            tabs=[(key, label, counts[key]) for key, (label, _part) in inbox.TABS.items()],
            counts=counts,
            items=self.items,
            any_legal_hold=any(item.legal_hold for item in self.items),
            any_responses=any(item.is_response for item in self.items),
            rejection_reasons=self.rejection_reasons,
            inbox_url=inbox_url,
            back=f"{inbox_url}?tab={self.tab}",
            reject_form=InboxRejectForm(prefix="bulk"),
            wellbeing=distress.wellbeing(self.request.user),
        )
        return context


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What would you like them to change? (sent to the author)",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="Be kind and specific: the author reads this, and their words are kept until they change them.",
        error_messages={"required": "Please tell the author what to change, so they know what to do next."},
    )

    def clean_comment(self):
        comment = plain_text(self.cleaned_data["comment"])
        if not comment:
            raise forms.ValidationError("Please tell the author what to change, so they know what to do next.")
        return comment


class InboxWorkflowActionView(WorkflowActionView):
    """Approve (one POST) or send back (a form with the reason) a story or discussion, then back to the inbox.

    Wagtail's own view does the work: it checks that the page is in moderation and that the
    current task offers this action to this user (`PermissionDenied` otherwise).
    """

    template_name = "moderation/admin/send_back.html"
    actions = {"approve", "reject"}

    def setup(self, request, *args, action_name, **kwargs):
        if action_name not in self.actions:
            raise PermissionDenied
        super().setup(request, *args, action_name=action_name, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_redirect_url(self):
        return reverse("moderation_inbox") + "?tab=pages"

    def get_form_class(self):
        return SendBackForm if self.action_name == "reject" else None

    @property
    def title(self):
        return get_latest_str(self.object)

    def get(self, request, *args, **kwargs):
        if self.action_name != "reject":
            return redirect(self.redirect_url)
        return self.render_page(SendBackForm())

    def render_page(self, form):
        title = f"Send back “{self.title}”"
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "page_title": title,
                "header_title": title,
                "header_icon": "undo",
                "page": self.object,
                "title": self.title,
                "task_state": self.task_state,
                "form": form,
                "back": self.redirect_url,
            },
        )

    def post(self, request, *args, **kwargs):
        if self.action_name == "reject":
            author = self.task_state.workflow_state.requested_by
            name = author.public_name if author else "the author"
            form = SendBackForm(request.POST)
            if not form.is_valid():
                return self.render_page(form)
            self.task.on_action(self.task_state, request.user, "reject", comment=form.cleaned_data["comment"])
            messages.success(request, f"“{self.title}” has been sent back to {name} with your note.")
        else:
            self.task.on_action(self.task_state, request.user, "approve")
            messages.success(request, f"“{self.title}” is approved and published. Thank you.")
        return redirect(self.redirect_url)
