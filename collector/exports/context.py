"""What every sheet builder needs to know about the export being written."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from xlsxwriter.workbook import Workbook

from collector.exports.excel import MAX_ROWS, Formats, StreamedSheet
from collector.types import as_utc


@dataclass
class SheetContext:
    workbook: Workbook
    formats: Formats
    lang: str
    codes: bool  # codes instead of labels, in headers and cells
    zone: ZoneInfo
    max_rows: int

    def local(self, moment: datetime | None) -> datetime | None:
        """A stored moment as the wall-clock time where the fieldwork is; Excel has no zones."""
        if moment is None:
            return None
        return as_utc(moment).astimezone(self.zone).replace(tzinfo=None)

    def sheet(self, name: str, *, grows_with_submissions: bool = False) -> StreamedSheet:
        """A new sheet; one that grows with the submissions continues at `max_rows`, the
        others hold a few rows per question and never come near Excel's limit."""
        max_rows = self.max_rows if grows_with_submissions else MAX_ROWS
        return StreamedSheet(self.workbook, name, self.formats, max_rows=max_rows)
