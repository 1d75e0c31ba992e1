"""Campaigns: a form in the field, with its interviewers and target."""
