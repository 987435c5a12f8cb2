"""
`manage.py create_moderator USERNAME [--email E] [--rotate-token]`

Creates the user, or updates an existing one, puts it in the "Comment moderators" group and
prints its API token alone on the last line, so a script can take it with `tail -n 1`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from rest_framework.authtoken.models import Token

from ...permissions import moderators_group


class Command(BaseCommand):
    help = "Create or update a comment moderator and print their API token on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", help="Their address; moderators are emailed about new comments.")
        parser.add_argument(
            "--rotate-token", action="store_true", help="Replace an existing token with a new one."
        )

    def handle(self, *args, username, email=None, rotate_token=False, **options):
        if email is not None:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"{email!r} is not a valid email address.") from None
        with transaction.atomic():
            user, created = self.save_user(username, email)
            user.groups.add(moderators_group())
            token = self.token_for(user, rotate_token)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} comment moderator {user.get_username()!r} ({user.email or 'no email'}).")
        if created:
            self.stdout.write(
                "They have no password: use the token below, or set one with `manage.py changepassword`."
            )
        self.stdout.write(token.key)

    def save_user(self, username, email):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: username})
            user.set_unusable_password()
        if email is not None:
            user.email = email
        user.is_active = True
        user.save()
        return user, created

    def token_for(self, user, rotate):
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        return token
