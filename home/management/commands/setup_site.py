from django.core.management.base import BaseCommand

from home.legal_pages import ensure_legal_pages
from home.site_tree import build_site_tree


class Command(BaseCommand):
    help = "Create the forum's page tree (home, stories, 33 borough pages, plain pages). Safe to run again."

    def handle(self, *args, **options):
        home, stories, boroughs = build_site_tree()
        ensure_legal_pages(home)
        self.stdout.write(self.style.SUCCESS(f"Page tree ready under '{home.title}'."))
