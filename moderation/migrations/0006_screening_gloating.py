"""Gloating joins the screening categories, with starter phrases moderators edit in the admin.

The founding article describes gangs gloating online after a death ("top job", postcode call-outs):
these hold a response for a moderator; the detectors in moderation/screening.py catch the rest.
"""

from django.db import migrations, models

STARTER = {
    "gloating": [
        "top job",
        "had it coming",
        "deserved it",
        "got what he deserved",
        "got what she deserved",
        "caught lacking",
        "rip bozo",
        "scored another",
    ],
    "callout": ["free the mandem", "opp"],
}


def seed(apps, schema_editor):
    ScreeningPhrase = apps.get_model("moderation", "ScreeningPhrase")
    for category, phrases in STARTER.items():
        for phrase in phrases:
            ScreeningPhrase.objects.get_or_create(phrase=phrase, defaults={"category": category, "note": "Starter list."})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0005_starter_rejection_reasons")]

    operations = [
        migrations.AlterField(
            model_name="screeningphrase",
            name="category",
            field=models.CharField(
                choices=[
                    ("threat", "Threats or violence"),
                    ("retaliation", "Revenge or retaliation"),
                    ("callout", "Gang or postcode call-outs"),
                    ("gloating", "Gloating over a death or an injury"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=20,
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
