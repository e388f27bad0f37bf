/* Tom Select plugin keywordwidget_search: a large vocabulary is searched as
 * the user types (options: url, open, ranked, messages).
 *
 * The dropdown offers the server's answer to the text in the box, in the
 * server's order, and nothing else: never an answer to a text typed before,
 * so that Enter cannot pick what the user no longer sees.  A search for
 * another text than the box's is aborted, its answer dropped.  A text is
 * searched again until an answer for it was shown; a search that fails or
 * takes too long says so.  Enter before the answer adds what was typed on
 * an open field; a closed one waits for the answer and picks the keyword
 * the text spells, if there is one.  A search that ranks by use (`ranked`)
 * answers an empty box too, with the most used keywords, which show when
 * the user comes to the empty box; each answer may carry a keyword's count.
 */
(function (kw) {
  'use strict';

  function itemsOf(response) {
    if (!response.ok) {
      throw new Error('search answered ' + response.status);
    }
    return response.json().then(function (data) {
      if (!data || !Array.isArray(data.items)) {
        throw new Error('search answered no items');
      }
      return data.items;
    });
  }

  TomSelect.define('keywordwidget_search', function (options) {
    var self = this;
    var labelField = self.settings.labelField;
    var separator = options.url.indexOf('?') < 0 ? '?' : '&';
    // Texts are kept folded: the server searches ignoring case.
    // The answer shown: the text it answers, and the rank of each value.
    var answer = null;
    // The text whose search failed.
    var failed = null;
    // The search in flight: its text and its AbortController.
    var inFlight = null;
    // The text Enter was pressed on, on a closed field, before its answer.
    var waitingEnter = null;

    function boxText() {
      return kw.fold(self.inputValue());
    }

    // Where the search for `text` is: 'idle' (nothing to search),
    // 'pending', 'answered' or 'failed'.  Other plugins ask too.
    self.searchStatus = function (text) {
      var key = kw.fold(text);
      if (!key && !options.ranked) {
        return 'idle';
      }
      if (answer && answer.key === key) {
        return 'answered';
      }
      return failed === key ? 'failed' : 'pending';
    };

    function abort() {
      if (inFlight) {
        var request = inFlight;
        inFlight = null;
        request.controller.abort();
      }
    }

    // No option of an earlier answer stays behind, to be found by Enter,
    // the create filter or an empty box.
    function forgetAnswer() {
      answer = null;
      Object.keys(self.options).forEach(function (value) {
        if (self.items.indexOf(value) < 0) {
          self.removeOption(value, true);
        }
      });
    }

    function show(key, items, callback) {
      forgetAnswer();
      var ranks = new Map();
      var found = [];
      items.forEach(function (item) {
        if (ranks.has(item.token)) {
          return;
        }
        ranks.set(item.token, ranks.size);
        if (!self.options[item.token]) {
          found.push({value: item.token, text: item.title, count: item.count});
        }
      });
      answer = {key: key, ranks: ranks};
      callback(found);
      if (waitingEnter === key) {
        waitingEnter = null;
        pickSpelled(key);
      }
    }

    function pickSpelled(key) {
      var spelled = Array.from(answer.ranks.keys()).find(function (value) {
        return kw.fold(self.options[value][labelField]) === key;
      });
      if (spelled !== undefined) {
        self.addItem(spelled);
      }
    }

    function finish(request, items, callback) {
      clearTimeout(request.timer);
      var latest = inFlight === request;
      if (latest) {
        inFlight = null;
      }
      if (!latest || request.key !== boxText()) {
        // Aborted, or the user typed on: a later search follows.
        callback();
      } else if (items === null) {
        failed = request.key;
        callback();
        self.announce(options.messages.failed);
      } else {
        show(request.key, items, callback);
      }
    }

    function search(query, callback) {
      // Tom Select searches a text only once: here until answered.
      delete self.loadedSearches[query];
      var key = kw.fold(query);
      abort();
      if (key !== boxText()) {
        // Typed on while Tom Select waited to search this.
        callback();
        return;
      }
      if (failed === key) {
        failed = null;
      }
      var controller = new AbortController();
      var request = inFlight = {key: key, controller: controller};
      request.timer = setTimeout(function () {
        controller.abort();
      }, kw.searchTimeout);
      fetch(options.url + separator + 'q=' + encodeURIComponent(query), {
        credentials: 'same-origin',
        headers: {Accept: 'application/json'},
        signal: controller.signal
      }).then(itemsOf).then(function (items) {
        finish(request, items, callback);
      }, function () {
        finish(request, null, callback);
      });
    }

    self.settings.load = search;
    if (options.ranked) {
      // The empty box is searched too: the most used keywords.
      self.settings.shouldLoad = function () {
        return true;
      };
    }

    // The most used keywords are wanted whenever the user is at the empty
    // box: come to it, emptied it, or picked from it.
    function wantMostUsed() {
      return options.ranked && self.isFocused && boxText() === '' &&
        self.searchStatus('') === 'pending' &&
        !(inFlight && inFlight.key === '');
    }

    // The answer's keywords, in the server's order; nothing else.
    self.settings.score = function (query) {
      var key = kw.fold(query);
      var ranks = answer && answer.key === key ? answer.ranks : new Map();
      return function (option) {
        var rank = ranks.get(option[self.settings.valueField]);
        return rank === undefined ? 0 : ranks.size - rank;
      };
    };

    // Whenever the text changes, what belongs to another text goes.
    self.hook('before', 'refreshOptions', function () {
      var key = boxText();
      if (inFlight && inFlight.key !== key) {
        abort();
      }
      if (answer && answer.key !== key) {
        forgetAnswer();
      }
      if (waitingEnter !== key) {
        waitingEnter = null;
      }
      if (wantMostUsed()) {
        self.load('');
      }
    });

    self.hook('after', 'setupTemplates', function () {
      var noResults = self.settings.render.no_results;
      self.settings.render.no_results = function (data, escape) {
        if (self.searchStatus(data.input) === 'failed') {
          return kw.message('no-results search-failed',
                            escape(options.messages.failed));
        }
        return noResults.call(self, data, escape);
      };
    });

    self.on('initialize', function () {
      if (options.open) {
        // Enter adds what was typed, offered as "Add ...".
        return;
      }
      self.control_input.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' && boxText() &&
            self.searchStatus(self.inputValue()) === 'pending') {
          waitingEnter = boxText();
        }
      });
    });
  });
}(formlibKeywordwidget));
