"""Who follows what: a thread (or a story) for new responses, a borough for new threads."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class FollowQuerySet(models.QuerySet):
    def is_following(self, user, *, page=None, borough=None):
        if not user.is_authenticated:
            return False
        if page is not None:
            return self.filter(user=user, page_id=page.pk).exists()
        return self.filter(user=user, borough_id=borough.pk).exists()


class Follow(models.Model):
    """A member's subscription. Exactly one of `page` and `borough` is set."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    borough = models.ForeignKey(
        "boroughs.Borough", null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, borough__isnull=True) | Q(page__isnull=True, borough__isnull=False),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(fields=["user", "page"], name="follow_page_once"),
            models.UniqueConstraint(fields=["user", "borough"], name="follow_borough_once"),
        ]

    def __str__(self):
        return f"{self.user} follows {self.target}"

    @property
    def target(self):
        return self.page if self.page_id else self.borough
