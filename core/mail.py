"""E-mail that can never undo or break what it announces.

Each message is written at once (from the state being saved) and sent after the transaction
commits, so nobody hears of a change that was rolled back; a mail server that fails is logged,
never raised to the member whose action is already saved.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def send_after_commit(template, context, to):
    """Render `<template>_subject.txt` and `<template>.txt`, and send them to `to` after the commit.

    Outside a transaction, Django runs the callback at once: the message goes straight away.
    """
    context = {**context, "base_url": settings.WAGTAILADMIN_BASE_URL}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)

    def send():
        try:
            send_mail(subject, body, None, to)
        except Exception:
            logger.exception("Could not send the %s e-mail %r to %d recipient(s)", template, subject, len(to))

    transaction.on_commit(send)
