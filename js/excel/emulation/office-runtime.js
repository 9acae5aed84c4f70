// A local stand-in for the parts of office.js the add-in uses, for tests and benchmarks
// only (office.js comes from Microsoft's CDN, which is out of reach here). It provides
// what the documentation of the custom-functions runtime and the Excel API describes,
// and nothing more:
//   CustomFunctions.associate(id, fn) and associate({id: fn})
//   CustomFunctions.Error(code, message?) with .code and .message
//   CustomFunctions.ErrorCode: the seven documented codes
//   Office.onReady(callback?) → Promise<{host, platform}>; Office.context.displayLanguage
//   Excel.run(batch) with context.workbook.getActiveCell().formulas and context.sync()
// It records what the add-in did in globalThis.officeStandin for the test to read.
// A classic script: it runs as a <script> in Chromium and in a Node vm context alike.

(function (g) {
  'use strict';
  var now = function () {
    return g.performance && g.performance.now ? g.performance.now() : Date.now();
  };
  var standin = {
    /** id (upper-case) → function */
    associations: new Map(),
    /** time of the first and last associate call, in performance.now() ms */
    firstAssociateAt: null,
    lastAssociateAt: null,
    /** formulas written through Excel.run, in order */
    writtenFormulas: [],
  };
  g.officeStandin = standin;

  function record(id, fn) {
    if (typeof id !== 'string' || typeof fn !== 'function') {
      throw new TypeError('CustomFunctions.associate expects an id and a function');
    }
    // Excel matches ids case-insensitively against functions.json.
    standin.associations.set(id.toUpperCase(), fn);
    var t = now();
    if (standin.firstAssociateAt === null) standin.firstAssociateAt = t;
    standin.lastAssociateAt = t;
  }

  function CustomFunctionsError(code, message) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }

  g.CustomFunctions = {
    associate: function (idOrMappings, fn) {
      if (typeof idOrMappings === 'string') return record(idOrMappings, fn);
      Object.keys(idOrMappings).forEach(function (id) {
        record(id, idOrMappings[id]);
      });
    },
    Error: CustomFunctionsError,
    ErrorCode: Object.freeze({
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
      invalidName: '#NAME?',
      invalidReference: '#REF!',
    }),
  };

  var info = { host: 'Excel', platform: 'OfficeOnline' };
  var ready = Promise.resolve(info);
  g.Office = {
    // Office's UI language (Office.context.displayLanguage, e.g. "zh-TW"); a test sets
    // globalThis.officeDisplayLanguage before the page loads to run the pane in another.
    context: { displayLanguage: g.officeDisplayLanguage || 'en-US' },
    onReady: function (callback) {
      return ready.then(function (i) {
        if (typeof callback === 'function') callback(i);
        return i;
      });
    },
  };

  // Excel.run: proxies queue property writes until context.sync(), as in the real API.
  g.Excel = {
    run: function (batch) {
      var queue = [];
      var activeCell = {
        set formulas(v) {
          queue.push(v);
        },
      };
      var context = {
        workbook: {
          getActiveCell: function () {
            return activeCell;
          },
        },
        sync: function () {
          var pending = queue.splice(0);
          return Promise.resolve().then(function () {
            pending.forEach(function (f) {
              standin.writtenFormulas.push(f);
            });
          });
        },
      };
      return Promise.resolve().then(function () {
        return batch(context);
      });
    },
  };
})(globalThis);
