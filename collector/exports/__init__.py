"""Excel workbooks for coordinators: every published version of a form, merged by question."""
