"""A member's permissions from the shared cache: read from the database once per change, not per request.

`CachedPermissionsBackend` is listed first in `AUTHENTICATION_BACKENDS` and answers every
permission question through Django's public backend API (`get_user_permissions`,
`get_group_permissions`, `get_all_permissions`, `has_perm`, `has_module_perms`). What it read is
kept in Django's cache framework under two versions read *before* the database is:

- the *permissions* version, which any change to a group, a group's permissions, a permission
  or a Wagtail page or collection permission bumps (everyone's entry is then a miss);
- the member's own version, which a change to their groups, their own permissions or their
  `is_active` / `is_superuser` bumps.

Each change bumps at once (later questions in the same request or test see it) and again when
its transaction commits (an entry another worker stored meanwhile, from the pre-commit rows, is
then a miss too). With no readable versions (the cache down) nothing is stored and each request
reads the database, as Django's `ModelBackend` does. Within one request the answer is kept on the
user object, as `ModelBackend` keeps its own.

A definite "no" raises `PermissionDenied`, which Django documents as ending the question, so the
`ModelBackend` and allauth's backend after this one (kept for signing in, and because sessions
name them) are not asked and read nothing. Questions about one object are left to them. This
backend never authenticates anyone and has no `get_user`, so no session names it.
"""

import uuid
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.signals import m2m_changed, post_delete, post_save

PREFIX = "auth:permissions:v1:"
EVERYONE = PREFIX + "version"
ENTRY_SECONDS = 24 * 60 * 60
_ON_USER = "_cached_permissions"  # this request's answer, kept on the user object it was asked about


def _member_key(pk):
    return f"{PREFIX}member:{pk}"


def _entry_key(pk):
    return f"{PREFIX}entry:{pk}"


def _versions(pk):
    """(everyone's version, the member's version, the stored entry), in one cache read."""
    keys = [EVERYONE, _member_key(pk), _entry_key(pk)]
    found = cache.get_many(keys)
    for key in keys[:2]:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, timeout=None)  # first use, or evicted
            found[key] = cache.get(key)
    return (found[keys[0]], found[keys[1]]), found.get(keys[2])


def _read(user):
    """{"user": own permissions, "group": their groups'}, as `ModelBackend` would give them."""
    if user.is_superuser:  # as ModelBackend: every permission, from both sources
        every = {f"{app}.{name}" for app, name in _names(Permission.objects.all())}
        return {"user": every, "group": every}
    own = _names(Permission.objects.filter(user=user), "user")
    groups = _names(Permission.objects.filter(group__user=user), "group")
    found = {"user": set(), "group": set()}
    for app_label, codename, source in own.union(groups, all=True):
        found[source].add(f"{app_label}.{codename}")
    return found


def _names(permissions, source=None):
    fields = ["content_type__app_label", "codename"]
    if source is None:
        return permissions.values_list(*fields).order_by()
    return (
        permissions.annotate(source=Value(source, output_field=CharField())).values_list(*fields, "source").order_by()
    )


def permissions_of(user):
    """The member's permissions by source, from this request, the shared cache or the database."""
    known = user.__dict__.get(_ON_USER)
    if known is not None:
        return known
    versions, entry = _versions(user.pk)
    if entry is not None and entry["versions"] == list(versions):
        found = {source: set(entry[source]) for source in ("user", "group")}
    else:
        found = _read(user)
        if all(versions):
            stored = {"versions": list(versions), **{source: sorted(found[source]) for source in found}}
            cache.set(_entry_key(user.pk), stored, timeout=ENTRY_SECONDS)
    user.__dict__[_ON_USER] = found
    return found


class CachedPermissionsBackend:
    def authenticate(self, request, **credentials):
        return None  # only reads permissions; Django asks every backend in turn

    def _sources(self, user_obj, obj):
        if obj is not None or user_obj.is_anonymous or not user_obj.is_active:
            return None
        return permissions_of(user_obj)

    def get_user_permissions(self, user_obj, obj=None):
        found = self._sources(user_obj, obj)
        return set() if found is None else set(found["user"])

    def get_group_permissions(self, user_obj, obj=None):
        found = self._sources(user_obj, obj)
        return set() if found is None else set(found["group"])

    def get_all_permissions(self, user_obj, obj=None):
        found = self._sources(user_obj, obj)
        return set() if found is None else found["user"] | found["group"]

    def has_perm(self, user_obj, perm, obj=None):
        if obj is not None:
            return False  # about one object: the backends after this one answer
        if perm in self.get_all_permissions(user_obj):
            return True
        raise PermissionDenied  # the same answer the ModelBackend would give, without its queries

    def has_module_perms(self, user_obj, app_label):
        if any(perm.partition(".")[0] == app_label for perm in self.get_all_permissions(user_obj)):
            return True
        raise PermissionDenied


# What makes a stored entry stale, and the signals that say so (connected by core/apps.py).


def _bump(keys):
    versions = {key: uuid.uuid4().hex for key in keys}
    cache.set_many(versions, timeout=None)
    transaction.on_commit(partial(cache.set_many, {key: uuid.uuid4().hex for key in keys}, timeout=None))


def bump_everyone():
    _bump([EVERYONE])


def bump_members(pks):
    if pks:
        _bump([_member_key(pk) for pk in pks])


def _everyone_changed(sender, raw=False, **kwargs):
    if not raw:
        bump_everyone()


def _member_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Signing in saves `last_login` alone: nothing the permissions depend on.
    if raw or (update_fields is not None and not {"is_active", "is_superuser"} & set(update_fields)):
        return
    bump_members([instance.pk])


def _member_deleted(sender, instance, **kwargs):
    bump_members([instance.pk])


def _membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A member's groups or own permissions: from the member's side, or from the group's or
    permission's (`group.user_set.add(...)`), where `pk_set` names the members (none for a clear)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        bump_members([instance.pk])
    elif pk_set is not None:
        bump_members(pk_set)
    else:
        bump_everyone()


def connect_signals():
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    user = get_user_model()
    uid = "core.auth.permissions"
    for model in (Group, Permission, GroupPagePermission, GroupCollectionPermission):
        post_save.connect(_everyone_changed, sender=model, dispatch_uid=f"{uid}.saved.{model._meta.label}")
        post_delete.connect(_everyone_changed, sender=model, dispatch_uid=f"{uid}.deleted.{model._meta.label}")
    m2m_changed.connect(_everyone_changed_m2m, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_perms")
    m2m_changed.connect(_membership_changed, sender=user.groups.through, dispatch_uid=f"{uid}.groups")
    m2m_changed.connect(_membership_changed, sender=user.user_permissions.through, dispatch_uid=f"{uid}.own")
    post_save.connect(_member_saved, sender=user, dispatch_uid=f"{uid}.member_saved")
    post_delete.connect(_member_deleted, sender=user, dispatch_uid=f"{uid}.member_deleted")


def _everyone_changed_m2m(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_everyone()
