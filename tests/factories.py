"""Builders of valid test data; each test states only what it changes."""

import uuid
from typing import Any


def kitchen_talk_answers(**overrides: Any) -> dict[str, Any]:
    """A complete, valid kitchen-talk interview."""
    answers: dict[str, Any] = {
        "municipality": "cesis",
        "consent": True,
        "target_group": "senior",
        "age_group": "age_65_plus",
        "household_size": 3,
        "children": "yes",
        "children_count": 1,
        "everyday_life": "Quiet. The bus comes twice a week.",
        "life_satisfaction": 4,
        "main_difficulties": "Getting to the doctor.",
        "hard_to_reach": ["health_care", "bank_atm"],
        "used_services": "yes",
        "services_satisfaction": 3,
        "five_years": "A garden and my grandchildren nearby.",
        "join_group": "maybe",
        "duration_min": 45,
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def submission(answers: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    payload = {
        "uuid": str(uuid.uuid4()),
        "form": "kitchen-talk",
        "version": 1,
        "campaign": None,
        "lang": "lv",
        "started_at": "2026-05-12T10:02:11Z",
        "completed_at": "2026-05-12T10:41:55Z",
        "answers": answers if answers is not None else kitchen_talk_answers(),
    }
    payload.update(overrides)
    return payload
