"""`klimapartner demo [--if-empty] [--reset]`: load the demo programme and show how to sign in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from klimapartner.activities.demo import load_demo_activities
from klimapartner.climate.demo import load_demo_accounts
from klimapartner.collaborations.demo import load_demo_collaborations
from klimapartner.events.demo import load_demo_events
from klimapartner.expectations.demo import load_demo_expectations
from klimapartner.partners.demo import DEMO_LOGINS, DemoAlreadyLoaded, delete_demo, has_data, load_demo
from klimapartner.stories.demo import load_demo_stories
from klimapartner.tours.demo import load_demo_tours


class Command(BaseCommand):
    help = "Load the fictional demo partners, agreements and users, then print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load when the database has no partners yet."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete all partners and the demo users first."
        )

    def handle(self, *args, if_empty=False, reset=False, **options):
        if reset:
            delete_demo()
            self.stdout.write(_("Deleted all partners and the demo users."))
        if if_empty and has_data():
            self.stdout.write(_("The database already has partners; the demo data was not loaded."))
        else:
            try:
                # One transaction for partners, accounts and days: a failure leaves no half-loaded demo.
                with transaction.atomic():
                    count = load_demo()
                    load_demo_accounts()
                    days = load_demo_events()
                    load_demo_collaborations()
                    load_demo_activities()  # the programme's year: activities, stories, expectations
                    load_demo_stories()
                    load_demo_expectations()
                    load_demo_tours()
            except DemoAlreadyLoaded as error:
                raise CommandError(f"{error} Use --reset to load them again, or --if-empty.") from error
            self.stdout.write(self.style.SUCCESS(
                _("Loaded the demo programme: %(partners)d partners, %(days)d partnership days.")
                % {"partners": count, "days": days}
            ))
        self.print_logins()

    def print_logins(self):
        # Printed every time, also when loading was skipped: `make run` shows it right before the server starts.
        existing = set(
            get_user_model().objects.filter(email__in=[email for _role, email, _password, _slug in DEMO_LOGINS])
            .values_list("email", flat=True)
        )
        rows = [(_("Role"), _("Email"), _("Password"))]
        rows += [
            (str(role) + ("" if email in existing else " " + _("(not in this database)")), email, password)
            for role, email, password, _slug in DEMO_LOGINS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        for n, row in enumerate(rows):
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(_("Open %(url)s") % {"url": f"{settings.SITE_URL}/"})
