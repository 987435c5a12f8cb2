"""
Clinical governance: the two-person medical sign-off, attribution, reading age, claims tied to
their evidence and library text checked against its article; medical review dates (which articles
are due, review.py), the reminders sent to their reviewers (reminders.py) and the admin's reports
"Due for medical review" and "Uncited claims" (reports.py). docs/governance.md describes the
model as editors and reviewers meet it.
"""
