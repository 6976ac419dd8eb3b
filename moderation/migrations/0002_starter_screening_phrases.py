"""A starter screening list. Moderators extend and correct it in the admin ("Screening phrases")."""

from django.db import migrations

STARTER = {
    "threat": ["i will kill", "gonna kill", "going to kill", "stab him", "stab them", "shank", "wet him", "merk"],
    "retaliation": ["revenge", "payback", "get what's coming", "get what is coming", "ride out", "slide on", "eye for an eye"],
    "callout": ["opps", "opp block", "snitch", "grass", "postcode war", "our ends", "their ends"],
}


def seed(apps, schema_editor):
    ScreeningPhrase = apps.get_model("moderation", "ScreeningPhrase")
    for category, phrases in STARTER.items():
        for phrase in phrases:
            ScreeningPhrase.objects.get_or_create(
                phrase=phrase, defaults={"category": category, "note": "Starter list."}
            )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
