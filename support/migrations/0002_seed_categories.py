"""Seed the kinds of help the directory is organised by. `crisis` is listed first everywhere."""

from django.db import migrations

CATEGORIES = [
    ("crisis", "Crisis and 24-hour lines", 0),
    ("bereavement", "Bereavement counselling", 10),
    ("victim-support", "Victim support", 20),
    ("youth", "Youth work and prevention", 30),
    ("first-aid", "First aid and bleed-kit training", 40),
]


def seed(apps, schema_editor):
    SupportCategory = apps.get_model("support", "SupportCategory")
    for slug, name, position in CATEGORIES:
        SupportCategory.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("support", "SupportCategory").objects.filter(slug__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
