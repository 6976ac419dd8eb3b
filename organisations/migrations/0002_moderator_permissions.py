"""Moderators keep organisations (add, change, verify), their staff, invitations and answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "view_organisation", "add_organisation", "change_organisation",
    "view_membership", "add_membership", "change_membership", "delete_membership",
    "view_answer", "change_answer",
    "view_invitation", "add_invitation",
]  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("organisations")
    app_config.models_module = True  # a migration's app config has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="organisations", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
