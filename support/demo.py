"""Demo entries for the support directory (run by `manage.py load_demo_data`).

Only details we are sure of. Every entry is marked "details still to be checked": before
launch a moderator confirms each one with the service and unticks it. The local groups are
fictional and say so, to show how borough filtering works.
"""

import datetime

from django.utils import timezone

from boroughs.models import Borough
from stories.models import MemorialPage

from .models import BleedKit, SupportCategory, SupportService

DEMO_SERVICES = [
    {
        "name": "Emergency services",
        "summary": "Police, ambulance or fire service when someone is in danger or a life is at risk.",
        "phone": "999",
        "opening_hours": "24 hours, every day",
        "categories": ["crisis"],
        "position": 0,
    },
    {
        "name": "Samaritans",
        "summary": "Someone to talk to, whatever you are going through. Free to call.",
        "phone": "116 123",
        "web_address": "https://www.samaritans.org",
        "opening_hours": "24 hours, every day",
        "categories": ["crisis"],
        "position": 10,
    },
    {
        "name": "NHS 111",
        "summary": "Urgent medical help and advice when it is not an emergency.",
        "phone": "111",
        "web_address": "https://111.nhs.uk",
        "opening_hours": "24 hours, every day",
        "categories": ["crisis"],
        "position": 20,
    },
    {
        "name": "Childline",
        "summary": "For children and young people: talk about anything, in confidence. Free to call.",
        "phone": "0800 1111",
        "web_address": "https://www.childline.org.uk",
        "categories": ["crisis", "youth"],
        "position": 30,
    },
    {
        "name": "Cruse Bereavement Support",
        "summary": "Support after someone dies: a helpline, online chat and local bereavement support.",
        "phone": "0808 808 1677",
        "web_address": "https://www.cruse.org.uk",
        "categories": ["bereavement"],
    },
    {
        "name": "Victim Support",
        "summary": "Free, confidential help for anyone affected by crime, whether or not it was reported.",
        "web_address": "https://www.victimsupport.org.uk",
        "categories": ["victim-support"],
    },
    {
        "name": "St John Ambulance",
        "summary": "First aid courses, including how to stop serious bleeding.",
        "web_address": "https://www.sja.org.uk",
        "categories": ["first-aid"],
    },
    {
        "name": "Southwark families' circle (fictional example)",
        "summary": "A made-up local group for the demo: families meeting monthly to remember together.",
        "categories": ["bereavement"],
        "boroughs": ["southwark", "lambeth"],
    },
    {
        "name": "Newham youth football nights (fictional example)",
        "summary": "A made-up youth project for the demo: free football and mentoring on weekday evenings.",
        "categories": ["youth"],
        "boroughs": ["newham"],
        "for_young_people": True,
        "age_from": 10,
        "age_to": 18,
        "referral_self": True,
        "referral_youth_worker": True,
        "sessions_cost": "free",
    },
    {
        "name": "Southwark school mentors (fictional example)",
        "summary": "A made-up mentoring programme for the demo: a trained mentor meets a young person each week.",
        "categories": ["youth"],
        "boroughs": ["southwark"],
        "for_young_people": True,
        "age_from": 11,
        "age_to": 16,
        "referral_school": True,
        "referral_parent": True,
        "referral_youth_worker": True,
        "schools_and_clubs": "Two fictional secondary schools and the Example Road youth club",
        "sessions_cost": "free",
    },
    {
        "name": "Croydon boxing and mentoring (fictional example)",
        "summary": "A made-up boxing club for the demo: training, homework help and someone to talk to.",
        "categories": ["youth"],
        "boroughs": ["croydon"],
        "for_young_people": True,
        "age_from": 13,
        "age_to": 19,
        "referral_self": True,
        "referral_parent": True,
        "sessions_cost": "some",
    },
    {
        "name": "Hackney bleed-kit training (fictional example)",
        "summary": "A made-up course for the demo: learn to use a bleed kit in an hour.",
        "categories": ["first-aid"],
        "boroughs": ["hackney"],
    },
]


def load_demo_services():
    """Create or refresh the demo services. Safe to run again."""
    for spec in DEMO_SERVICES:
        spec = dict(spec)
        categories = spec.pop("categories")
        boroughs = spec.pop("boroughs", [])
        service, _ = SupportService.objects.update_or_create(
            name=spec.pop("name"), defaults={**spec, "check_before_launch": True}
        )
        service.categories.set(SupportCategory.objects.filter(slug__in=categories))
        service.boroughs.set(Borough.objects.filter(slug__in=boroughs))
    load_demo_kits()


# Fictional venues: public kinds of place, made-up names and streets (no real address, no home).
DEMO_KITS = [
    # venue, kind, address, borough, where, hours, months since checked, memorial title
    (
        "Example Lane Corner Shop",
        "shop",
        "1 Example Lane",
        "southwark",
        "Behind the counter, green box",
        "Every day 7am–11pm",
        1,
        "Jordan Ellery-Example",
    ),
    ("Demo Street Boxing Gym", "gym", "12 Demo Street", "southwark", "By the front desk", "Mon–Sat 6am–10pm", 5, ""),
    (
        "The Fictional Arms",
        "pub",
        "3 Made-Up Road",
        "newham",
        "On the wall by the bar",
        "Every day noon–midnight",
        2,
        "Amara Fictional-Obi",
    ),
    (
        "Sample Park Community Centre",
        "community",
        "Sample Park",
        "hackney",
        "Reception, first-aid cupboard",
        "Mon–Fri 9am–9pm",
        4,
        "",
    ),
    (
        "Placeholder Library",
        "library",
        "20 Placeholder Row",
        "croydon",
        "Next to the defibrillator at the entrance",
        "Tue–Sat 10am–6pm",
        1,
        "",
    ),
]


def load_demo_kits():
    """Create or refresh the demo bleed kits (two overdue a check, two in someone's memory). Safe to run again."""
    today = timezone.localdate()
    for venue, kind, address, borough, where, hours, months, memorial in DEMO_KITS:
        BleedKit.objects.update_or_create(
            venue=venue,
            defaults={
                "venue_kind": kind,
                "street_address": address,
                "borough": Borough.objects.get(slug=borough),
                "where_in_venue": where,
                "access_hours": hours,
                "guardian_name": "Demo guardian",
                "guardian_email": "guardian@example.org",
                "last_checked": today - datetime.timedelta(days=30 * months),
                "in_memory_of": MemorialPage.objects.filter(title=memorial).first() if memorial else None,
            },
        )
