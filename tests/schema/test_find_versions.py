"""Finding published versions: the one asked for, or the latest, without loading them all."""

from collector.schema.loader import load_form_text
from collector.schema.versions import find_version, latest_versions, publish_version

FORM = """\
form: {key}
version: {number}
kind: survey
languages: [en]
title: {{en: {key} v{number}}}
sections:
  - id: s
    title: {{en: S}}
    questions:
      - {{id: q{number}, type: text, label: {{en: Q}}}}
"""


def publish(key: str, number: int) -> None:
    publish_version(load_form_text(FORM.format(key=key, number=number), f"{key}.yaml"))


def test_find_version_gives_the_number_asked_for(app_context):
    publish("a", 1)
    publish("a", 2)
    assert find_version("a", 1).number == 1


def test_find_version_without_a_number_gives_the_latest(app_context):
    publish("a", 1)
    publish("a", 2)
    assert find_version("a").number == 2


def test_find_version_of_an_unpublished_number_gives_the_latest(app_context):
    publish("a", 1)
    assert find_version("a", 7).number == 1


def test_find_version_of_an_unknown_form_is_none(app_context):
    assert find_version("nothing") is None


def test_latest_versions_gives_one_per_form_in_key_order(app_context):
    publish("b", 1)
    publish("a", 1)
    publish("a", 3)
    assert [(v.schema["form"], v.number) for v in latest_versions()] == [("a", 3), ("b", 1)]
