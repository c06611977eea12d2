/*
 * A stand-in for the ZAF SDK in tests: ZAFClient.init() gives a client whose get('ticket.id') and
 * metadata() answer from the page's query (?ticket=...&crm=...), and whose request() plays Zendesk's
 * proxy: it replaces {{setting.token}} with the token the test gave this script, then calls the host.
 * Every request the app made is kept, as the app made it, in window.__zafRequests.
 */
(function () {
  'use strict';
  var TOKEN = '__APP_TOKEN__';
  var query = new URLSearchParams(location.search);
  window.__zafRequests = [];

  function substitute(value) {
    return String(value).split('{{setting.token}}').join(TOKEN);
  }

  var client = {
    get: function (path) {
      var answer = {};
      if (path === 'ticket.id') {
        answer[path] = query.get('ticket');
      }
      return Promise.resolve(answer);
    },
    metadata: function () {
      return Promise.resolve({ settings: { deskbridge_url: location.origin, crm_id: query.get('crm') } });
    },
    invoke: function () {
      return Promise.resolve({});
    },
    on: function () {},
    request: function (options) {
      window.__zafRequests.push(JSON.parse(JSON.stringify(options)));
      if (!options.secure || String(options.url).indexOf('{{setting.') >= 0) {
        return Promise.reject({ status: 0, responseText: 'the stand-in proxy only substitutes secure headers' });
      }
      var headers = {};
      Object.keys(options.headers || {}).forEach(function (k) {
        headers[k] = substitute(options.headers[k]);
      });
      return fetch(options.url, { method: options.type || 'GET', headers: headers }).then(function (r) {
        return r.text().then(function (body) {
          if (!r.ok) {
            return Promise.reject({ status: r.status, responseText: body });
          }
          return options.dataType === 'json' ? JSON.parse(body) : body;
        });
      });
    }
  };
  window.ZAFClient = { init: function () { return client; } };
}());
