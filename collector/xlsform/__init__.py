"""XLSForm (the Excel questionnaire format of ODK, KoboToolbox and SurveyCTO) in and out.

- reader.py: a .xlsx or .xls workbook to sheets of rows, each cell with its position.
- columns.py: column names such as ``label::Latvian (lv)`` to a key and a language.
- xpath.py: the XPath subset of ``relevant`` / ``constraint`` to our expression trees.
- expression_text.py: an expression tree written out as our text or as XPath.
- sheets.py, settings.py, choices.py, survey.py (words in vocabulary.py): each sheet read
  into our terms; to_form.py: the sheets to a form document; limits.py: min/max in constraints.
- importing.py: workbook to a checked YAML form; commands.py: the `collector forms` commands.
- from_form.py: a published schema to sheets; writer.py: sheets to an .xlsx file.
- views.py, upload_form.py: the coordinator's upload page.
"""
