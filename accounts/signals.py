from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from .models import Profile

# What pages show of a member: their name and their badge, on what they wrote.
PROFILE_SHOWN = ("display_name", "is_family")


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile, so templates never have to ask."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(pre_save, sender=Profile)
def remember_what_pages_show(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance.shown_before_save = Profile.objects.filter(pk=instance.pk).values_list(*PROFILE_SHOWN).first()


def profile_shows_changed(profile, signal, kwargs):
    """Whether a saved profile changes what some page shows: its name or badge changed, and the
    member has written a comment or owns a page (a new member, naming themselves, has neither).
    A deleted profile always does (the account and what it wrote are going)."""
    if signal is post_delete:
        return True
    before = getattr(profile, "shown_before_save", None)
    if before is None or before == tuple(getattr(profile, name) for name in PROFILE_SHOWN):
        return False
    return (
        XtdComment.norel_objects.filter(user_id=profile.user_id).exists()
        or Page.objects.filter(owner_id=profile.user_id).exists()
    )
