"""Demo entries for the support directory (run by `manage.py load_demo_data`).

Only details we are sure of. Every entry is marked "details still to be checked": before
launch a moderator confirms each one with the service and unticks it. The local groups are
fictional and say so, to show how borough filtering works.
"""

from boroughs.models import Borough

from .models import SupportCategory, SupportService

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
