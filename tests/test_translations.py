"""Every interface string has a translation in lv, en and ru, with the same placeholders."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from collector.config import Config
from tests.conftest import ROOT

PYBABEL = Path(sys.executable).parent / "pybabel"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def extracted_ids(tmp_path_factory) -> set[str]:
    """The strings the code marks for translation now (not the possibly stale .pot)."""
    template = tmp_path_factory.mktemp("babel") / "messages.pot"
    subprocess.run(  # noqa: S603 -- our own venv's pybabel with fixed arguments
        [
            str(PYBABEL),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    with template.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def catalog(language: str):
    with (ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def forms_of(message) -> tuple[str, ...]:
    """The translations of a message: one, or one per plural form."""
    return message.string if isinstance(message.string, tuple) else (message.string,)


def source_of(message) -> str:
    """What a translation must match: the text, or for plurals the plural text (every form
    keeps its number, even the singular one)."""
    return message.id[1] if isinstance(message.id, tuple) else message.id


@pytest.mark.parametrize("language", Config.LANGUAGES)
def test_every_interface_string_is_translated(extracted_ids, language):
    translated = {
        message.id
        for message in catalog(language)
        if message.id and all(forms_of(message)) and not message.fuzzy
    }
    missing = sorted(extracted_ids - translated, key=str)  # plural ids are tuples
    assert missing == [], f"untranslated in {language} (run make translations-update): {missing}"


@pytest.mark.parametrize("language", Config.LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = [
        (message.id, text)
        for message in catalog(language)
        if message.id
        for text in forms_of(message)
        if text
        and sorted(PLACEHOLDER.findall(source_of(message))) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []
