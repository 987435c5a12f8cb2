"""
Settings for the reminder runs a test starts as processes: the live server's test settings, mail
written to files in EMAIL_FILE_PATH, each sending held SENDING_SECONDS (3 by default) so that two
runs overlap, or a run can be killed while it sends.
"""

import os
import time

from django.core.mail.backends.filebased import EmailBackend

from tests.hardening.live_settings import *  # noqa: F403

EMAIL_BACKEND = "tests.articles.slow_mail.SlowFileBackend"
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
SENDING_SECONDS = float(os.environ.get("SENDING_SECONDS", "3"))


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(SENDING_SECONDS)
        return super().send_messages(email_messages)
