"""The one writer of every CSV, TSV and XLSX file the portal produces.

Public exports (Atlas search, e-APD lines and statistics, fund ledger) and every admin export of
django-import-export go through these functions, so that they share two rules:

- **No live formula.** A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
  would be run by a spreadsheet as a formula (OWASP, "CSV Injection"): it is written with a leading
  apostrophe (`'=HYPERLINK(…)`), in CSV/TSV and XLSX alike, and XLSX text cells are typed as text.
  Numbers, dates and booleans are never text, so they are never touched.
- **One French convention.** CSV: UTF-8 with a byte-order mark (spreadsheet software reads the
  accents right), `;` between columns, decimal comma (`1234,50`, no thousands separator), dates
  `JJ/MM/AAAA`, date-times `JJ/MM/AAAA HH:MM` in Europe/Paris, `oui`/`non`. TSV: the same with a tab.
  XLSX: numbers, dates and date-times as native cells (Europe/Paris), so that sums and sorts work.
"""

import csv
import tempfile
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
TSV_CONTENT_TYPE = "text/tab-separated-values; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


def neutralise(text):
    """`text` as a spreadsheet shows it but never runs it."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def restore(text):
    """The inverse of `neutralise`, for a file exported here and imported back."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text


def _local(moment):
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def text_cell(value):
    """One CSV/TSV cell, as text, in the French convention."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime):
        return f"{_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def text_lines(header, rows, *, delimiter=";"):
    """The lines of the file, one string each, the first one starting with the BOM."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield BOM + writer.writerow([text_cell(title) for title in header])
    for row in rows:
        yield writer.writerow([text_cell(value) for value in row])


def _download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows, *, streaming=False):
    """A CSV download; `streaming` sends rows as they come (large exports keep memory flat)."""
    lines = text_lines(header, rows)
    if streaming:
        return _download(StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE), filename)
    return _download(HttpResponse("".join(lines), content_type=CSV_CONTENT_TYPE), filename)


def tsv_response(filename, header, rows):
    return _download(HttpResponse("".join(text_lines(header, rows, delimiter="\t")),
                                  content_type=TSV_CONTENT_TYPE), filename)


def xlsx_value(sheet, value):
    """One XLSX cell: native numbers and dates, text that is never a formula."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return _local(value).replace(tzinfo=None)  # Excel has no time zones: Paris time
    if isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, neutralise(str(value)))
    cell.data_type = "s"
    return cell


def xlsx_bytes(header, rows, *, title="Export"):
    """A workbook of one sheet, bold frozen header, written row by row (openpyxl write-only mode,
    spooled to a temporary file): memory stays flat whatever the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, neutralise(str(name)))
        cell.data_type = "s"
        cell.font = Font(bold=True)
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append([xlsx_value(sheet, value) for value in row])
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        return spool.read()


def xlsx_response(filename, header, rows, *, title="Export"):
    return _download(HttpResponse(xlsx_bytes(header, rows, title=title), content_type=XLSX_CONTENT_TYPE), filename)


# ---- django-import-export ------------------------------------------------------------------
# The admin's export formats write through the functions above. They read native values (the
# admin mixin below asks the resources for them in every format), and on import they accept the
# files they wrote: `;` or `,` separated, BOM, neutralised cells restored.

def _restored(dataset):
    for index, row in enumerate(list(dataset)):
        dataset[index] = [restore(value) if isinstance(value, str) else value for value in row]
    return dataset


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return "".join(text_lines(dataset.headers or [], dataset))

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.removeprefix(BOM)
        first = in_stream.split("\n", 1)[0]
        kwargs.setdefault("delimiter", ";" if first.count(";") > first.count(",") else ",")
        return _restored(super().create_dataset(in_stream, **kwargs))


class TSV(base_formats.TSV):
    def export_data(self, dataset, **kwargs):
        return "".join(text_lines(dataset.headers or [], dataset, delimiter="\t"))

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        return _restored(super().create_dataset(in_stream.removeprefix(BOM), **kwargs))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(dataset.headers or [], dataset, title=dataset.title or "Export")

    def create_dataset(self, in_stream, **kwargs):
        return _restored(super().create_dataset(in_stream, **kwargs))


FORMATS = [CSV, XLSX]


class SafeExportMixin:
    """For every ModelAdmin with django-import-export: the portal's formats, native values.

    The library asks resources for native values only for its own binary formats; ours convert
    numbers and dates themselves, so they always get native values.
    """

    formats = FORMATS
    import_formats = FORMATS
    export_formats = FORMATS

    def get_data_for_export(self, request, queryset, **kwargs):
        kwargs["force_native_type"] = True
        return super().get_data_for_export(request, queryset, **kwargs)
