"""How large an import may be. Each limit is a setting with a default; the reasons are in
docs/import-format.md ("Limits")."""

from dataclasses import dataclass

from django.conf import settings

MB = 1024 * 1024
DEFAULTS = {
    "LOTSE_IMPORT_MAX_BYTES": 10 * MB,
    "LOTSE_IMPORT_MAX_ROWS": 20_000,
    "LOTSE_IMPORT_MAX_COLUMNS": 50,
    "LOTSE_IMPORT_MAX_UNCOMPRESSED_BYTES": 50 * MB,
    "LOTSE_IMPORT_MAX_COMPRESSION_RATIO": 100,
}
# Fixed bounds of a workbook's inside; generous for what Excel and LibreOffice write.
MAX_PARTS = 1_000  # files inside the zip
SMALL_PART = 1 * MB  # below this a member's compression ratio does not matter
MAX_ELEMENTS_PER_PART = 100_000  # styles, workbook, relations … (not sheets, shared strings)
SHARED_STRINGS_PER_ROW = 14  # distinct texts per allowed row: the widest kind has 14 columns
CSV_DELIMITERS_PER_COLUMN = 100  # raw separators on one line, quoted ones included


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_uncompressed_bytes: int
    max_compression_ratio: int

    @property
    def sheet_rows(self) -> int:
        """Rows a sheet may span: the header, the data rows and as many blank rows again."""
        return 2 * self.max_rows + 1

    @property
    def shared_strings(self) -> int:
        return SHARED_STRINGS_PER_ROW * self.max_rows

    @property
    def csv_delimiters_per_line(self) -> int:
        return CSV_DELIMITERS_PER_COLUMN * self.max_columns


def current() -> Limits:
    value = {name: getattr(settings, name, default) for name, default in DEFAULTS.items()}
    return Limits(
        max_bytes=value["LOTSE_IMPORT_MAX_BYTES"],
        max_rows=value["LOTSE_IMPORT_MAX_ROWS"],
        max_columns=value["LOTSE_IMPORT_MAX_COLUMNS"],
        max_uncompressed_bytes=value["LOTSE_IMPORT_MAX_UNCOMPRESSED_BYTES"],
        max_compression_ratio=value["LOTSE_IMPORT_MAX_COMPRESSION_RATIO"],
    )
