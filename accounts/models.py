"""People on London Listens: an e-mail-addressed user and their public profile."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from core.sanitise import plain_text


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Everyone signs in with their e-mail address; there is no separate username."""

    username = None
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        """The name shown beside what someone writes: never their e-mail address."""
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.get_full_name() or "A member of London Listens"

    @property
    def is_family(self):
        profile = getattr(self, "profile", None)
        return bool(profile and profile.is_family)

    @property
    def is_moderator(self):
        if self.second_factor_missing:
            return False
        return self.is_superuser or self.groups.filter(name="Moderators").exists()

    # Every permission needs the second factor where production requires it (core/security.py):
    # a session that has not passed it holds none, superusers included (Django's own `has_perm`
    # grants an active superuser everything before asking any backend, so the rule lives here).

    @property
    def second_factor_missing(self):
        from core.security import second_factor_missing

        return second_factor_missing(self)

    def has_perm(self, perm, obj=None):
        if self.second_factor_missing:
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.second_factor_missing:
            return False
        return super().has_module_perms(app_label)

    def get_user_permissions(self, obj=None):
        if self.second_factor_missing:
            return set()
        return super().get_user_permissions(obj)

    def get_group_permissions(self, obj=None):
        if self.second_factor_missing:
            return set()
        return super().get_group_permissions(obj)

    def get_all_permissions(self, obj=None):
        if self.second_factor_missing:
            return set()
        return super().get_all_permissions(obj)


class ContentNotePreference(models.TextChoices):
    """What a reader wants when a story carries content notes (set at `/me/`)."""

    ASK = "ask", "Always ask: show the content notes first and let me choose to continue"
    SHOW = "show", "Always show the content straight away (the notes are still shown above it)"


class Profile(models.Model):
    """What a member shows the forum and the role moderators have given them.

    Moderators grant or remove the family role from the Wagtail admin ("Members");
    a member asks for it from the "Share a story" page.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="Shown beside what you write. A first name or a pseudonym is fine.",
    )
    home_borough = models.ForeignKey(
        "boroughs.Borough", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_family = models.BooleanField(
        "family member",
        default=False,
        help_text="Family members can share memorial stories and testimonies.",
    )
    family_role_requested_at = models.DateTimeField(null=True, blank=True)
    family_role_request = models.TextField(
        "what they told us",
        blank=True,
        help_text="The member's own words when asking for the family role.",
    )
    content_notes = models.CharField(
        "stories with content notes",
        max_length=10,
        choices=ContentNotePreference.choices,
        default=ContentNotePreference.ASK,
    )

    class Meta:
        verbose_name = "member"

    def __str__(self):
        return self.display_name or self.user.email

    def save(self, *args, **kwargs):
        self.display_name = plain_text(self.display_name)[:60]
        self.family_role_request = plain_text(self.family_role_request)
        super().save(*args, **kwargs)

    @property
    def always_shows_content(self):
        return self.content_notes == ContentNotePreference.SHOW

    @property
    def has_pending_family_request(self):
        return bool(self.family_role_requested_at) and not self.is_family

    def request_family_role(self, message):
        self.family_role_requested_at = timezone.now()
        self.family_role_request = message
        self.save(update_fields=["family_role_requested_at", "family_role_request"])


class TermsAcceptance(models.Model):
    """A member agreed to a version of the terms of service (settings.TERMS_VERSION) at this time.

    Written at sign-up; kept so we can show which terms someone agreed to (Online Safety Act
    record keeping). It goes with the account when the account is deleted.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances")
    version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"Terms {self.version} accepted {self.accepted_at:%Y-%m-%d}"
