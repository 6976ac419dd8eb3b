"""Moderators grant and remove the peer supporter role ("Peer supporters" in the admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_peersupporter", "add_peersupporter", "change_peersupporter", "delete_peersupporter"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("circle")
    app_config.models_module = True  # a migration's app config has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(*Permission.objects.filter(content_type__app_label="circle", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("circle", "0001_families_circle"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
