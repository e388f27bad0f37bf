/* The keyword manager's page (managerview.py), made comfortable.
 *
 * The filter applies as the user types, the order as it is chosen, pages
 * turn in place; chosen keywords stay chosen when they leave the page,
 * listed under "Also selected"; shift-click selects a range.  Without the
 * script the page works the same, a request for each step.
 */
(function () {
  'use strict';

  // Typing pauses this long (ms) before the filter applies.
  var TYPING_PAUSE = 150;
  var KEYWORDS = 'keywords:list';

  function start() {
    var filter = document.querySelector('.keywordmanager-filter');
    var changes = document.querySelector('.keywordmanager-changes');
    if (!filter || !changes) {
      return;
    }
    var messages = JSON.parse(
      document.getElementById('keywordmanager-messages').textContent);
    var results = document.getElementById('keywordmanager-results');
    var aliases = document.getElementById('keywordmanager-aliases');
    var alsoSelected = changes.querySelector('.keywordmanager-selected');
    var announcer = document.createElement('div');
    announcer.className = 'keywordmanager-announcer';
    announcer.setAttribute('role', 'status');
    filter.after(announcer);
    var selected = new Set();
    var request = null;
    var typing = null;
    var lastClicked = null;

    function keywordBoxes(within) {
      return Array.from((within || changes).querySelectorAll(
        'input[type=checkbox][name="' + KEYWORDS + '"]'));
    }

    keywordBoxes().forEach(function (box) {
      if (box.checked) {
        selected.add(box.value);
      }
    });

    // Each chosen keyword checked wherever it is shown; those not shown
    // listed under "Also selected", so that they are posted too.
    function showSelection() {
      var shown = new Set();
      keywordBoxes(results).forEach(function (box) {
        box.checked = selected.has(box.value);
        shown.add(box.value);
      });
      var list = alsoSelected.querySelector('ul');
      list.textContent = '';
      var number = 0;
      selected.forEach(function (keyword) {
        if (shown.has(keyword)) {
          return;
        }
        number += 1;
        var item = document.createElement('li');
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.name = KEYWORDS;
        box.value = keyword;
        box.checked = true;
        box.id = 'keywordmanager-selected-' + number;
        var label = document.createElement('label');
        label.htmlFor = box.id;
        label.textContent = keyword;
        item.append(box, label);
        list.append(item);
      });
      alsoSelected.hidden = number === 0;
    }

    function choose(box, checked) {
      if (checked) {
        selected.add(box.value);
      } else {
        selected.delete(box.value);
      }
    }

    changes.addEventListener('click', function (event) {
      var box = event.target;
      if (box.name !== KEYWORDS) {
        return;
      }
      var table = results.querySelector('table');
      var rows = table ? keywordBoxes(table) : [];
      if (event.shiftKey && lastClicked && rows.includes(box) &&
          rows.includes(lastClicked)) {
        var from = rows.indexOf(lastClicked);
        var to = rows.indexOf(box);
        rows.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(
          function (row) {
            choose(row, box.checked);
          });
      }
      lastClicked = box;
    });

    changes.addEventListener('change', function (event) {
      var box = event.target;
      if (box.name !== KEYWORDS) {
        return;
      }
      var leaving = alsoSelected.contains(box) && !box.checked;
      var next = leaving && box.closest('li').nextElementSibling;
      var position = next ? Array.from(next.parentNode.children).indexOf(
        next) - 1 : -1;
      choose(box, box.checked);
      showSelection();
      if (leaving) {
        // The keyword left the list: the focus goes to the next one, or
        // on to the new keyword.
        var boxes = alsoSelected.querySelectorAll('input');
        (boxes[position] || changes.elements.new).focus();
      }
    });

    function load(url) {
      if (request) {
        request.abort();
      }
      request = new AbortController();
      results.setAttribute('aria-busy', 'true');
      announcer.textContent = messages.loading;
      fetch(url, {signal: request.signal, credentials: 'same-origin'})
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.statusText);
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, 'text/html');
          // The page's own, escaped markup.
          results.innerHTML =
            page.getElementById('keywordmanager-results').innerHTML;
          aliases.innerHTML =
            page.getElementById('keywordmanager-aliases').innerHTML;
          ['q', 'order', 'page'].forEach(function (name) {
            changes.elements[name].value =
              page.querySelector('.keywordmanager-changes').elements[
                name].value;
          });
          history.replaceState(null, '', url);
          lastClicked = null;
          showSelection();
          var summary = results.querySelector(
            'caption, .keywordmanager-none');
          announcer.textContent = summary ? summary.textContent : '';
        })
        .catch(function (error) {
          if (error.name !== 'AbortError') {
            announcer.textContent = messages.failed;
          }
        })
        .finally(function () {
          results.removeAttribute('aria-busy');
        });
    }

    function filtered() {
      var query = new URLSearchParams(new FormData(filter));
      return filter.action + '?' + query.toString();
    }

    filter.addEventListener('input', function (event) {
      clearTimeout(typing);
      if (event.target.type === 'search') {
        typing = setTimeout(function () {
          load(filtered());
        }, TYPING_PAUSE);
      } else {
        load(filtered());
      }
    });

    filter.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(typing);
      load(filtered());
    });

    results.addEventListener('click', function (event) {
      var link = event.target.closest('.keywordmanager-pages a');
      if (link) {
        event.preventDefault();
        load(link.href);
        results.focus();
      }
    });
    results.tabIndex = -1;
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
