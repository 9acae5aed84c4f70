// The Apps Script services an Editor add-on's menu and sidebar use, emulated as Google's
// reference documents them and no further (developers.google.com/apps-script/reference):
//   SpreadsheetApp.getUi() → Ui: createAddonMenu() → Menu (addItem(caption, functionName),
//     addSeparator(), addToUi()); showSidebar(htmlOutput).
//   HtmlService.createHtmlOutput(html) → HtmlOutput: setTitle(title) (chainable),
//     getTitle(), getContent().
//   SpreadsheetApp.getActiveRange() → Range or null: getCell(row, column) (1-based,
//     inside the range, else it throws), setFormula(formula) (every cell of the range;
//     chainable), getFormula() (the top-left cell's, "" when none), getA1Notation().
// The state a test reads back: menus added to the UI, sidebars shown, formulas by cell.

/** Column letters of 1-based column `n` (1 → A, 27 → AA). */
function letters(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `B2` or `B2:C3` as {row, column, rows, columns}. */
export function parseA1(a1) {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) throw new Error(`not an A1 range: ${a1}`);
  const col = (t) => [...t].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const [row, column] = [Number(m[2]), col(m[1])];
  const [lastRow, lastColumn] = m[3] ? [Number(m[4]), col(m[3])] : [row, column];
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

/**
 * The services, over one spreadsheet whose selection is `selection` (A1, or null).
 * @param {string | null} selection
 */
export function uiServices(selection) {
  const state = { menus: [], sidebars: [], formulas: new Map() };

  function range({ row, column, rows, columns }) {
    const cells = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) cells.push(`${letters(column + c)}${row + r}`);
    const self = {
      getCell(r, c) {
        if (!(r >= 1 && r <= rows && c >= 1 && c <= columns)) throw new Error('Cell reference out of range');
        return range({ row: row + r - 1, column: column + c - 1, rows: 1, columns: 1 });
      },
      setFormula(formula) {
        for (const cell of cells) state.formulas.set(cell, String(formula));
        return self;
      },
      getFormula: () => state.formulas.get(cells[0]) ?? '',
      getA1Notation: () => (cells.length === 1 ? cells[0] : `${cells[0]}:${cells[cells.length - 1]}`),
    };
    return self;
  }

  function menu(kind) {
    const items = [];
    const self = {
      addItem(caption, functionName) {
        items.push({ caption: String(caption), functionName: String(functionName) });
        return self;
      },
      addSeparator() {
        items.push({ separator: true });
        return self;
      },
      addToUi() {
        state.menus.push({ kind, items });
      },
    };
    return self;
  }

  const Ui = {
    createAddonMenu: () => menu('addon'),
    showSidebar(output) {
      if (!output || typeof output.getContent !== 'function') throw new Error('showSidebar takes an HtmlOutput');
      state.sidebars.push({ title: output.getTitle(), html: output.getContent() });
    },
  };

  const HtmlService = {
    createHtmlOutput(html = '') {
      let title = '';
      const self = {
        setTitle(t) {
          title = String(t);
          return self;
        },
        getTitle: () => title,
        getContent: () => String(html),
      };
      return self;
    },
  };

  return {
    state,
    HtmlService,
    getUi: () => Ui,
    getActiveRange: () => (selection === null ? null : range(parseA1(selection))),
  };
}
