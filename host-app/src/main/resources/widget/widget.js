/*
 * DeskBridge website button: a "Chat on WhatsApp" button for one click-to-chat link.
 *
 *   <script src="https://YOUR-DESKBRIDGE/widget.js" data-link="K7Q2M9" defer></script>
 *
 * Optional attributes: data-label="Chat with us" (the button's text), data-responsiveness="on"
 * (the "usually answers within N minutes" line, when the host knows it), data-hours="on" (opening
 * hours, when configured), data-target="element-id" (where to put the button; default: right after
 * this script). No dependencies; the only requests go to the host this script came from.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, '');
  var code = (script.getAttribute('data-link') || '').trim();
  if (!/^[2-9A-HJ-NP-Z]{6}$/.test(code)) {
    if (window.console) { window.console.warn('DeskBridge widget: data-link must be a link code such as K7Q2M9'); }
    return;
  }
  var DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  var SHORT = { MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri',
    SATURDAY: 'Sat', SUNDAY: 'Sun' };

  function on(name) {
    var v = script.getAttribute(name);
    return v !== null && v !== 'off' && v !== 'false';
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    e.className = className;
    if (text) { e.textContent = text; }
    return e;
  }

  // "Mon–Fri 09:00–17:00, Sat 10:00–14:00": days with the same hours in a row share a line.
  function hoursText(hours) {
    var byDay = {};
    hours.forEach(function (h) {
      (byDay[h.day] = byDay[h.day] || []).push(h.opens + '–' + h.closes);
    });
    var parts = [];
    var run = null;
    DAYS.forEach(function (day) {
      var text = byDay[day] ? byDay[day].join(', ') : null;
      if (run && run.text === text) {
        run.last = day;
        return;
      }
      if (run && run.text) { parts.push(run); }
      run = { first: day, last: day, text: text };
    });
    if (run && run.text) { parts.push(run); }
    return parts.map(function (p) {
      return SHORT[p.first] + (p.last !== p.first ? '–' + SHORT[p.last] : '') + ' ' + p.text;
    }).join(', ');
  }

  function render(link) {
    var box = el('div', 'deskbridge-wa');
    var button = el('a', 'deskbridge-wa__button', script.getAttribute('data-label') || 'Chat on WhatsApp');
    button.href = link.url;
    button.target = '_blank';
    button.rel = 'noopener noreferrer';
    box.appendChild(button);
    if (on('data-responsiveness') && link.usuallyAnswersWithinMinutes) {
      var m = link.usuallyAnswersWithinMinutes;
      var within = m < 60 ? m + (m === 1 ? ' minute' : ' minutes')
        : Math.round(m / 60) + (Math.round(m / 60) === 1 ? ' hour' : ' hours');
      box.appendChild(el('p', 'deskbridge-wa__note deskbridge-wa__responsiveness', 'Usually answers within ' + within));
    }
    if (on('data-hours') && link.hours && link.hours.length) {
      box.appendChild(el('p', 'deskbridge-wa__note deskbridge-wa__hours',
        'Open ' + hoursText(link.hours) + (link.timeZone ? ' (' + link.timeZone + ')' : '')
        + (link.openNow === false ? ' · closed now' : '')));
    }
    var target = script.getAttribute('data-target');
    var place = target && document.getElementById(target);
    if (place) {
      place.appendChild(box);
    } else if (script.parentNode) {
      script.parentNode.insertBefore(box, script.nextSibling);
    }
  }

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + '/widget.css';
  document.head.appendChild(css);

  // No cookies or credentials: the host answers the same to everybody.
  fetch(base + '/widget/' + code + '.json', { credentials: 'omit', mode: 'cors', referrerPolicy: 'no-referrer' })
    .then(function (r) {
      if (!r.ok) { throw new Error('link ' + code + ' answered ' + r.status); }
      return r.json();
    })
    .then(render)
    .catch(function (e) {
      if (window.console) { window.console.warn('DeskBridge widget: ' + e.message); }
    });
}());
