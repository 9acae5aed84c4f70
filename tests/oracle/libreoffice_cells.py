#!/usr/bin/python3
"""The cells of a file as LibreOffice reads them and as it recalculates them, as JSON.

LibreOffice's own file writers keep 15 significant digits (ODF, xlsx and CSV alike), so
they cannot show whether it read a number as the very double it was written as. This asks
LibreOffice itself, through its UNO bridge (Debian's python3-uno, hence /usr/bin/python3):
it loads FILE with the given import filter and options in a headless LibreOffice of its
own and prints, for each row of each sheet's used area, each cell as
  {"t": "n", "v": 3.3333333333333335, "s": "3.33333333333333"}  a number (v: the double, s: as shown)
  {"t": "s", "s": "臉書"}                                      text
  {"t": "f", "formula": "=E2/D2", "r": "n", "v": 2.5}          a formula and its result: r is
                                                               "n" (v), "s" (s) or "e" (s: #DIV/0!…)
  null                                                         empty
Numbers print in the shortest digits that read back as the same double (Python's repr).

Usage: libreoffice_cells.py FILE [--filter NAME] [--options OPTS] [--recalc] [--edit SHEET CELL VALUE]
  --filter, --options  the import filter and its options, e.g. "Text - txt - csv (StarCalc)"
                       and "59,34,76,1,,1044"
  --recalc             recalculate every formula (calculateAll) before reading
  --edit               then set one cell to a number, recalculate, and read again
Prints {"sheets": {name: rows}} (the first sheet only without --recalc), and with --edit
also {"edited": {name: rows}}.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table.CellContentType import FORMULA, TEXT, VALUE


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


def formula_result(cell):
    if cell.getError() != 0:
        return {"r": "e", "s": cell.String}
    # com.sun.star.sheet.FormulaResult: VALUE 1, STRING 2, ERROR 4.
    kind = cell.FormulaResultType2
    if kind == 1:
        return {"r": "n", "v": cell.Value}
    return {"r": "s", "s": cell.String}


def cells(sheet):
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
                row.append({"t": "f", "formula": cell.Formula, **formula_result(cell)})
            else:
                row.append(None)
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows


def all_sheets(doc, every):
    sheets = doc.Sheets
    count = sheets.Count if every else 1
    return {sheets.getByIndex(i).Name: cells(sheets.getByIndex(i)) for i in range(count)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--filter")
    ap.add_argument("--options")
    ap.add_argument("--recalc", action="store_true")
    ap.add_argument("--edit", nargs=3, metavar=("SHEET", "CELL", "VALUE"))
    a = ap.parse_args()
    path = os.path.abspath(a.file)
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
        if a.filter:
            args.append(prop("FilterName", a.filter))
        if a.options:
            args.append(prop("FilterOptions", a.options))
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, tuple(args))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        every = a.recalc or a.edit is not None
        if every:
            doc.calculateAll()
        out = {"sheets": all_sheets(doc, every)}
        if a.edit:
            sheet, ref, value = a.edit
            doc.Sheets.getByName(sheet).getCellRangeByName(ref).Value = float(value)
            doc.calculateAll()
            out["edited"] = all_sheets(doc, True)
        print(json.dumps(out, ensure_ascii=False))
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
