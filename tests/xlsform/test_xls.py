"""Older .xls workbooks (Excel 97–2003) are read with xlrd like .xlsx ones with openpyxl."""

from pathlib import Path

import pytest

from collector.xlsform.importing import import_xlsform
from tests.xlsform.fixtures.make_xls import CHOICES, SETTINGS, SURVEY
from tests.xlsform.workbooks import xlsx

pytestmark = pytest.mark.usefixtures("plain_app")

# Made by fixtures/make_xls.py from the tables it holds (imported above).
SMALL_XLS = Path(__file__).with_name("fixtures") / "small.xls"


def test_an_xls_file_gives_the_same_form_as_the_same_tables_in_xlsx():
    from_xls = import_xlsform(SMALL_XLS.read_bytes(), "small.xls", "small.yaml")
    from_xlsx = import_xlsform(xlsx(SURVEY, CHOICES, SETTINGS), "small.xlsx", "small.yaml")
    assert from_xls.loaded.schema == from_xlsx.loaded.schema
    assert (from_xls.loaded.key, from_xls.loaded.version) == ("old-excel", 3)
    works = from_xls.loaded.schema["sections"][0]["questions"][1]
    assert works["show_if"]["source"] == "age >= 16"
    assert works["label"] == {"lv": "Strādā?", "en": "Works?"}


def test_an_xls_converts_in_pyxform_too():
    pyxform = pytest.importorskip("pyxform.xls2xform")
    result = pyxform.convert(xlsform=SMALL_XLS.read_bytes(), file_type=".xls", validate=False)
    assert 'id="old-excel"' in result.xform


def test_a_damaged_xls_is_refused_with_the_file_name():
    from collector.xlsform.errors import XLSFormInvalid

    damaged = SMALL_XLS.read_bytes()[:600]
    with pytest.raises(XLSFormInvalid) as raised:
        import_xlsform(damaged, "broken.xls", "b.yaml")
    assert str(raised.value).startswith("broken.xls: the workbook cannot be opened")
