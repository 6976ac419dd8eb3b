"""The newcomer's path: demo data loads (twice, safely); production refuses to start without secrets."""

import subprocess
import sys

from django.contrib.auth import get_user_model
from django.core.management import call_command

from circle.demo import PEOPLE as CIRCLE_PEOPLE
from organisations.demo import STAFF
from stories.models import StoryPage


def test_load_demo_data_is_idempotent_and_creates_every_role(db, capsys):
    call_command("load_demo_data")
    first = capsys.readouterr().out
    call_command("load_demo_data")
    second = capsys.readouterr().out

    users = get_user_model().objects
    assert users.count() == 4 + len(STAFF) + len(
        CIRCLE_PEOPLE
    )  # and the demo organisations' staff, the circle's families
    assert users.get(email="family@example.org").is_family
    assert users.get(email="moderator@example.org").is_moderator
    assert users.get(email="admin@example.org").is_superuser
    assert first.count("password:") == 4 + len(STAFF)
    assert "password:" not in second  # printed once, never again
    stories = StoryPage.objects.all()
    assert stories.count() == 5
    assert stories.filter(live=True).count() == 4
    assert all("fictional" in s.body for s in stories)
    waiting = stories.get(live=False)
    assert waiting.current_workflow_state is not None


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "forum_site.settings.production", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment." in result.stderr
