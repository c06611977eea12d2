/*
 * DeskBridge's Zendesk sidebar: asks the DeskBridge host about the ticket's WhatsApp conversation
 * through the ZAF client's proxy. The app token is a secure setting: the page only ever holds the
 * setting's placeholder, which Zendesk's proxy replaces on its servers.
 */
(function () {
  'use strict';

  var REFRESH_MS = 60 * 1000;
  var client = ZAFClient.init();
  var ticketId = null;
  var settings = null;
  var data = null;
  // Host time minus browser time when the answer arrived: the countdown runs on the host's clock.
  var skewMs = 0;
  var reloadOnClose = true;

  function $(id) {
    return document.getElementById(id);
  }

  function text(id, value) {
    $(id).textContent = value;
  }

  function el(tag, className, value) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (value !== undefined && value !== null) {
      e.textContent = value;
    }
    return e;
  }

  function money(m) {
    var amount = Number(m.amount);
    try {
      return new Intl.NumberFormat('en-US', {
        style: 'currency', currency: m.currency, minimumFractionDigits: 2, maximumFractionDigits: 4
      }).format(amount);
    } catch (e) {
      return m.amount + ' ' + m.currency;
    }
  }

  function sidebarUrl() {
    var base = String(settings.deskbridge_url || '').replace(/\/+$/, '');
    return base + '/api/tickets/' + encodeURIComponent(settings.crm_id || 'zendesk-main') + '/'
      + encodeURIComponent(ticketId) + '/sidebar';
  }

  function load() {
    return client.request({
      url: sidebarUrl(),
      type: 'GET',
      dataType: 'json',
      headers: { Authorization: 'Bearer {{setting.token}}' },
      secure: true,
      cors: false
    }).then(function (body) {
      data = typeof body === 'string' ? JSON.parse(body) : body;
      skewMs = Date.parse(data.asOf) - Date.now();
      reloadOnClose = true;
      render();
    }, function (failure) {
      showProblem(failure);
    });
  }

  function showProblem(failure) {
    var status = failure && failure.status;
    var message = 'DeskBridge did not answer.';
    if (status === 404) {
      message = 'No WhatsApp conversation is carried by this ticket.';
    } else if (status === 401) {
      message = 'DeskBridge refused the app token: check the app\'s settings and host.app_token.';
    } else if (status) {
      message = 'DeskBridge answered ' + status + '.';
    }
    $('sidebar').hidden = true;
    $('status').hidden = false;
    text('status', message);
    resize();
  }

  function hostNow() {
    return Date.now() + skewMs;
  }

  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    return h + 'h ' + (m < 10 ? '0' : '') + m + 'm ' + (sec < 10 ? '0' : '') + sec + 's';
  }

  var PHASES = { open: 'Window open', closing: 'Closing soon', closed: 'Window closed' };

  function tick() {
    if (!data) {
      return;
    }
    var closesAt = data.window.closesAt ? Date.parse(data.window.closesAt) : null;
    if (closesAt === null) {
      text('countdown', '');
      return;
    }
    var left = closesAt - hostNow();
    if (left <= 0) {
      text('countdown', 'closed');
      if (reloadOnClose) {
        // The window just closed: the host now says what a reply costs and which templates apply.
        reloadOnClose = false;
        load();
      }
      return;
    }
    text('countdown', duration(left) + ' left');
    $('countdown').setAttribute('data-left-seconds', String(Math.floor(left / 1000)));
  }

  function render() {
    $('status').hidden = true;
    $('sidebar').hidden = false;
    var phase = data.window.phase;
    var badge = $('phase');
    badge.textContent = PHASES[phase] || phase;
    badge.className = 'badge ' + phase;
    $('sidebar').setAttribute('data-phase', phase);
    $('countdown').setAttribute('data-closes-at', data.window.closesAt || '');
    text('closes-at', data.window.closesAt
      ? 'Free-form replies until ' + new Date(data.window.closesAt).toLocaleString('en-US', { timeZone: 'UTC' }) + ' UTC'
      : 'Only a template can reach the customer now.');
    renderEntryPoint();
    renderWarnings();
    renderReply();
    renderTemplates();
    renderSpend();
    renderMessages();
    text('as-of', 'As of ' + new Date(data.asOf).toLocaleTimeString('en-US', { timeZone: 'UTC' }) + ' UTC · '
      + data.conversation.customer);
    tick();
    resize();
  }

  function renderEntryPoint() {
    var e = data.entryPoint;
    var p = $('entry-point');
    if (!e) {
      p.hidden = true;
      return;
    }
    p.hidden = false;
    if (e.open && e.freeUntil) {
      p.textContent = 'Came from an ad: everything is free until ' + e.freeUntil.replace('T', ' ').replace('Z', ' UTC');
    } else if (e.pendingSince) {
      p.textContent = 'Came from an ad: the first reply opens a free entry point window.';
    } else {
      p.textContent = 'Came from an ad; its free window has ended.';
    }
  }

  function renderWarnings() {
    var list = $('warnings');
    list.textContent = '';
    data.warnings.forEach(function (w) {
      var li = el('li', 'warning ' + w.code, w.message);
      li.setAttribute('data-code', w.code);
      list.appendChild(li);
    });
  }

  function quoteText(q) {
    if (!q.allowed) {
      return 'Not allowed';
    }
    return q.billable ? money(q.price) : 'Free';
  }

  function renderReply() {
    var q = data.reply;
    var cost = $('reply-cost');
    cost.textContent = quoteText(q);
    cost.setAttribute('data-amount', q.price.amount);
    cost.setAttribute('data-allowed', String(q.allowed));
    text('reply-category', q.category ? q.category + (q.market ? ' · ' + q.market : '') : '');
    text('reply-why', q.explanation);
  }

  function renderTemplates() {
    var list = $('templates');
    list.textContent = '';
    $('templates-section').hidden = data.templates.length === 0;
    data.templates.forEach(function (t) {
      var li = el('li', 'template');
      li.setAttribute('data-template', t.name);
      li.appendChild(el('strong', null, t.name));
      li.appendChild(el('span', 'muted', ' ' + t.language + ' · ' + t.category));
      var price = el('span', 'price', quoteText(t.quote));
      price.setAttribute('data-amount', t.quote.price.amount);
      li.appendChild(price);
      li.appendChild(el('div', 'small muted', t.quote.explanation));
      // What an agent types in a public comment to send it (the macro from `zendesk setup` writes the same).
      var command = ['#template ' + t.name + ' ' + t.language].concat(t.parameters.map(function (p) {
        return p + '=';
      })).join('\n');
      li.appendChild(el('pre', 'command small', command));
      list.appendChild(li);
    });
  }

  function renderSpend() {
    var spend = $('spend');
    spend.textContent = money(data.spend.conversation);
    spend.setAttribute('data-amount', data.spend.conversation.amount);
    var b = data.spend.budget;
    var p = $('budget');
    p.hidden = !b;
    if (b) {
      p.textContent = 'Route budget ' + b.month + ': ' + money(b.spent) + ' of ' + money(b.limit) + ' spent, '
        + money(b.left) + ' left';
    }
  }

  function renderMessages() {
    var list = $('messages');
    list.textContent = '';
    data.lastMessages.forEach(function (m) {
      var li = el('li', 'message ' + m.direction);
      li.setAttribute('data-message', m.id);
      li.appendChild(el('span', 'arrow', m.direction === 'inbound' ? '←' : '→'));
      li.appendChild(el('span', 'summary', m.summary));
      if (m.status) {
        var s = el('span', 'state ' + m.status, m.status);
        s.setAttribute('data-status', m.status);
        li.appendChild(s);
      }
      list.appendChild(li);
    });
  }

  function resize() {
    client.invoke('resize', { width: '100%', height: Math.min(document.body.scrollHeight + 16, 900) + 'px' });
  }

  $('refresh').addEventListener('click', load);

  Promise.all([client.get('ticket.id'), client.metadata()]).then(function (answers) {
    ticketId = answers[0]['ticket.id'];
    settings = answers[1].settings || {};
    load();
    setInterval(tick, 1000);
    setInterval(load, REFRESH_MS);
  }, showProblem);
}());
