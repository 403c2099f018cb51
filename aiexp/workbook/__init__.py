"""Reading and writing the consortium workbook."""

from aiexp.workbook.reader import SheetLayout, WorkbookRead, parse_value, read_workbook

__all__ = ["SheetLayout", "WorkbookRead", "parse_value", "read_workbook"]
