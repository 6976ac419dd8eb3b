"""More gang taunts and gloating for the starter list moderators edit (issue 15, item 5).

Gloating over a death ("rest in piss", "caught slipping") and taunts between groups ("spin the
block") hold a response for a moderator. Moderators extend, correct or switch off each phrase in the
admin ("Screening phrases"); a phrase they have already changed or removed is left alone.
"""

from django.db import migrations

STARTER = {
    "gloating": ["rest in piss", "good riddance", "one less opp", "caught slipping", "another one down", "lol rip"],
    "callout": ["spin the block", "free the guys"],
}


def seed(apps, schema_editor):
    ScreeningPhrase = apps.get_model("moderation", "ScreeningPhrase")
    for category, phrases in STARTER.items():
        for phrase in phrases:
            ScreeningPhrase.objects.get_or_create(phrase=phrase, defaults={"category": category, "note": "Starter list."})


def unseed(apps, schema_editor):
    ScreeningPhrase = apps.get_model("moderation", "ScreeningPhrase")
    for category, phrases in STARTER.items():
        ScreeningPhrase.objects.filter(phrase__in=phrases, category=category, note="Starter list.").delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0008_report_categories_everywhere")]
    operations = [migrations.RunPython(seed, unseed)]
