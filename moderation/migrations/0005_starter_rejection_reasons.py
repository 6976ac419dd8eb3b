"""A few kind starter reasons for rejecting a response, and the Moderators' permission to keep the list.

Moderators edit, add and retire reasons in the admin (Inbox → Rejection reasons).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STARTER = [
    (
        "Names or points at someone",
        "It names or points at someone connected with what happened. To keep the family and any court case "
        "safe, we never publish names or hints. You are welcome to write it again without them.",
    ),
    (
        "Contact details or an address",
        "It includes a phone number, an e-mail address or a street address. To keep everyone safe we do not "
        "publish those. You are welcome to write it again without them.",
    ),
    (
        "Talk of revenge or harm",
        "It talks about revenge or about harming someone. We understand how strong these feelings can be. "
        "If it would help to talk to someone, the support page lists people who listen, day and night.",
    ),
    (
        "Not about this story or discussion",
        "It is not about this story or discussion. If you would like to talk about something else, you are "
        "welcome to start a discussion on your borough's page.",
    ),
    (
        "Advertising",
        "It advertises something. London Listens is a place for families and neighbours to talk, so we do "
        "not publish adverts or links to sell things.",
    ),
]

PERMISSIONS = ["add_rejectionreason", "change_rejectionreason", "delete_rejectionreason", "view_rejectionreason"]


def seed(apps, schema_editor):
    RejectionReason = apps.get_model("moderation", "RejectionReason")
    for position, (title, text) in enumerate(STARTER):
        RejectionReason.objects.get_or_create(title=title, defaults={"text": text, "sort_order": position * 10})

    # Permissions are normally made after every migration has run; make them now to give them to Moderators.
    app_config = apps.get_app_config("moderation")
    app_config.models_module = True  # a migration's app config has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="moderation", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_rejectionreason"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
