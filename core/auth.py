"""Every permission a member has, read in one query instead of Django's two.

Listed first in `AUTHENTICATION_BACKENDS`. The first permission check of a request (the Wagtail
user bar asks on every page, the comments section asks whether the reader moderates) reads the
member's own and their groups' permissions together and leaves them where Django's
`ModelBackend` keeps them on the user object (`_user_perm_cache`, `_group_perm_cache`,
`_perm_cache`), so the `ModelBackend` and allauth's backend after it find them already read. It
never authenticates anyone and has no `get_user`, so no session (nor `force_login`, nor allauth)
ever names it: sessions keep naming the backend that signed the member in.
"""

from django.contrib.auth.models import Permission
from django.db.models import CharField, Value


class OneQueryPermissionsBackend:
    def authenticate(self, request, **credentials):
        return None  # only reads permissions; Django asks every backend in turn

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:  # as ModelBackend: every permission, from both sources
                every = {f"{app}.{name}" for app, name in _names(Permission.objects.all())}
                user_obj._user_perm_cache = user_obj._group_perm_cache = user_obj._perm_cache = every
                return every
            own = _names(Permission.objects.filter(user=user_obj), "user")
            groups = _names(Permission.objects.filter(group__user=user_obj), "group")
            found = {"user": set(), "group": set()}
            for app_label, codename, source in own.union(groups, all=True):
                found[source].add(f"{app_label}.{codename}")
            user_obj._user_perm_cache = found["user"]
            user_obj._group_perm_cache = found["group"]
            user_obj._perm_cache = found["user"] | found["group"]
        return user_obj._perm_cache


def _names(permissions, source=None):
    fields = ["content_type__app_label", "codename"]
    if source is None:
        return permissions.values_list(*fields).order_by()
    return (
        permissions.annotate(source=Value(source, output_field=CharField())).values_list(*fields, "source").order_by()
    )
