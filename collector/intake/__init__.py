"""Intake: checking submitted answers and storing them exactly once, or in quarantine."""
