"""The demo gives a moderator reports of several kinds (one of a person at risk), an appeal and a complaint."""

import io

from django.core.management import call_command

from safety.models import Appeal, Complaint, Report


def test_demo_has_reports_an_appeal_and_a_complaint_and_is_idempotent(tree):
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    categories = set(Report.objects.values_list("category", flat=True))
    assert {"at_risk", "identifies", "threat", "spam"} <= categories
    # Each once, however often the demo is loaded (a demo flag of a response makes its own report too).
    assert Report.objects.filter(category="at_risk").count() == 1
    assert Appeal.objects.count() == 1
    assert Appeal.objects.get().assigned_to != Appeal.objects.get().original_moderator
    assert Complaint.objects.count() == 1
