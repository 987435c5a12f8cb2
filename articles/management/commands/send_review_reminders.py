"""
`manage.py send_review_reminders`

Emails each medical reviewer the articles of theirs that are due for review
(articles/governance/review.py), each article once per due date: run it daily from cron (or a
django-tasks schedule) and a reviewer hears of an article again only when its next review date
changes. Two runs at once share the work: each reminder is claimed before its email is sent, so
none is sent twice.
"""

from django.core.management.base import BaseCommand

from articles.governance.review import send_review_reminders


class Command(BaseCommand):
    help = "Email medical reviewers the articles due for review that they were not yet told of."

    def handle(self, *args, **options):
        run = send_review_reminders()
        for address, articles in run.sent.items():
            self.stdout.write(f"Reminded {address} of {len(articles)} article(s).")
        for article in run.unreachable:
            self.stderr.write(
                f"Not reminded: “{article.title}” (id {article.pk}) has no medical reviewer with an email."
            )
        if not run.sent and not run.unreachable:
            self.stdout.write("No reminder to send.")
