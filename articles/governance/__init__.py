"""
Clinical governance: the two-person medical sign-off, attribution, reading age, claims tied to
their evidence and library text checked against its article. docs/governance.md describes the
model as editors and reviewers meet it.
"""
