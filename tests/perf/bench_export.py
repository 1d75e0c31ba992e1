"""Benchmark: export 100,000 submissions of a 50-question form, against plain xlsxwriter.

Run (from the project root):
    .venv/bin/python -m tests.perf.bench_export                        # 100,000, SQLite
    .venv/bin/python -m tests.perf.bench_export --sizes 20000,100000   # is memory flat?
    .venv/bin/python -m tests.perf.bench_export --sizes 20000 --profile
    createdb -h 127.0.0.1 -U postgres bench                            # once, then:
    .venv/bin/python -m tests.perf.bench_export --sizes 100000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Like bench_first_load.py it is named bench_*, so pytest never collects it, and it only
prints: a measurement, not a gate (exit code 0 unless something crashes). The aim, from
the issue: export/baseline wall time at most 1.5, peak memory under 250 MB, and flat
from 20,000 to 100,000 submissions.

Data. A generated form "bench-fifty" (YAML text, loaded and published by the project's
own code) with 50 questions in its version 2: 7 select_one, 4 select_multiple (one with
`other: true`), 8 scale, 5 integer and 3 decimal, 4 date, 4 yes_no, 14 text/textarea
(mostly 30-120 characters), consent, 3 sensitive ones (left out of the export), one
show_if. Version 1 has 49: v2 renames `life_rating` to `life_satisfaction`
(renamed_from) and adds `wave_comment`. Two campaigns (waves: ex-ante on v1, ex-post on
v2, alternating rows), 15 interviewers. Submissions are bulk-inserted into the real
tables (Core executemany, 5,000 a chunk) and grow between sizes: seed 20,000, measure,
add 80,000, measure. The database is a SQLite file in a temporary folder, or the
PostgreSQL database given, whose tables are dropped and created afresh (so give it a
database of its own) and dropped again at the end unless --keep.

Each measured run is a fresh subprocess, so its peak memory is its own: VmHWM, the
peak resident memory of the process ("start MB": its memory before the work, i.e.
Python, Flask, SQLAlchemy). "wall s" and "cpu s" (user + system time of that process)
cover the work only, not the interpreter's start or the imports; CPU time is the
steadier figure when other work shares the machine.

(a) export: resolve_options + write_workbook with the default options (the form's
    default language, labels, no sensitive answers): the whole workbook.
(b) baseline: the same cells written directly with xlsxwriter (constant_memory=True):
    the Answers sheet and the Open answers sheet, the two that grow with the
    submissions (the other four hold a few hundred cells). It INCLUDES reading the rows
    from the same database (a plain select, yield_per 1,000, so a server-side cursor on
    PostgreSQL, JSON decoding of the answers), looking up campaign, version and
    interviewer in dicts read once, merging v1 and v2 by question id (renamed_from),
    converting times to local naive datetimes, and writing per submission: uuid,
    campaign, version, interviewer, started, completed, language, then per question its
    cell (a label, a number, a date, or the text), for select_multiple the labels joined
    plus one 0/1 column per choice, and the 'other' text; and per open answer a row of
    question, answer, interviewer, completed, campaign and uuid, continued on a second
    sheet at Excel's row limit. It EXCLUDES what is our own work: grouping open answers
    by question (the export spills them to temporary files), the aggregates and charts
    of Summary, Waves and Progress, the Codebook, and the tags.
So "ratio" (wall time, the issue's figure) is our whole cost over writing the same
cells with xlsxwriter from the same database; "cpu ratio" is the same by CPU time;
"per cell" divides the cpu ratio by the ratio of cells written, which separates "more
cells" from "dearer cells". The cell counts are read back from the files (the <c>
elements of each worksheet), so a reader can check that both hold the same cells.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import xlsxwriter
import yaml
from flask import Flask
from sqlalchemy import insert, inspect, select

from collector import create_app
from collector.auth.models import User
from collector.campaigns.models import Campaign, campaign_interviewers
from collector.extensions import db
from collector.intake.models import Submission
from collector.schema.loader import load_form_text
from collector.schema.models import Form, FormVersion
from collector.schema.normalise import all_questions
from collector.schema.versions import publish_version

ROOT = Path(__file__).resolve().parents[2]
FORM_KEY = "bench-fifty"
LANGUAGES = ["lv", "en"]
CHUNK = 5_000
INTERVIEWERS = [f"bench-interviewer-{n:02d}" for n in range(1, 16)]
# (slug, form version, first day in UTC, interviewers by index): ex-ante then ex-post.
WAVES = [
    ("bench-ex-ante", 1, datetime(2026, 5, 4, 6, tzinfo=UTC), range(0, 12)),
    ("bench-ex-post", 2, datetime(2026, 10, 5, 6, tzinfo=UTC), range(3, 15)),
]
SKIP_OPTIONAL = 0.1  # share of optional questions left unanswered
AIM_RATIO = 1.5
AIM_PEAK_MB = 250

# ---------------------------------------------------------------------------- the form

# (id, type, options) of version 2, in order. Choices are given as a count.
QUESTIONS: list[tuple[str, str, dict[str, Any]]] = [
    ("consent", "consent", {"required": True}),
    ("municipality", "select_one", {"choices": 8, "required": True}),
    ("target_group", "select_one", {"choices": 6}),
    ("age_group", "select_one", {"choices": 5}),
    ("respondent_name", "text", {"sensitive": True}),
    ("phone", "text", {"sensitive": True}),
    ("birth_date", "date", {"sensitive": True}),
    ("household_size", "integer", {"min": 1, "max": 12, "required": True}),
    ("children", "yes_no", {}),
    (
        "children_count",
        "integer",
        {"min": 1, "max": 12, "show_if": "children == 'yes'", "constraint": ". <= household_size"},
    ),
    ("used_services", "yes_no", {}),
    ("services_used", "select_multiple", {"choices": 8, "other": True}),
    ("hard_to_reach", "select_multiple", {"choices": 7}),
    ("first_contact", "date", {}),
    ("last_contact", "date", {}),
    ("visits_per_year", "integer", {"min": 0, "max": 100}),
    ("travel_km", "decimal", {"min": 0, "max": 200}),
    ("travel_cost", "decimal", {"min": 0, "max": 100}),
    ("services_satisfaction", "scale", {"min": 1, "max": 5, "labels": True}),
    ("staff_respect", "scale", {"min": 1, "max": 5}),
    ("life_satisfaction", "scale", {"min": 1, "max": 10, "renamed_from": "life_rating"}),
    ("health", "scale", {"min": 1, "max": 5}),
    ("loneliness", "scale", {"min": 1, "max": 5}),
    ("safety", "scale", {"min": 1, "max": 5}),
    ("income_enough", "select_one", {"choices": 4}),
    ("housing", "select_one", {"choices": 5}),
    ("monthly_income", "decimal", {"min": 0, "max": 5000}),
    ("work_hours", "integer", {"min": 0, "max": 80}),
    ("has_transport", "yes_no", {}),
    ("support_network", "select_multiple", {"choices": 6}),
    ("everyday_life", "textarea", {"tags": ["problems"]}),
    ("main_difficulties", "textarea", {"tags": ["problems"]}),
    ("needs", "textarea", {"tags": ["needs"]}),
    ("five_years", "textarea", {"tags": ["dreams"]}),
    ("goals", "textarea", {"tags": ["goals"]}),
    ("best_service", "text", {}),
    ("worst_service", "text", {}),
    ("suggestion", "textarea", {}),
    ("neighbour_help", "text", {}),
    ("message_to_municipality", "textarea", {}),
    ("learning_interests", "select_multiple", {"choices": 6}),
    ("join_group", "yes_no", {}),
    ("preferred_contact", "select_one", {"choices": 4}),
    ("interview_place", "select_one", {"choices": 4}),
    ("duration_min", "integer", {"min": 5, "max": 240}),
    ("follow_up_date", "date", {}),
    ("interviewer_mood", "scale", {"min": 1, "max": 5}),
    ("respondent_engagement", "scale", {"min": 1, "max": 5}),
    ("interviewer_notes", "textarea", {}),
    ("wave_comment", "textarea", {"added_in": 2}),
]
SECTIONS = ["household", "services", "life", "open", "closing"]


def text(english: str) -> dict[str, str]:
    return {"lv": f"{english} (LV)", "en": english}


def question_document(qid: str, qtype: str, options: dict[str, Any], version: int) -> dict:
    """One question as a form file has it, as of `version` (1 has the old name)."""
    renamed_from = options.get("renamed_from")
    document: dict[str, Any] = {
        "id": renamed_from if renamed_from and version == 1 else qid,
        "type": qtype,
        "label": text(qid.replace("_", " ").capitalize() + "?"),
    }
    if renamed_from and version > 1:
        document["renamed_from"] = renamed_from
    for key in ("required", "sensitive", "show_if", "constraint", "tags", "other", "min", "max"):
        if key in options:
            document[key] = options[key]
    if "choices" in options:
        document["choices"] = [
            {"value": f"{qid[:3]}{n}", "label": text(f"{qid} choice {n}")}
            for n in range(1, options["choices"] + 1)
        ]
    if options.get("labels"):
        document["labels"] = {
            p: text(f"point {p}") for p in range(options["min"], 1 + options["max"])
        }
    return document


def form_yaml(version: int) -> str:
    questions = [
        question_document(qid, qtype, options, version)
        for qid, qtype, options in QUESTIONS
        if options.get("added_in", 1) <= version
    ]
    per_section = -(-len(questions) // len(SECTIONS))
    document = {
        "form": FORM_KEY,
        "version": version,
        "kind": "interview",
        "languages": LANGUAGES,
        "title": text("Benchmark: fifty questions"),
        "sections": [
            {
                "id": section,
                "title": text(section.capitalize()),
                "questions": questions[n * per_section : (n + 1) * per_section],
            }
            for n, section in enumerate(SECTIONS)
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


# ------------------------------------------------------------------------------ answers

WORDS = (
    "autobuss mājas ārsts veikals darbs bērni mazbērni dārzs ziema ceļš pagasts skola "
    "bus doctor shop work children garden winter road neighbour pension heating money "
    "library lonely internet phone bank transport help family village town river forest "
    "sociālais dienests pabalsts kaimiņi vientulība apkure nauda bibliotēka ģimene ciems"
).split()


def sentence_pool(size: int = 20_000) -> list[str]:
    """Open answers of 30 to 120 characters, Latvian letters included."""
    rng = random.Random("bench-pool")  # noqa: S311 - test data, not secrets
    pool = []
    for _ in range(size):
        length, words = rng.randint(30, 120), []
        while sum(len(word) + 1 for word in words) < length:
            words.append(rng.choice(WORDS))
        pool.append(" ".join(words)[:length].rstrip().capitalize() + ".")
    return pool


AnswerMaker = Callable[[random.Random, dict[str, Any]], Any]


def answer_maker(qtype: str, document: dict[str, Any], pool: list[str]) -> AnswerMaker:
    """A function giving a valid random answer to one question (None: leave it out)."""
    values = [choice["value"] for choice in document.get("choices", [])]
    if document.get("other"):
        values.append("other")
    low, high = document.get("min"), document.get("max")
    makers: dict[str, AnswerMaker] = {
        "consent": lambda rng, _: True,
        "select_one": lambda rng, _: rng.choice(values),
        "select_multiple": lambda rng, _: rng.sample(values, rng.randint(1, 3)),
        "scale": lambda rng, _: rng.randint(low, high),
        "integer": lambda rng, _: rng.randint(low, high),
        "decimal": lambda rng, _: round(rng.uniform(low, high), 2),
        "date": lambda rng, _: (date(2024, 1, 1) + timedelta(rng.randrange(1000))).isoformat(),
        "yes_no": lambda rng, _: rng.choice(("yes", "no")),
        "text": lambda rng, _: rng.choice(pool),
        "textarea": lambda rng, _: rng.choice(pool),
    }
    if document["id"] == "children_count":
        return lambda rng, given: (
            rng.randint(1, given["household_size"]) if given.get("children") == "yes" else None
        )
    return makers[qtype]


@dataclass
class VersionPlan:
    """How to answer one version: (id, required, maker) per question."""

    version_id: int
    questions: list[tuple[str, bool, AnswerMaker]]
    other_ids: list[str]  # select_multiple with `other: true`


def version_plan(version_id: int, schema: dict[str, Any], pool: list[str]) -> VersionPlan:
    questions = all_questions(schema)
    return VersionPlan(
        version_id,
        [(q["id"], q["required"], answer_maker(q["type"], q, pool)) for q in questions],
        [q["id"] for q in questions if q.get("other")],
    )


def make_answers(rng: random.Random, plan: VersionPlan, pool: list[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, required, maker in plan.questions:
        if not required and rng.random() < SKIP_OPTIONAL:
            continue
        value = maker(rng, answers)
        if value is not None:
            answers[qid] = value
    for qid in plan.other_ids:
        if "other" in answers.get(qid, ()):
            answers[qid + "_other"] = rng.choice(pool)
    return answers


# ----------------------------------------------------------------------------- seeding


@dataclass
class Seed:
    """What the submissions refer to, by wave: version plan, campaign id, interviewer ids."""

    plans: list[VersionPlan]
    campaign_ids: list[int]
    interviewer_ids: list[list[int]]
    pool: list[str]
    rows: int = 0


def make_app(database_url: str) -> Flask:
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        }
    )
    logging.getLogger("collector").setLevel(logging.WARNING)
    return app


def check_database_is_ours() -> None:
    """Refuse a database holding anything but an earlier run's data: we drop every table."""
    tables = set(inspect(db.engine).get_table_names())
    if not tables:
        return
    known = set(db.metadata.tables)
    foreign = tables - known
    forms = set(db.session.scalars(select(Form.key))) if "forms" in tables else set()
    if foreign or forms - {FORM_KEY}:
        sys.exit(
            f"{db.engine.url.render_as_string(hide_password=True)} holds other data "
            f"(tables {sorted(foreign)[:5]}, forms {sorted(forms)[:5]}); the benchmark drops "
            "every table, so give it a database of its own (createdb bench)."
        )


def prepare_database() -> Seed:
    """Fresh tables, the form's two versions, interviewers and the two campaigns."""
    check_database_is_ours()
    db.session.remove()  # on PostgreSQL an open read would block the DROP TABLEs
    db.drop_all()
    db.create_all()
    pool = sentence_pool()
    versions = {
        version: publish_version(load_form_text(form_yaml(version), f"{FORM_KEY}-v{version}.yaml"))
        for version in (1, 2)
    }
    form_id = versions[1].version.form_id
    with db.engine.begin() as connection:
        user_ids = [
            connection.execute(
                insert(User).values(username=name, password_hash="!", role="interviewer")
            ).inserted_primary_key[0]
            for name in INTERVIEWERS
        ]
        campaign_ids, interviewer_ids = [], []
        for slug, _version, _start, members in WAVES:
            campaign_id = connection.execute(
                insert(Campaign).values(slug=slug, form_id=form_id, title=slug, target=50_000)
            ).inserted_primary_key[0]
            ids = [user_ids[n] for n in members]
            connection.execute(
                insert(campaign_interviewers),
                [{"campaign_id": campaign_id, "user_id": user} for user in ids],
            )
            campaign_ids.append(campaign_id)
            interviewer_ids.append(ids)
    plans = [
        version_plan(versions[v].version.id, versions[v].version.schema, pool)
        for _slug, v, _start, _members in WAVES
    ]
    db.session.remove()
    return Seed(plans, campaign_ids, interviewer_ids, pool)


def submission_row(rng: random.Random, seed: Seed, index: int) -> dict[str, Any]:
    wave = index % len(WAVES)
    started = WAVES[wave][2] + timedelta(days=rng.randrange(20), minutes=rng.randrange(600))
    completed = started + timedelta(minutes=rng.randint(20, 90))
    return {
        "uuid": uuid.UUID(int=rng.getrandbits(128), version=4),
        "form_version_id": seed.plans[wave].version_id,
        "campaign_id": seed.campaign_ids[wave],
        "submitted_by_id": rng.choice(seed.interviewer_ids[wave]),
        "lang": "lv" if rng.random() < 0.7 else "en",
        "started_at": started,
        "completed_at": completed,
        "received_at": completed + timedelta(minutes=rng.randrange(4320)),
        "answers": make_answers(rng, seed.plans[wave], seed.pool),
        "content_hash": f"{rng.getrandbits(256):064x}",
    }


def add_submissions(seed: Seed, total: int) -> float:
    """Insert submissions until there are `total`; returns the seconds it took."""
    began = time.perf_counter()
    for start in range(seed.rows, total, CHUNK):
        stop = min(start + CHUNK, total)
        rng = random.Random(f"bench-{start}")  # noqa: S311 - test data, not secrets
        rows = [submission_row(rng, seed, index) for index in range(start, stop)]
        with db.engine.begin() as connection:
            connection.execute(insert(Submission), rows)
    seed.rows = max(seed.rows, total)
    return time.perf_counter() - began


# ---------------------------------------------------------------------------- baseline

YES_NO_LABELS = {"lv": {"yes": "Jā", "no": "Nē"}, "en": {"yes": "Yes", "no": "No"}}


@dataclass
class Column:
    """A question's column(s) in the Answers sheet, merged over versions by id."""

    keys: tuple[str, ...]  # its id in each version: the newest first
    type: str
    labels: dict[str, str] = field(default_factory=dict)  # choice value → label
    choices: list[str] = field(default_factory=list)  # for the 0/1 columns
    other: bool = False

    @property
    def width(self) -> int:
        return 1 + len(self.choices) + int(self.other)


def merged_columns(lang: str) -> list[Column]:
    """The newest version's questions, then any only older ones have; sensitive left out."""
    schemas = db.session.scalars(
        select(FormVersion.schema)
        .join(Form)
        .where(Form.key == FORM_KEY)
        .order_by(FormVersion.number.desc())
    )
    columns: dict[str, Column] = {}
    renamed: dict[str, str] = {}
    for schema in schemas:
        for question in all_questions(schema):
            qid = renamed.get(question["id"], question["id"])
            if question.get("renamed_from"):
                renamed[question["renamed_from"]] = qid
            if qid in columns:
                if question["id"] not in columns[qid].keys:
                    columns[qid].keys += (question["id"],)
            elif question["type"] != "note" and not question["sensitive"]:
                columns[qid] = column_of(question, lang)
    return list(columns.values())


def column_of(question: dict[str, Any], lang: str) -> Column:
    labels = {c["value"]: c["label"][lang] for c in question.get("choices", [])}
    if question["type"] == "yes_no":
        labels = YES_NO_LABELS[lang]
    if question.get("other"):
        labels["other"] = "other"
    choices = list(labels) if question["type"] == "select_multiple" else []
    return Column(
        (question["id"],), question["type"], labels, choices, question.get("other", False)
    )


def local_naive(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(zone).replace(tzinfo=None)


def write_baseline(path: str, zone: ZoneInfo) -> int:
    """The Answers and Open answers sheets' cells, straight from the database; returns
    the submissions written."""
    lang = LANGUAGES[0]
    columns = merged_columns(lang)
    slugs = dict(db.session.execute(select(Campaign.id, Campaign.slug)).all())
    numbers = dict(db.session.execute(select(FormVersion.id, FormVersion.number)).all())
    names = dict(db.session.execute(select(User.id, User.username)).all())
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("Answers")
    formats = {
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "time": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    header = ["uuid", "campaign", "version", "interviewer", "started", "completed", "language"]
    for column in columns:
        header += [column.keys[0]] + [f"{column.keys[0]}/{c}" for c in column.choices]
        header += [f"{column.keys[0]}_other"] if column.other else []
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(header) - 1, 14)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, header, book.add_format({"bold": True}))
    open_sheet = OpenAnswerRows(book, formats["time"])
    query = select(
        Submission.uuid,
        Submission.campaign_id,
        Submission.form_version_id,
        Submission.submitted_by_id,
        Submission.started_at,
        Submission.completed_at,
        Submission.lang,
        Submission.answers,
    ).order_by(Submission.id)
    row = 0
    for row, record in enumerate(
        db.session.execute(query.execution_options(yield_per=1000)), start=1
    ):
        sheet.write_string(row, 0, str(record.uuid))
        sheet.write_string(row, 1, slugs.get(record.campaign_id, ""))
        sheet.write_number(row, 2, numbers[record.form_version_id])
        sheet.write_string(row, 3, names.get(record.submitted_by_id, ""))
        for col, moment in ((4, record.started_at), (5, record.completed_at)):
            if moment is not None:
                sheet.write_datetime(row, col, local_naive(moment, zone), formats["time"])
        sheet.write_string(row, 6, record.lang)
        write_answers(sheet, row, 7, columns, record.answers, formats)
        open_sheet.add(record, columns, slugs, names, zone)
    sheet.autofilter(0, 0, row, len(header) - 1)
    book.close()
    return row


class OpenAnswerRows:
    """The Open answers sheet's cells: a row per open answer (and per 'other' text) with
    question, answer, interviewer, completed, campaign and uuid, continued on a new sheet
    at Excel's row limit, as the export does. Written in the order read: the export's
    grouping by question (its spill files) is part of what the ratio measures."""

    MAX_ROWS = 1_048_576

    def __init__(self, book: Any, time_format: Any) -> None:
        self.book, self.time_format = book, time_format
        self.sheets = 0
        self.row = self.MAX_ROWS
        self.sheet: Any = None

    def add(self, record: Any, columns: list[Column], slugs: dict, names: dict, zone) -> None:
        answers = record.answers
        when = None
        for column in columns:
            keys = [(k, k) for k in column.keys] if column.type in ("text", "textarea") else []
            if column.other:
                keys += [(k + "_other", column.keys[0] + "_other") for k in column.keys]
            for key, title in keys:
                value = answers.get(key)
                if not isinstance(value, str) or not value.strip():
                    continue
                if when is None:
                    when = local_naive(record.completed_at, zone)
                row = self.next_row()
                self.sheet.write_string(row, 0, title)
                self.sheet.write_string(row, 1, value)
                self.sheet.write_string(row, 2, names.get(record.submitted_by_id, ""))
                self.sheet.write_datetime(row, 3, when, self.time_format)
                self.sheet.write_string(row, 4, slugs.get(record.campaign_id, ""))
                self.sheet.write_string(row, 6, str(record.uuid))

    def next_row(self) -> int:
        if self.row >= self.MAX_ROWS:
            self.sheets += 1
            name = "Open answers" + (f" ({self.sheets})" if self.sheets > 1 else "")
            self.sheet = self.book.add_worksheet(name)
            header = ["question", "answer", "interviewer", "completed", "campaign", "tags", "uuid"]
            for col, title in enumerate(header):
                self.sheet.write_string(0, col, title)
            self.row = 1
        self.row += 1
        return self.row - 1


def write_answers(
    sheet: Any, row: int, col: int, columns: list[Column], answers: dict, formats: dict
) -> None:
    for column in columns:
        value = next((answers[key] for key in column.keys if key in answers), None)
        if value is not None:
            write_answer(sheet, row, col, column, value, formats)
        if column.other and column.keys[0] + "_other" in answers:
            sheet.write_string(row, col + column.width - 1, answers[column.keys[0] + "_other"])
        col += column.width


def write_answer(sheet: Any, row: int, col: int, column: Column, value: Any, formats: dict) -> None:
    kind = column.type
    if kind in ("integer", "decimal", "scale"):
        sheet.write_number(row, col, value)
    elif kind == "date":
        sheet.write_datetime(row, col, datetime.fromisoformat(value), formats["date"])
    elif kind == "select_multiple":
        sheet.write_string(row, col, "; ".join(column.labels.get(v, v) for v in value))
        for offset, choice in enumerate(column.choices, start=1):
            sheet.write_number(row, col + offset, int(choice in value))
    elif kind == "consent":
        sheet.write_string(row, col, YES_NO_LABELS[LANGUAGES[0]]["yes" if value else "no"])
    elif column.labels:
        sheet.write_string(row, col, column.labels.get(value, value))
    else:
        sheet.write_string(row, col, str(value))


# ------------------------------------------------------------------------------ export


def write_export(path: str) -> dict[str, Any]:
    from collector.exports.options import ExportOptions, resolve_options
    from collector.exports.workbook import write_workbook

    summary = write_workbook(resolve_options(ExportOptions(form=FORM_KEY)), path)
    return {"submissions": summary.submissions, "sheets": summary.sheets}


# ------------------------------------------------------------------------ measurement


@dataclass
class Measurement:
    run: str
    size: int
    wall: float = 0.0
    cpu: float = 0.0  # user + system seconds of the process: steadier on a busy machine
    peak_mb: float = 0.0
    start_mb: float = 0.0
    sheets: dict[str, int] = field(default_factory=dict)  # name → cells
    missing: bool = False  # the engine is not there yet

    @property
    def first_sheet_cells(self) -> int:
        return next(iter(self.sheets.values()), 0)

    @property
    def cells(self) -> int:
        return sum(self.sheets.values())


def memory_mb(key: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MiB.

    Not ru_maxrss: on Linux a child inherits the parent's high-water mark through
    fork+exec, so every run would show at least the seeding process's memory.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(key)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_main(run: str, database_url: str, output: str, result: str, profile: str) -> None:
    """In the subprocess: one export or baseline, its figures written to `result` as JSON."""
    app = make_app(database_url)
    zone = ZoneInfo(app.config.get("TIMEZONE", "Europe/Riga"))
    figures: dict[str, Any] = {"start_mb": memory_mb("VmRSS")}
    profiler = cProfile.Profile() if profile else None
    with app.app_context():
        began, cpu_began = time.perf_counter(), cpu_seconds()
        try:
            if profiler:
                profiler.enable()
            if run == "export":
                figures["summary"] = write_export(output)
            else:
                figures["rows"] = write_baseline(output, zone)
        except NotImplementedError:
            figures["missing"] = True
        finally:
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
        figures["wall"] = time.perf_counter() - began
        figures["cpu"] = cpu_seconds() - cpu_began
    figures["peak_mb"] = memory_mb("VmHWM")
    Path(result).write_text(json.dumps(figures))


def measure(
    run: str, size: int, database_url: str, workdir: Path, profile: str = ""
) -> Measurement:
    output, result = workdir / f"{run}-{size}.xlsx", workdir / f"{run}-{size}.json"
    command = [sys.executable, "-m", "tests.perf.bench_export", "--child", run]
    command += ["--database-url", database_url, "--output", str(output), "--result", str(result)]
    command += ["--profile-to", profile] if profile else []
    subprocess.run(command, cwd=ROOT, env=child_environment(workdir), check=True)
    figures = json.loads(result.read_text())
    measured = Measurement(run, size, figures["wall"], figures["cpu"])
    measured.peak_mb, measured.start_mb = figures["peak_mb"], figures["start_mb"]
    measured.missing = figures.get("missing", False)
    if output.exists() and not measured.missing:
        measured.sheets = count_cells(output)
        output.unlink()
    return measured


def child_environment(workdir: Path) -> dict[str, str]:
    # The app's instance folder in the work folder: the run leaves the project's alone.
    return {**os.environ, "COLLECTOR_INSTANCE_PATH": str(workdir / "instance")}


def best_of(runs: list[Measurement]) -> Measurement:
    """The fastest run, with the highest peak of them all."""
    best = min(runs, key=lambda m: m.wall)
    best.peak_mb = max(m.peak_mb for m in runs)
    return best


CELL = re.compile(rb"<c r=")


def count_cells(path: Path) -> dict[str, int]:
    """Cells per worksheet, in the workbook's order, counted in the file itself."""
    with zipfile.ZipFile(path) as book:
        return {name: count_in_member(book, member) for name, member in worksheets(book)}


def worksheets(book: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    # The file was just written by this run, so the stdlib parser is safe here.
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))  # noqa: S314
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("p:Relationship", ns)}
    for sheet in workbook.iterfind(".//m:sheet", ns):
        target = targets[sheet.get(f"{{{ns['r']}}}id")]
        yield sheet.get("name"), target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def count_in_member(book: zipfile.ZipFile, member: str) -> int:
    count, tail = 0, b""
    with book.open(member) as stream:
        while chunk := stream.read(1 << 20):
            count += len(CELL.findall(tail + chunk))
            tail = chunk[-4:]  # shorter than "<c r=", so no cell is counted twice
    return count


def print_profile(path: str, limit: int = 15) -> None:
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(path, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(limit)
        print(f"\nexport profile, top {limit} by {order}:")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


# ----------------------------------------------------------------------------- report


def print_header() -> None:
    print(
        f"\n{'submissions':>11}  {'run':<8} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}"
        f" {'start MB':>8} {'Answers cells':>13} {'all cells':>11}"
        f" {'ratio':>6} {'cpu ratio':>9} {'per cell':>8}"
    )


def print_row(measured: Measurement, baseline: Measurement | None = None) -> None:
    if measured.missing:
        print(f"{measured.size:>11,}  {measured.run:<8} (write_workbook is not implemented yet)")
        return
    ratios = ["", "", ""]
    if baseline is not None:
        cpu_ratio = measured.cpu / baseline.cpu
        per_cell = cpu_ratio * baseline.cells / max(measured.cells, 1)
        ratios = [f"{measured.wall / baseline.wall:.2f}", f"{cpu_ratio:.2f}", f"{per_cell:.2f}"]
    print(
        f"{measured.size:>11,}  {measured.run:<8} {measured.wall:>7.1f} {measured.cpu:>7.1f}"
        f" {measured.peak_mb:>8.1f} {measured.start_mb:>8.1f}"
        f" {measured.first_sheet_cells:>13,} {measured.cells:>11,}"
        f" {ratios[0]:>6} {ratios[1]:>9} {ratios[2]:>8}"
    )


def print_verdict(results: list[SizeResult]) -> None:
    exports = [(r.export, r.baseline) for r in results if not r.export.missing]
    print("\nverdict")
    if not exports:
        print("  export not measured: collector.exports.workbook is not implemented yet")
        return
    last, last_base = exports[-1]
    ratio, cpu_ratio = last.wall / last_base.wall, last.cpu / last_base.cpu
    print(
        f"  ratio ≤ {AIM_RATIO}: {yes(ratio <= AIM_RATIO)} "
        f"({ratio:.2f} at {last.size:,}; by CPU time {cpu_ratio:.2f})"
    )
    peak = max(export.peak_mb for export, _ in exports)
    print(f"  peak < {AIM_PEAK_MB} MB: {yes(peak < AIM_PEAK_MB)} ({peak:.1f} MB at most)")
    if len(exports) > 1:
        first = exports[0][0]
        print(
            f"  memory flat {first.size // 1000}k→{last.size // 1000}k: "
            f"{last.peak_mb - first.peak_mb:+.1f} MB"
        )
    else:
        print("  memory flat: n/a (give two sizes, e.g. --sizes 20000,100000)")
    for export, _base in exports[-1:]:
        sheets = ", ".join(f"{name} {cells:,}" for name, cells in export.sheets.items())
        print(f"  export sheets at {export.size:,} (cells): {sheets}")


def yes(condition: bool) -> str:
    return "yes" if condition else "no"


# ------------------------------------------------------------------------------- main


@dataclass
class SizeResult:
    baseline: Measurement
    export: Measurement
    profile: str = ""  # a cProfile dump of one more export, when asked for


def run_benchmark(args: argparse.Namespace, workdir: Path, database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        seed = prepare_database()
        print(f"{FORM_KEY}: 50 questions (v1 49, v2 50), 2 waves, {len(INTERVIEWERS)} interviewers")
        print(f"database: {db.engine.url.render_as_string(hide_password=True)}")
        results = []
        for n, size in enumerate(args.sizes):
            seconds = add_submissions(seed, size)
            print(f"seeded to {size:,} submissions in {seconds:.1f} s", flush=True)
            db.engine.dispose()  # the children get the database to themselves
            results.append(measure_size(size, database_url, workdir, args.repeat))
            if args.profile and n == 0:
                results[-1].profile = str(workdir / "export.prof")
                measure("export", size, database_url, workdir, results[-1].profile)
        report(results)
        db.session.remove()
        if not args.keep:
            db.drop_all()
        db.engine.dispose()


def measure_size(size: int, database_url: str, workdir: Path, repeat: int) -> SizeResult:
    runs: dict[str, list[Measurement]] = {"baseline": [], "export": []}
    for _ in range(repeat):
        for run in runs:
            runs[run].append(measure(run, size, database_url, workdir))
    return SizeResult(best_of(runs["baseline"]), best_of(runs["export"]))


def report(results: list[SizeResult]) -> None:
    print_header()
    for result in results:
        print_row(result.baseline)
        print_row(result.export, result.baseline)
    print_verdict(results)
    for result in results:
        if result.profile and Path(result.profile).exists():
            print(f"\n(an extra export of {result.export.size:,} submissions, under cProfile)")
            print_profile(result.profile)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda value: sorted(int(size) for size in value.split(",")),
        default=[100_000],
        help="submission counts to measure, ascending, e.g. 20000,100000",
    )
    parser.add_argument("--database-url", help="a PostgreSQL database of its own; default SQLite")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="cProfile the first size's export")
    parser.add_argument("--keep", action="store_true", help="keep the data and the work folder")
    for name in ("--child", "--output", "--result", "--profile-to"):  # the subprocess's own
        parser.add_argument(name, default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    if args.child:
        child_main(args.child, args.database_url, args.output, args.result, args.profile_to)
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-export-"))
    os.environ.update(child_environment(workdir))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    try:
        run_benchmark(args, workdir, database_url)
    finally:
        if args.keep:
            print(f"\nkept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
