"""The family sets a quiet period on their own story, sees it, and can end it early.

Looked up through `stories.views.owned_story`, so anyone else's story gives 404.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from stories.views import family_required, owned_story

from . import actions
from .forms import QuietPeriodForm
from .models import next_quiet_period


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


@family_required
def quiet_period(request, pk):
    story = owned_story(request, pk)
    period = next_quiet_period(story.pk)
    if request.method == "POST":
        form = QuietPeriodForm(request.POST, period=period)
        if form.is_valid() and form.unchanged():
            messages.success(request, "Nothing has changed: your quiet time stays as it is.")
            return redirect("quiet_period", pk=story.pk)
        if form.is_valid():
            starts_at, ends_at = form.period()
            actions.set_quiet_period(story, starts_at=starts_at, ends_at=ends_at, by=request.user)
            if starts_at <= timezone.now():
                text = (
                    f"Your quiet time has begun. Responses are paused until {_when(ends_at)}, and nobody is notified."
                )
            else:
                text = f"Saved. Responses will pause from {_when(starts_at)} until {_when(ends_at)}."
            messages.success(request, text)
            return redirect("quiet_period", pk=story.pk)
    elif period:
        form = QuietPeriodForm(period=period)  # its own days: saving them untouched changes nothing
    else:
        form = QuietPeriodForm(initial={"starts_on": timezone.localdate()})
    return TemplateResponse(
        request,
        "care/quiet_period.html",
        {"story": story, "form": form, "period": period, "is_current": bool(period and period.is_current())},
    )


@require_POST
@family_required
def end_quiet_period(request, pk):
    story = owned_story(request, pk)
    if actions.end_quiet_period(story, by=request.user):
        messages.success(request, "Your quiet time has ended. Responses are open again as before.")
    return redirect("quiet_period", pk=story.pk)
