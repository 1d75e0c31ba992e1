"""Quarantine review: a coordinator releases a kept payload as a submission, or discards it."""
