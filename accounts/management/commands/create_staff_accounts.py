"""The first staff accounts of a deployment: the technical superuser and the project lead.

    manage.py create_staff_accounts --superuser-email it@example.org \\
        --project-lead-email cheffe@example.org

asks for each password (twice, never echoed). For scripts, ``--no-input`` reads them from
STAFF_SUPERUSER_PASSWORD and STAFF_PROJECT_LEAD_PASSWORD. Both accounts must set up an
authenticator app (TOTP) at their first visit to the admin. Run again with another
``--project-lead-email`` to add a colleague to the role (an existing account joins the role and
keeps its password).
"""

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from accounts.roles import ensure_project_lead_group

PASSWORD_VARIABLES = {
    "superuser": "STAFF_SUPERUSER_PASSWORD",
    "project_lead": "STAFF_PROJECT_LEAD_PASSWORD",
}


class Command(BaseCommand):
    help = (
        "Create the technical superuser and/or a project-lead account (staff in the "
        "“Cheffe de projet” group, never superuser), asking for their passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("--superuser-email", help="the technical administrator (superuser)")
        parser.add_argument("--project-lead-email", help="a project lead (the role's group)")
        parser.add_argument("--first-name", default="", help="the project lead's first name")
        parser.add_argument("--last-name", default="", help="the project lead's last name")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="read the passwords from "
            + " and ".join(PASSWORD_VARIABLES.values())
            + " instead of asking",
        )

    def handle(self, *args, **options):
        if not options["superuser_email"] and not options["project_lead_email"]:
            raise CommandError("Give --superuser-email, --project-lead-email or both.")
        self.interactive = options["interactive"]
        if options["superuser_email"]:
            self.create_superuser(options["superuser_email"])
        if options["project_lead_email"]:
            self.create_project_lead(
                options["project_lead_email"], options["first_name"], options["last_name"]
            )
        self.stdout.write(
            "Each staff account sets up an authenticator app (TOTP) at its first visit to the "
            "admin, which it cannot enter before."
        )

    def clean_email(self, email):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{email!r} is not an e-mail address.") from exc
        return get_user_model().objects.normalize_email(email).lower()

    def create_superuser(self, email):
        User = get_user_model()
        email = self.clean_email(email)
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account {email} exists already.")
        user = User(email=email, is_staff=True, is_superuser=True)
        password = self.password("superuser", user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            self.verify_address(user)
        self.stdout.write(f"Superuser {email} created.")

    def create_project_lead(self, email, first_name, last_name):
        User = get_user_model()
        email = self.clean_email(email)
        group = ensure_project_lead_group()
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            if user.is_superuser:
                raise CommandError(f"{email} is a superuser: the role is for another account.")
            with transaction.atomic():
                user.is_staff = True
                user.save(update_fields=["is_staff"])
                user.groups.add(group)
                self.verify_address(user)
            self.stdout.write(f"{email} joins the role “{group.name}” (password unchanged).")
            return
        user = User(email=email, first_name=first_name, last_name=last_name, is_staff=True)
        password = self.password("project_lead", user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
            self.verify_address(user)
        self.stdout.write(f"Project lead {email} created in the role “{group.name}”.")

    def verify_address(self, user):
        """The address is the operator's own word: no confirmation e-mail to wait for."""
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )

    def password(self, kind, user):
        if self.interactive:
            while True:
                password = getpass.getpass(f"Password for {user.email}: ")
                if password != getpass.getpass("Again: "):
                    self.stderr.write("The two passwords differ; try again.")
                    continue
                try:
                    validate_password(password, user)
                except ValidationError as exc:
                    self.stderr.write("\n".join(exc.messages))
                    continue
                return password
        variable = PASSWORD_VARIABLES[kind]
        password = os.environ.get(variable, "")
        if not password:
            raise CommandError(f"--no-input needs the password in {variable}.")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(f"{variable}: " + " ".join(exc.messages)) from exc
        return password
