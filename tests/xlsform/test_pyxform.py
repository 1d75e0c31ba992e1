"""pyxform, the reference XLSForm converter, agrees: what we accept and what we write are
XLSForms it converts too (validate=False: no Java, the XForm is not run through ODK Validate)."""

import pytest

from collector.schema.loader import load_form_file, load_form_text
from collector.xlsform.from_form import form_to_tables
from collector.xlsform.importing import import_xlsform
from collector.xlsform.writer import write_xlsform
from tests.xlsform import test_import_features as features
from tests.xlsform.test_round_trip import EVERYTHING, SAMPLES
from tests.xlsform.workbooks import xlsx

pyxform = pytest.importorskip("pyxform.xls2xform")

pytestmark = pytest.mark.usefixtures("plain_app")

ACCEPTED = {
    "every-feature": xlsx(features.SURVEY, features.CHOICES, features.SETTINGS),
    "bare-labels": xlsx(
        [["type", "name", "label"], ["text", "q", "Question"]],
        None,
        [["form_id", "version"], ["simple", 1]],
    ),
    "likert-words": xlsx(
        [["type", "name", "label", "appearance"], ["select_one agree", "q", "Q", "likert"]],
        [["list_name", "name", "label"], ["agree", "yes", "Yes"], ["agree", "no", "No"]],
        [["form_id", "version", "default_language"], ["likert", 1, "en"]],
    ),
}


def pyxform_converts(content: bytes) -> str:
    result = pyxform.convert(xlsform=content, file_type=".xlsx", validate=False)
    assert "<h:html" in result.xform
    return result.xform


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_we_import_pyxform_converts_too(name):
    import_xlsform(ACCEPTED[name], f"{name}.xlsx", f"{name}.yaml")
    pyxform_converts(ACCEPTED[name])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_each_sample_exported_is_an_xlsform_pyxform_converts(path):
    xform = pyxform_converts(write_xlsform(form_to_tables(load_form_file(path).schema)))
    assert f'id="{path.stem}"' in xform


def test_the_form_with_every_feature_exported_converts_in_pyxform():
    xform = pyxform_converts(
        write_xlsform(form_to_tables(load_form_text(EVERYTHING, "e.yaml").schema))
    )
    # Our expressions arrive as XPath binds that ODK tools run.
    assert 'relevant="string-length( /data/one/story ) &gt; 0"' in xform
    assert 'constraint="string-length(.) &lt;= 200 and string-length( /data/one/story ) != 1"' in (
        xform
    )
