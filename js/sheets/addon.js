// The Editor add-on's server side, run by Apps Script (a plain global script, copied into
// dist/sheets/addon.js after the catalogue and the sidebar page that build.mjs generates
// as SHEETKPI_CATALOGUE_ and SHEETKPI_SIDEBAR_HTML_). Only what Google documents for
// Editor add-ons: a menu under Extensions made in onOpen (and onInstall, which runs
// instead of onOpen right after an install), a sidebar from HtmlService, and the calls
// the sidebar makes with google.script.run. Those have to be public (a name ending in
// `_` is private and google.script.run refuses it), so they are prefixed `sheetKpi`.

/** The sidebar's title and the menu item that opens it. */
var SHEETKPI_SIDEBAR_TITLE_ = 'KPI functions';

/**
 * Adds Extensions › sheetkpi › KPI functions. Runs in every AuthMode, NONE included (an
 * add-on installed but not yet used in this file): it only builds the menu.
 * @param {Object} e the open event (unused: the menu is the same in every mode)
 */
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem(SHEETKPI_SIDEBAR_TITLE_, 'sheetKpiShowSidebar').addToUi();
}

/**
 * Right after an install the file is already open, so onOpen has not run: Google's
 * documented pattern is to call it from here.
 * @param {Object} e the install event
 */
function onInstall(e) {
  onOpen(e);
}

/** Opens the sidebar: the catalogue of every function, searchable, with an insert button. */
function sheetKpiShowSidebar() {
  var page = HtmlService.createHtmlOutput(SHEETKPI_SIDEBAR_HTML_).setTitle(SHEETKPI_SIDEBAR_TITLE_);
  SpreadsheetApp.getUi().showSidebar(page);
}

/** The catalogue the sidebar lists (generated from the registry at build time). */
function sheetKpiCatalogue() {
  return SHEETKPI_CATALOGUE_;
}

/**
 * Writes example `index` of function `id` into the top-left cell of the selection, as the
 * Excel task pane writes its example into the active cell. Only the catalogue's own
 * formulas can be written, whatever the page sends.
 * @param {string} id a registry id
 * @param {number} index which of its examples
 * @return {{formula: string, cell: string}} what was written, and where (A1)
 */
function sheetKpiInsert(id, index) {
  var f = null;
  for (var i = 0; i < SHEETKPI_CATALOGUE_.length; i++) if (SHEETKPI_CATALOGUE_[i].id === id) f = SHEETKPI_CATALOGUE_[i];
  if (f === null) throw new Error('No KPI function ' + id + '.');
  var example = f.examples[index];
  if (!example) throw new Error(f.name + ' has no example ' + index + '.');
  var range = SpreadsheetApp.getActiveRange();
  if (!range) throw new Error('Select a cell first.');
  var cell = range.getCell(1, 1);
  cell.setFormula(example.formula);
  return { formula: example.formula, cell: cell.getA1Notation() };
}
