#!/usr/bin/python3
"""The cells of a file's first sheet as LibreOffice reads them, printed as JSON.

LibreOffice's own file writers keep 15 significant digits (ODF, xlsx and CSV alike), so
they cannot show whether it read a number as the very double it was written as. This asks
LibreOffice itself, through its UNO bridge (Debian's python3-uno, hence /usr/bin/python3):
it loads FILE with the given import filter and options in a headless LibreOffice of its
own and prints, for each row of the used area, each cell as
  {"t": "n", "v": 3.3333333333333335, "s": "3,33333333333333"}   a number (v: the double, s: as shown)
  {"t": "s", "s": "臉書"}                                      text
  {"t": "f", "s": ...}                                         a formula
  null                                                         empty
Numbers print in the shortest digits that read back as the same double (Python's repr).

Usage: libreoffice_cells.py FILE [FILTER_NAME [FILTER_OPTIONS]]
  e.g. libreoffice_cells.py report.csv "Text - txt - csv (StarCalc)" "59,34,76,1,,1044"
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table.CellContentType import EMPTY, FORMULA, TEXT, VALUE


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, soffice, deadline):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if soffice.poll() is not None or time.time() > deadline:
                raise SystemExit(f"LibreOffice did not start (exit {soffice.poll()})")
            time.sleep(0.2)


def cells(doc):
    sheet = doc.Sheets.getByIndex(0)
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    rows = []
    for r in range(end.EndRow + 1):
        row = []
        for c in range(end.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            kind = cell.Type
            if kind == VALUE:
                row.append({"t": "n", "v": cell.Value, "s": cell.String})
            elif kind == TEXT:
                row.append({"t": "s", "s": cell.String})
            elif kind == FORMULA:
                row.append({"t": "f", "s": cell.String, "formula": cell.Formula})
            else:
                row.append(None)
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows


def main():
    path = os.path.abspath(sys.argv[1])
    filter_name = sys.argv[2] if len(sys.argv) > 2 else None
    options = sys.argv[3] if len(sys.argv) > 3 else None
    work = tempfile.mkdtemp(prefix="lo-uno-")
    pipe = f"sheetkpi{os.getpid()}"
    soffice = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--invisible",
         "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, soffice, time.time() + 90)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        args = [prop("Hidden", True)]
        if filter_name:
            args.append(prop("FilterName", filter_name))
        if options:
            args.append(prop("FilterOptions", options))
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, tuple(args))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        print(json.dumps(cells(doc), ensure_ascii=False))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office: nothing left to do
    finally:
        try:
            soffice.wait(timeout=30)
        except subprocess.TimeoutExpired:
            soffice.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
