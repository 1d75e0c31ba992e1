"""One module per sheet of the workbook, each written through excel.StreamedSheet."""
