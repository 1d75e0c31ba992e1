"""XLSForm tables to an .xlsx workbook (xlsxwriter), every cell written as plain text."""

import io

import xlsxwriter

from collector.xlsform.from_form import Table

# Wide enough to read a label without opening the cell; long texts wrap.
_WIDTHS = {"type": 28, "name": 22, "list_name": 20}
_TEXT_WIDTH = 40


def write_xlsform(tables: dict[str, Table]) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    header = workbook.add_format({"bold": True})
    for name in ("survey", "choices", "settings"):
        table = tables[name]
        sheet = workbook.add_worksheet(name)
        for index, column in enumerate(table.columns):
            sheet.write_string(0, index, column, header)
            sheet.set_column(index, index, _WIDTHS.get(column, _TEXT_WIDTH))
        for number, row in enumerate(table.rows, start=1):
            for index, column in enumerate(table.columns):
                if row.get(column):
                    # write_string: a label starting with "=" is text, never a formula.
                    sheet.write_string(number, index, row[column])
        sheet.freeze_panes(1, 0)
    workbook.close()
    return output.getvalue()
