// The Editor add-on's server side, run by Apps Script (a plain global script, copied into
// dist/sheets/<lang>/addon.js after the catalogue, the sidebar page and the messages that
// build.mjs generates in the bundle's language as SHEETKPI_CATALOGUE_,
// SHEETKPI_SIDEBAR_HTML_ and SHEETKPI_MESSAGES_). Only what Google documents for
// Editor add-ons: a menu under Extensions made in onOpen (and onInstall, which runs
// instead of onOpen right after an install), a sidebar from HtmlService, and the calls
// the sidebar makes with google.script.run. Those have to be public (a name ending in
// `_` is private and google.script.run refuses it), so they are prefixed `sheetKpi`.

/**
 * Message `id` of the bundle's language with its {placeholders} filled.
 * @param {string} id
 * @param {Object=} vars
 * @return {string}
 */
function sheetKpiMessage_(id, vars) {
  return SHEETKPI_MESSAGES_[id].replace(/\{([a-z_]+)\}/g, function (m, name) {
    return vars && name in vars ? String(vars[name]) : m;
  });
}

/**
 * Adds Extensions › sheetkpi › KPI functions. Runs in every AuthMode, NONE included (an
 * add-on installed but not yet used in this file): it only builds the menu.
 * @param {Object} e the open event (unused: the menu is the same in every mode)
 */
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem(sheetKpiMessage_('sidebar.title'), 'sheetKpiShowSidebar').addToUi();
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
  var page = HtmlService.createHtmlOutput(SHEETKPI_SIDEBAR_HTML_).setTitle(sheetKpiMessage_('sidebar.title'));
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
  if (f === null) throw new Error(sheetKpiMessage_('sidebar.no_function', { id: id }));
  var example = f.examples[index];
  if (!example) throw new Error(sheetKpiMessage_('sidebar.no_example', { name: f.name, index: index }));
  var range = SpreadsheetApp.getActiveRange();
  if (!range) throw new Error(sheetKpiMessage_('sidebar.select_cell'));
  var cell = range.getCell(1, 1);
  cell.setFormula(example.formula);
  return { formula: example.formula, cell: cell.getA1Notation() };
}
