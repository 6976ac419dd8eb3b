"""`/me/`: a member's own settings, and the way to everything else that is theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .forms import ReadingPreferencesForm


@login_required
def my_settings(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ReadingPreferencesForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, "Your settings are saved.")
            return redirect("my_settings")
    else:
        form = ReadingPreferencesForm(instance=profile)
    return TemplateResponse(request, "accounts/my_settings.html", {"form": form})
