"""A look inside an XLSX before openpyxl reads it, so that a hostile workbook cannot exhaust
memory or expand entities.

openpyxl trusts the zip's sizes, a sheet's declared dimension and the XML's DTD (it guards
against entities only when defusedxml is installed, which it is not here). So the zip's
directory is checked without extracting anything, then every part is streamed in chunks through
expat, which builds no tree: a DTD, too many rows, columns, texts or elements stop the reading at
once. A part that is not XML ends its scan silently: openpyxl parses with the same expat and
would fail at the same byte, if it reads that part at all.
"""

import re
import zipfile
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from django.utils.translation import gettext_lazy as _

from .limits import MAX_ELEMENTS_PER_PART, MAX_PARTS, MB, SMALL_PART, Limits

UNPACKED_TOO_LARGE = _(
    "Unpacked, the workbook is larger than %(mb)s MB; split it into smaller files."
)
TOO_TIGHTLY_PACKED = _(
    "The workbook is packed unusually tightly (more than %(ratio)s to 1); "
    "save it again from your spreadsheet program."
)
TOO_MANY_PARTS = _(
    "The workbook consists of more than %(parts)s parts; copy the sheet into a new workbook."
)
DOCTYPE = _(
    "The workbook contains a document type declaration (DTD), which is not accepted; "
    "save it again from your spreadsheet program."
)
TOO_MANY_TEXTS = _(
    "The workbook holds more than %(count)s different texts; copy the sheet into a new workbook."
)
TOO_COMPLEX = _(
    "The part %(part)s of the workbook is too complex; copy the sheet into a new workbook."
)
DIMENSION = _(
    "The sheet declares a size of %(ref)s, more than %(rows)s rows or %(columns)s columns; "
    "delete the empty rows and columns below and right of the data."
)
TOO_MANY_ROWS = _("The file has more than %(rows)s rows; split it into smaller files.")
TOO_MANY_COLUMNS = _(
    "The file has more than %(columns)s columns; delete the columns that are not imported."
)
# Errors by which zipfile and openpyxl say "this is no readable workbook".
UNREADABLE = (
    zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError,
    RuntimeError, NotImplementedError, expat.ExpatError, ParseError,
)  # fmt: skip
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, CELL, STRING, DIMENSION_TAG = (MAIN + tag for tag in ("row", "c", "si", "dimension"))
ELEMENTS_PER_RECORD = 1_000  # inside one row or one shared text (rich text runs, phonetics)
CHUNK = 64 * 1024
CELL_REF = re.compile(r"\$?([A-Za-z]*)\$?([0-9]*)")


class Refused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def check_workbook(data, limits: Limits) -> None:
    """Refused unless the workbook in the file-like `data` stays within `limits`; the
    UNREADABLE errors when it is no zip."""
    with zipfile.ZipFile(data) as archive:
        members = archive.infolist()
        _check_sizes(members, limits)
        for member in members:
            _scan_part(archive, member, limits)


def _check_sizes(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > MAX_PARTS:
        raise Refused(TOO_MANY_PARTS % {"parts": MAX_PARTS})
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_uncompressed_bytes:
        raise Refused(UNPACKED_TOO_LARGE % {"mb": limits.max_uncompressed_bytes // MB})
    ratio = limits.max_compression_ratio
    packed = sum(m.compress_size for m in members)
    tight = [(m.file_size, m.compress_size) for m in members] + [(unpacked, packed)]
    if any(size > SMALL_PART and size > ratio * max(stored, 1) for size, stored in tight):
        raise Refused(TOO_TIGHTLY_PACKED % {"ratio": ratio})


def _scan_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    scan = _PartScan(member.filename, limits)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = scan.refuse_dtd
    parser.EntityDeclHandler = scan.refuse_dtd
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    with archive.open(member) as stream:
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            return


class _PartScan:
    """Counts as expat reads: rows and cells of a sheet, shared texts, and other elements."""

    def __init__(self, part: str, limits: Limits):
        self.part, self.limits = part, limits
        self.depth = self.record_depth = 0  # record_depth: of the open row or text, else 0
        self.elements = self.record_elements = 0
        self.rows = self.row = self.cells = self.column = self.texts = 0

    def refuse_dtd(self, *args) -> None:
        raise Refused(DOCTYPE)

    def start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        if self.record_depth:
            self.record_elements += 1
            if self.record_elements > ELEMENTS_PER_RECORD:
                raise Refused(TOO_COMPLEX % {"part": self.part})
            if name == CELL:
                self._cell(attrs.get("r", ""))
        elif name == ROW:
            self._row(attrs.get("r", ""))
        elif name == STRING:
            self._text()
        else:
            self.elements += 1
            if self.elements > MAX_ELEMENTS_PER_PART:
                raise Refused(TOO_COMPLEX % {"part": self.part})
            if name == DIMENSION_TAG:
                self._dimension(attrs.get("ref", ""))

    def end(self, name: str) -> None:
        if self.depth == self.record_depth:
            self.record_depth = self.record_elements = 0
        self.depth -= 1

    def _open_record(self) -> None:
        self.record_depth, self.record_elements = self.depth, 0

    def _row(self, number: str) -> None:
        self._open_record()
        self.rows += 1
        self.row = int(number) if number.isdigit() else self.row + 1
        self.cells = self.column = 0
        if max(self.rows, self.row) > self.limits.sheet_rows:
            raise Refused(TOO_MANY_ROWS % {"rows": self.limits.max_rows})

    def _cell(self, ref: str) -> None:
        letters = CELL_REF.fullmatch(ref)
        self.cells += 1
        self.column = _column_number(letters[1]) if letters and letters[1] else self.column + 1
        if max(self.cells, self.column) > self.limits.max_columns:
            raise Refused(TOO_MANY_COLUMNS % {"columns": self.limits.max_columns})

    def _text(self) -> None:
        self._open_record()
        self.texts += 1
        if self.texts > self.limits.shared_strings:
            raise Refused(TOO_MANY_TEXTS % {"count": self.limits.shared_strings})

    def _dimension(self, ref: str) -> None:
        last = CELL_REF.fullmatch(ref.rsplit(":", 1)[-1])
        column = _column_number(last[1]) if last else 0
        row = int(last[2]) if last and last[2] else 0
        if column > self.limits.max_columns or row > self.limits.sheet_rows:
            params = {"rows": self.limits.max_rows, "columns": self.limits.max_columns}
            raise Refused(DIMENSION % (params | {"ref": ref[:40]}))


def _column_number(letters: str) -> int:
    """A1 notation's column letters as a number (A = 1); absurd lengths stay absurd."""
    number = 0
    for letter in letters[:4].upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
