/* Turns each keyword widget's native controls into one Tom Select combobox.
 *
 * Works on the markup KeywordInputWidget renders:
 * <div class="keywordwidget" data-open="true|false" data-new-prefix="..."
 *      data-search-url="..."> holding the native <select multiple>, and for
 * open or large fields a <textarea> for typed keywords, one per line;
 * data-ranked="true" when the search ranks by use and counts it;
 * data-unordered="true" for a set, whose keywords have no order to change.
 * Keywords the user creates are posted as data-new-prefix plus their text.
 * The chosen tokens are posted as one JSON list named after the select's
 * id plus ".tokens" (KeywordInputWidget.tokens_name).
 *
 * Each concern is a Tom Select plugin of its own, in the scripts loaded
 * before this one: keywordwidget-status.js, -chips.js, -search.js,
 * -typing.js, -order.js and -history.js; keywordwidget-text.js holds what
 * they share.
 */
(function (kw) {
  'use strict';

  var MESSAGES_ID = 'formlib-keywordwidget-messages';

  // Accessibility Tom Select lacks.  The combobox stands for the native
  // select, which leaves the accessibility tree (a second list of every
  // keyword otherwise); inert keeps it out of reach too, and still posted.
  // A field the server refused is invalid, described by the error.
  TomSelect.define('keywordwidget_a11y', function () {
    var self = this;
    self.on('initialize', function () {
      self.input.inert = true;
      ['aria-invalid', 'aria-describedby'].forEach(function (name) {
        if (self.input.hasAttribute(name)) {
          self.control_input.setAttribute(name, self.input.getAttribute(name));
        }
      });
    });
  });

  function settingsFor(wrapper, messages) {
    var open = wrapper.dataset.open === 'true';
    var searchUrl = wrapper.dataset.searchUrl;
    // The order counts: each plugin wraps the "no results" of those before.
    var plugins = {
      keywordwidget_a11y: {},
      keywordwidget_status: {messages: messages},
      keywordwidget_chips: {messages: messages}
    };
    if (searchUrl) {
      plugins.keywordwidget_search = {
        url: searchUrl, open: open, messages: messages,
        ranked: wrapper.dataset.ranked === 'true'};
    }
    plugins.keywordwidget_typing = {
      open: open, prefix: wrapper.dataset.newPrefix || '',
      searchable: Boolean(searchUrl), messages: messages,
      // Hundreds of chosen keywords are edited as lines, with JS too.
      asLines: wrapper.dataset.chosenAsLines === 'true'};
    if (wrapper.dataset.unordered !== 'true') {
      plugins.keywordwidget_order = {messages: messages};
    }
    plugins.keywordwidget_history = {};
    var settings = {
      plugins: plugins,
      // A comma or semicolon is part of a keyword, never a separator.
      delimiter: null,
      persist: false,
      // After a pick the next keyword is typed from scratch.
      clearAfterSelect: true,
      // Filter at once: a delayed refresh that fires after the user moved
      // on to the next field reopens this one and steals the focus.
      refreshThrottle: 0,
      // Instead of Tom Select's 300 ms: suggestions as fast as typing.  A
      // search still in flight is aborted when the user types on.
      loadThrottle: kw.searchDelay,
      // Typed text runs in its own direction, Hebrew right to left.
      controlInput: '<input type="text" autocomplete="off" size="1"' +
        ' dir="auto" />',
      render: {
        option: function (data, escape) {
          var label = data[this.settings.labelField];
          if (typeof data.count !== 'number') {
            return '<div>' + kw.isolate(label, escape) + '</div>';
          }
          // How many use the keyword, where the search knows: the number
          // is shown, words are said.
          return '<div aria-label="' + escape(kw.fill(
            messages.counted, {keyword: label, count: data.count})) +
            '">' + kw.isolate(label, escape) +
            ' <span class="keywordwidget-uses">' + data.count +
            '</span></div>';
        },
        no_results: function (data, escape) {
          if (this.canCreate(data.input)) {
            // "Add ..." says enough.
            return null;
          }
          return kw.message('no-results', escape(messages.noResults));
        },
        loading: function (data, escape) {
          return kw.message('loading', escape(messages.loading));
        }
      }
    };
    if (searchUrl) {
      // An empty box of a large field does not show that it searches.
      settings.placeholder = messages.search;
      settings.hidePlaceholder = true;
    }
    return settings;
  }

  // A select posts one part per chosen option, and servers take 1,024
  // parts of a form at most: post the chosen tokens as one part instead.
  function postTokensInOnePart(select, tomselect) {
    if (!select.form) {
      return;
    }
    select.form.addEventListener('formdata', function (event) {
      event.formData.delete(select.name);
      event.formData.append(
        select.id + '.tokens', JSON.stringify(tomselect.items));
    });
  }

  function enhance(wrapper, messages) {
    var select = wrapper.querySelector('select[multiple]');
    if (!select || select.tomselect) {
      return;
    }
    var tomselect = new TomSelect(select, settingsFor(wrapper, messages));
    postTokensInOnePart(select, tomselect);
    wrapper.classList.add('keywordwidget-enhanced');
  }

  var messages = JSON.parse(document.getElementById(MESSAGES_ID).textContent);
  document.querySelectorAll('.keywordwidget').forEach(function (wrapper) {
    enhance(wrapper, messages);
  });
}(formlibKeywordwidget));
