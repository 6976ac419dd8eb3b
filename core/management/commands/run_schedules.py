"""Enqueue the periodic tasks now due (core/schedules.py). Safe to run as often as you like."""

import time

from django.core.management.base import BaseCommand

from core import schedules


class Command(BaseCommand):
    help = "Queue the periodic tasks now due (gathering reminders, bleed-kit checks) for the task worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", type=float, metavar="SECONDS", help="keep running, looking again every SECONDS seconds"
        )

    def handle(self, *args, **options):
        while True:
            queued = schedules.run_due()
            self.stdout.write(f"Queued: {', '.join(queued) or 'nothing due'}.")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
