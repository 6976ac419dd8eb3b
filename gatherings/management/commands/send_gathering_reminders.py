from django.core.management.base import BaseCommand

from gatherings.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send every gathering reminder now due (each attendee once). Safe to run as often as you like."

    def handle(self, *args, **options):
        sent = send_due_reminders.call()
        self.stdout.write(f"Sent {sent} reminder(s).")
