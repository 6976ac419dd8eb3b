"""The demo shows the care features: support services for several boroughs, a memorial with
content notes and candles. Loading it twice creates nothing twice."""

from django.core.management import call_command

from stories.models import Candle, MemorialPage
from support.demo import DEMO_SERVICES
from support.models import SupportService


def test_demo_loads_support_services_notes_and_candles_once(db, capsys):
    call_command("load_demo_data")
    call_command("load_demo_data")
    capsys.readouterr()

    services = SupportService.objects.all()
    assert services.count() == len(DEMO_SERVICES)
    assert all(s.check_before_launch for s in services)  # each to be confirmed before launch
    assert services.get(name="Samaritans").phone == "116 123"
    assert services.get(name="Emergency services").phone == "999"
    local = services.filter(boroughs__isnull=False).values_list("boroughs__slug", flat=True).distinct()
    assert len(set(local)) >= 3
    assert all("fictional" in s.name for s in services.filter(boroughs__isnull=False).distinct())

    memorial = MemorialPage.objects.get(title="Jordan Ellery-Example")
    assert memorial.has_content_notes and memorial.note_violence
    assert Candle.objects.filter(memorial=memorial).count() == 4


def test_demo_has_youth_programmes_and_bleed_kits_in_several_boroughs_once(db, capsys):
    from support.demo import DEMO_KITS
    from support.models import BleedKit

    call_command("load_demo_data")
    call_command("load_demo_data")
    capsys.readouterr()

    youth = SupportService.objects.filter(for_young_people=True)
    assert youth.count() >= 3 and all("fictional" in s.name for s in youth)
    kits = BleedKit.objects.all()
    assert kits.count() == len(DEMO_KITS)
    assert kits.values("borough").distinct().count() >= 3
    assert kits.filter(in_memory_of__isnull=False).count() == 2
    assert all(k.check_due for k in kits.filter(venue__in=["Demo Street Boxing Gym", "Sample Park Community Centre"]))
