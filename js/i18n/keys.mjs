// The message ids of everything the registry says in English, and that English: the
// registry stays the one home of the English text (src/kpi/), and the catalogue
// (src/i18n/<lang>.json) holds the other languages under these ids.
//
// An id names the first registry row (in registry order) that says the text: a parameter
// that several functions share (ROAS and ROAC's `revenue`) is one message, translated
// once. Ids:
//   fn.<ID>.description    fn.<ID>.formula
//   fn.<ID>.param.<name>   (the first row with this parameter name and description)
//   fn.<ID>.column.<name>  (the first row with this column name and description)
//   fn.<ID>.source         the source note (the articles are cited by their own titles)
//   takes.<kind>.<sign>    how a parameter takes its argument (`number or range (summed), ≥ 0`)
//   result.<kind>          a result kind in words

/**
 * Every registry message: id → English, and for each row where to find its ids.
 * @param {any[]} registry the WASM registry() rows
 * @returns {{english: Map<string, string>, ids: Map<string, any>}} `ids`: function id →
 *   {description, formula, source, params: [id…], takes: [id…], columns: [id…]} (source null
 *   without a note; params and takes in parameter order)
 */
export function registryMessages(registry) {
  /** @type {Map<string, string>} */
  const english = new Map();
  /** @type {Map<string, string>} text fingerprint → id already given */
  const owner = new Map();
  const share = (fingerprint, id, text) => {
    if (!owner.has(fingerprint)) {
      owner.set(fingerprint, id);
      english.set(id, text);
    }
    return owner.get(fingerprint);
  };
  const ids = new Map();
  for (const f of registry) {
    const base = `fn.${f.id}`;
    english.set(`${base}.description`, f.description);
    english.set(`${base}.formula`, f.formula);
    ids.set(f.id, {
      description: `${base}.description`,
      formula: `${base}.formula`,
      source: f.source_note ? share(`source\u0000${f.source_note}`, `${base}.source`, f.source_note) : null,
      params: f.params.map((p) => share(`param\u0000${p.name}\u0000${p.description}`, `${base}.param.${p.name}`, p.description)),
      takes: f.params.map((p) => share(`takes\u0000${p.kind}\u0000${p.sign}`, `takes.${p.kind}.${p.sign}`, p.describe)),
      columns: f.columns.map((c) => share(`column\u0000${c.name}\u0000${c.description}`, `${base}.column.${c.name}`, c.description)),
    });
    share(`result\u0000${f.result}`, `result.${f.result}`, f.display.words);
  }
  return { english, ids };
}
