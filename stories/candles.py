"""Lighting a candle on a memorial: one per person, put out again at will, no words.

Works without JavaScript: the memorial page has a plain form (POST with CSRF) and the
view redirects back to the memorial with a message. Each account's lighting and putting
out is counted (core/ratelimit.py: a sliding window in the cache) so nobody can flicker a
candle to flood the count or the database.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from core.ratelimit import Limit, Rate
from core.templatetags.region_messages import in_region

from .models import Candle, MemorialPage

# Lighting and putting out both count, in any window of CANDLE_RATE_LIMIT_WINDOW_SECONDS.
CANDLE_LIMIT = Limit("candle", lambda: [Rate(settings.CANDLE_RATE_LIMIT, settings.CANDLE_RATE_LIMIT_WINDOW_SECONDS)])


def rate_limit_reached(user):
    return CANDLE_LIMIT.exceeded(user.pk) is not None


def record_change(user):
    CANDLE_LIMIT.record(user.pk)


def candle_state(memorial, user):
    """(how many candles are lit, whether this person has lit one): one small query."""
    candles = Candle.objects.filter(memorial=memorial)
    if not (user and user.is_authenticated):
        return candles.count(), False
    counts = candles.aggregate(n=Count("pk"), mine=Count("pk", filter=Q(user=user)))
    return counts["n"], counts["mine"] > 0


@require_POST
def change_candle(request, pk, action):
    memorial = get_object_or_404(MemorialPage.objects.live().public(), pk=pk)
    back = memorial.get_url(request) + "#candles"
    here = in_region("candles")  # the confirmation is shown beside the button, where the page comes back
    if not request.user.is_authenticated:
        messages.info(request, "Please sign in to light a candle.")
        return redirect_to_login(memorial.get_url(request))
    if rate_limit_reached(request.user):
        messages.error(
            request,
            "You have lit and put out candles many times in a short while. Please try again later.",
            extra_tags=here,
        )
        return redirect(back)

    if action == "light":
        try:
            with transaction.atomic():
                _, created = Candle.objects.get_or_create(memorial=memorial, user=request.user)
        except IntegrityError:  # two quick presses raced each other; one candle is lit either way
            created = False
        if created:
            record_change(request.user)
        messages.success(request, f"You lit a candle for {memorial.title}.", extra_tags=here)
    else:
        deleted, _ = Candle.objects.filter(memorial=memorial, user=request.user).delete()
        if deleted:
            record_change(request.user)
        messages.success(request, "Your candle has been put out.", extra_tags=here)
    return redirect(back)
