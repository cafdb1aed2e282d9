"""Opening an uploaded workbook safely and reading its rows.

Before openpyxl sees a file, it is checked for what openpyxl would choke on or be abused
with: its size, whether it is a zip at all (an .xlsx is one), a password-protected or old
.xls file (an OLE container), and a zip bomb (the declared unpacked sizes, read from the
zip's directory without unpacking anything). The sheet is then read in read-only mode,
once, and a formula cell is replaced by the value the spreadsheet program cached for it."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

logger = logging.getLogger(__name__)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA = object()  # a formula cell without a cached value


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message says why, for the uploader."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "SPREADSHEET_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "SPREADSHEET_MAX_UNPACKED_BYTES", 200 * 1024 * 1024))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def check_file(content: bytes) -> None:
    """Refuse, with the reason, a file that is no workbook openpyxl may open."""
    if not content:
        raise SpreadsheetError(_("The file is empty."))
    if len(content) > max_upload_bytes():
        raise SpreadsheetError(_(
            "The file is %(size)s MB; at most %(limit)s MB can be imported. Split the plan "
            "into several files."
        ) % {"size": _megabytes(len(content)), "limit": _megabytes(max_upload_bytes())})
    if content.startswith(_OLE):
        raise SpreadsheetError(_(
            "The file is password-protected or an old Excel 97–2003 (.xls) file. Remove the "
            "password, or save it as an Excel workbook (.xlsx), and upload it again."
        ))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise SpreadsheetError(_(
            "The file is not an Excel workbook (.xlsx). Save it as .xlsx (in Excel or "
            "LibreOffice: Save as → Excel 2007–365) and upload it again."
        ))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is damaged and cannot be read.")) from error
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError(_(
            "The file is a zip archive but no Excel workbook (.xlsx); an .ods or .docx file "
            "has to be saved as .xlsx first."
        ))
    if any(member.flag_bits & 0x1 for member in members):
        raise SpreadsheetError(_("The file is encrypted; remove the password and try again."))
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked_bytes():
        raise SpreadsheetError(_(
            "The file would unpack to %(size)s MB, more than the %(limit)s MB a measure plan "
            "can have; it is not read."
        ) % {"size": _megabytes(unpacked), "limit": _megabytes(max_unpacked_bytes())})


@dataclass
class Sheet:
    """One sheet as read: its name, its header row and its data rows (row number, values)."""

    name: str
    headers: list[Any]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # without cached value


@dataclass
class Workbook:
    sheet_names: list[str]
    language: str  # the template's language from the file's properties, or ""
    sheets: dict[str, Sheet]


def _value(cell: Any) -> Any:
    """The cell's value as the reader sees it: a number shown as a percentage (a
    spreadsheet program keeps "40 %" typed into a cell as 0.4) is the figure shown."""
    value = cell.value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (cell.number_format or "")
    ):
        return Decimal(str(value)) * 100
    return value


def _rows(worksheet: Any) -> Iterator[tuple[int, list[Any]]]:
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        yield number, [_value(cell) for cell in row]


def _damaged(error: Exception) -> SpreadsheetError:
    """The coordinator's message for a file openpyxl cannot read; what openpyxl said goes
    to the log, not to the page."""
    logger.info("Unreadable workbook: %s: %s", type(error).__name__, error)
    return SpreadsheetError(_(
        "The file is damaged and cannot be read as an Excel workbook. Open it in Excel or "
        "LibreOffice, save it again as .xlsx and upload it again."
    ))


def read_workbook(content: bytes, wanted: set[str]) -> Workbook:
    """Check the file, then read the sheets whose names (case-folded) are in `wanted`."""
    check_file(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _damaged(error) from error
    try:
        language = (book.properties.language or "").strip() if book.properties else ""
        names = list(book.sheetnames)
        sheets: dict[str, Sheet] = {}
        formulas: dict[str, set[tuple[int, int]]] = {}
        for name in names:
            if name.strip().casefold() not in wanted:
                continue
            rows = _rows(book[name])
            header = next(rows, (1, []))[1]
            sheet = Sheet(name=name, headers=header)
            for number, values in rows:
                if all(value is None or str(value).strip() == "" for value in values):
                    continue
                for index, value in enumerate(values):
                    if isinstance(value, str) and value.startswith("="):
                        formulas.setdefault(name, set()).add((number, index))
                sheet.rows.append((number, values))
            sheets[name] = sheet
    except Exception as error:  # a damaged sheet shows only when its rows are read
        raise _damaged(error) from error
    finally:
        book.close()
    if formulas:
        _cached_values(content, sheets, formulas)
    return Workbook(sheet_names=names, language=language, sheets=sheets)


def _cached_values(
    content: bytes, sheets: dict[str, Sheet], formulas: dict[str, set[tuple[int, int]]]
) -> None:
    """Put the value the spreadsheet program cached in place of each formula; a formula
    without one is marked, to be refused at its cell."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for name, cells in formulas.items():
            sheet = sheets[name]
            by_row = dict(sheet.rows)
            wanted: dict[int, list[int]] = {}
            for row_number, index in cells:
                wanted.setdefault(row_number, []).append(index)
            for number, values in _rows(book[name]):
                for index in wanted.get(number, ()):
                    cached = values[index] if index < len(values) else None
                    if cached is None:
                        sheet.formula_cells.add((number, index))
                        by_row[number][index] = None
                    else:
                        by_row[number][index] = cached
    finally:
        book.close()


def row_count(content: bytes) -> int:
    """About how many rows the workbook's largest sheet has, from the dimension its sheets
    declare (cheap: nothing but that is read); 0 when the file cannot be opened."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True)
    except Exception:  # the import itself reports what is wrong with the file
        return 0
    try:
        return max((sheet.max_row or 0 for sheet in book.worksheets), default=0)
    except Exception:
        return 0
    finally:
        book.close()


def cell_name(row: int, index: int) -> str:
    return f"{get_column_letter(index + 1)}{row}"
