"""Wagtail's workflow e-mails (submitted, approved, changes requested), sent after the commit and never raised.

Wagtail 8 sends them from signal handlers (`wagtail.admin.signal_handlers`) inside the
workflow's transaction, before it commits, and a mail server that fails while connecting
with anything but TimeoutError/ConnectionError (an `smtplib.SMTPException`: refused login,
dropped connection) raises out of `EmailNotificationMixin.send_emails`: the family's story
submission or the moderator's approval fails with a 500 and is rolled back. So the same
notifiers are re-registered under Wagtail's own dispatch_uids, wrapped: each runs on
commit, and an error is logged here instead of raised.
"""

import logging

from django.db import transaction
from wagtail.admin import signal_handlers as wagtail_handlers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

logger = logging.getLogger(__name__)

# (signal, sender, Wagtail's notifier, Wagtail's dispatch_uid), as wagtail.admin.signal_handlers connects them.
HANDLERS = [
    (
        task_submitted,
        TaskState,
        wagtail_handlers.task_submission_email_notifier,
        "group_approval_task_submitted_email_notification",
    ),
    (
        workflow_submitted,
        WorkflowState,
        wagtail_handlers.workflow_submission_email_notifier,
        "workflow_state_submitted_email_notification",
    ),
    (
        workflow_rejected,
        WorkflowState,
        wagtail_handlers.workflow_rejection_email_notifier,
        "workflow_state_rejected_email_notification",
    ),
    (
        workflow_approved,
        WorkflowState,
        wagtail_handlers.workflow_approval_email_notifier,
        "workflow_state_approved_email_notification",
    ),
]


def after_commit(notifier):
    def handler(sender, instance=None, **kwargs):
        kwargs.pop("signal", None)

        def send():
            try:
                notifier(sender=sender, instance=instance, **kwargs)
            except Exception:
                logger.exception("Could not send Wagtail's %s e-mail for %r", type(notifier).__name__, instance)

        transaction.on_commit(send)

    return handler


def install():
    """Replace Wagtail's workflow e-mail handlers with the wrapped ones (whichever app is ready first)."""
    for signal, sender, notifier, dispatch_uid in HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        # Same dispatch_uid: if wagtail.admin connects after us, its connect() is a no-op.
        signal.connect(after_commit(notifier), sender=sender, dispatch_uid=dispatch_uid, weak=False)
