"""Queue the bleed-kit guardian reminders for the task worker. Call it once a day (cron)."""

from django.core.management.base import BaseCommand

from support.tasks import remind_guardians


class Command(BaseCommand):
    help = "E-mail (through the task worker) each guardian whose bleed kit was last checked over three months ago."

    def handle(self, *args, **options):
        result = remind_guardians.enqueue()
        self.stdout.write(f"Queued the bleed-kit reminders ({result.id}).")
