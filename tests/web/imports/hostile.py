"""Hostile spreadsheets built in memory, most of them tiny when packed: hand-written XLSX parts
zipped with zipfile, so that no binary file is committed and every lie is visible here."""

import zipfile
from functools import cache
from io import BytesIO

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
    f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
    '<sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
FACILITY_ROWS = [
    ["external_id", "name", "organisation", "street", "postcode"],
    ["F-1", "Haus am See", "Stadt Münster", "Seeweg 1", "48159"],
]


def cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows: list[list[str]]) -> str:
    return "".join(
        f'<row r="{n}">{"".join(cell(t) for t in row)}</row>' for n, row in enumerate(rows, 1)
    )


def sheet(rows: str, dimension: str = "A1:E2", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def workbook(sheet_xml: str | None = None, strings: str = "", extra=None) -> bytes:
    """A minimal XLSX; `extra` adds (name, bytes) members as they are, deflated."""
    parts = {
        "[Content_Types].xml": TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml or sheet(rows_xml(FACILITY_ROWS)),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        for name, data in extra or []:
            archive.writestr(name, data, compresslevel=1)
    return out.getvalue()


@cache
def huge_shared_strings() -> bytes:
    """100 MB of shared texts that pack to about 300 KB (the attack's file: 1.5 MB)."""
    return workbook(strings="<si><t>x</t></si>" * 6_000_000)


@cache
def many_distinct_texts() -> bytes:
    """300,000 distinct texts: within the size and packing limits, past the text count."""
    return workbook(strings="".join(f"<si><t>s{n}</t></si>" for n in range(300_000)))


@cache
def dimension_lie() -> bytes:
    """Declares 30 million rows and holds a few thousand empty ones."""
    rows = rows_xml(FACILITY_ROWS) + "".join(f'<row r="{n}"/>' for n in range(3, 5003))
    return workbook(sheet(rows, dimension="A1:N30000000"))


@cache
def whole_sheet_dimension() -> bytes:
    return workbook(sheet(rows_xml(FACILITY_ROWS), dimension="A1:XFD1048576"))


@cache
def far_empty_rows() -> bytes:
    """No dimension to lie with: a few thousand empty rows reaching row 30,000,000."""
    rows = "".join(f'<row r="{n * 6000}"/>' for n in range(1, 5001))
    return workbook(sheet(rows_xml(FACILITY_ROWS) + rows, dimension="A1"))


@cache
def two_million_header_columns() -> bytes:
    return workbook(sheet("<row r='1'>" + "<c/>" * 2_000_000 + "</row>", dimension="A1"))


@cache
def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    rows = rows_xml(FACILITY_ROWS).replace("Haus am See", "&lol9;")
    return workbook(sheet(rows, prolog=f"<!DOCTYPE worksheet [{entities}]>"))


@cache
def nul_escape_in_xlsx() -> bytes:
    """Excel's escape of a NUL typed into a cell."""
    return workbook(sheet(rows_xml(FACILITY_ROWS).replace("Haus am See", "Haus_x0000_")))


@cache
def nul_reference_in_xlsx() -> bytes:
    """A character reference to NUL, which XML forbids."""
    return workbook(sheet(rows_xml(FACILITY_ROWS).replace("Haus am See", "Haus&#0;")))


@cache
def zip_bomb_member() -> bytes:
    """45 MB of zeros in one member: under the unpacked limit, packed 1,000 to 1."""
    return workbook(extra=[("xl/media/image1.png", bytes(45 * 1024 * 1024))])


@cache
def big_zip_bomb_member() -> bytes:
    return workbook(extra=[("xl/media/image1.png", bytes(200 * 1024 * 1024))])


def nul_in_csv() -> bytes:
    return b"external_id,name,organisation,street,postcode\nF-1,Haus\0,Stadt,Weg 1,48159\n"


def latin_1_csv() -> bytes:
    return (
        "external_id,name,organisation,street,postcode\nF-1,Haus,Stadt,Große Str. 1,48159\n".encode(
            "latin-1"
        )
    )


@cache
def csv_one_50_mb_line() -> bytes:
    return b"external_id," + b"x" * (50 * 1024 * 1024) + b"\n"


@cache
def csv_million_columns() -> bytes:
    return b",".join([b"c"] * 1_000_000) + b"\n"


@cache
def csv_million_columns_in_a_row() -> bytes:
    return b"external_id,name,organisation,street,postcode\n" + b";" * 10 + b"," * 1_000_000


@cache
def csv_unclosed_quote() -> bytes:
    return b'external_id,name,organisation,street,postcode\nF-1,"Haus' + b"x" * 300_000 + b"\n"


@cache
def csv_blank_lines() -> bytes:
    """Four million blank lines under a header: 4 MB, within the size limit."""
    return b"external_id,name,organisation,street,postcode\n" + b"\n" * 4_000_000
