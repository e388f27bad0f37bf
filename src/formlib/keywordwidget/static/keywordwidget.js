/* Turns each keyword widget's native controls into one Tom Select combobox.
 *
 * Works on the markup KeywordInputWidget renders:
 * <div class="keywordwidget" data-open="true|false" data-new-prefix="..."
 *      data-search-url="..."> holding the native <select multiple>, and for
 * open or large fields a <textarea> for typed keywords, one per line.
 * Keywords the user creates are posted as data-new-prefix plus their text.
 * The chosen tokens are posted as one JSON list named after the select's
 * id plus ".tokens" (KeywordInputWidget.tokens_name).
 */
(function () {
  'use strict';

  var PLACEHOLDER = '${keyword}';
  var MESSAGES_ID = 'formlib-keywordwidget-messages';

  function fill(message, keyword) {
    return message.split(PLACEHOLDER).join(keyword);
  }

  // What the user typed, tidied as the server will: trimmed, inner
  // whitespace collapsed, NFC.
  function tidy(text) {
    return text.trim().replace(/\s+/g, ' ').normalize('NFC');
  }

  function sameKeyword(a, b) {
    return tidy(a).toLowerCase() === tidy(b).toLowerCase();
  }

  function labelFor(element) {
    if (!element.id) {
      return null;
    }
    return document.querySelector(
      'label[for="' + CSS.escape(element.id) + '"]');
  }

  // Accessibility fixes Tom Select lacks: a name for every remove button,
  // and for the hidden original <select> once its label moved to the
  // control input.
  TomSelect.define('keywordwidget_a11y', function (messages) {
    var self = this;
    self.hook('after', 'setupTemplates', function () {
      var renderItem = self.settings.render.item;
      self.settings.render.item = function (data, escape) {
        var item = renderItem.call(self, data, escape);
        var button = item.querySelector('.remove');
        var name = fill(messages.remove, data[self.settings.labelField]);
        button.setAttribute('aria-label', name);
        button.title = name;
        return item;
      };
    });
    self.on('initialize', function () {
      var label = labelFor(self.control_input);
      if (label) {
        self.input.setAttribute('aria-labelledby', label.id);
      }
    });
  });

  function existingOption(tomselect, text) {
    var options = tomselect.options;
    var labelField = tomselect.settings.labelField;
    for (var key in options) {
      if (sameKeyword(options[key][labelField], text)) {
        return options[key];
      }
    }
    return null;
  }

  function searchLoader(searchUrl) {
    var separator = searchUrl.indexOf('?') < 0 ? '?' : '&';
    return function (query, callback) {
      var self = this;
      fetch(searchUrl + separator + 'q=' + encodeURIComponent(query), {
        credentials: 'same-origin',
        headers: {Accept: 'application/json'}
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('search answered ' + response.status);
        }
        return response.json();
      }).then(function (data) {
        if (self.inputValue() !== query) {
          // The user typed on while we waited: a later search follows.
          callback();
          return;
        }
        // Keep the server's ranking: drop the last answer's options.
        self.clearOptions();
        callback(data.items.map(function (item) {
          return {value: item.token, text: item.title};
        }));
      }).catch(function () {
        callback();
      });
    };
  }

  function settingsFor(wrapper, messages) {
    var open = wrapper.dataset.open === 'true';
    var prefix = wrapper.dataset.newPrefix || '';
    var searchUrl = wrapper.dataset.searchUrl;
    var settings = {
      plugins: {
        remove_button: {},
        keywordwidget_a11y: messages
      },
      // A comma or semicolon is part of a keyword, never a separator.
      delimiter: null,
      persist: false,
      // After a pick the next keyword is typed from scratch.
      clearAfterSelect: true,
      // Filter at once: a delayed refresh that fires after the user moved
      // on to the next field reopens this one and steals the focus.
      refreshThrottle: 0,
      create: open && function (input) {
        var text = tidy(input);
        return {value: prefix + text, text: text};
      },
      createFilter: function (input) {
        return tidy(input) !== '' && !existingOption(this, input);
      },
      render: {
        option_create: function (data, escape) {
          return '<div class="create" role="option" id="' +
            escape(this.inputId) + '-ts-create">' +
            escape(fill(messages.add, tidy(data.input))) + '</div>';
        },
        no_results: function (data, escape) {
          if (this.canCreate(data.input)) {
            // "Add ..." says enough.
            return null;
          }
          return '<div class="no-results">' + escape(messages.noResults) +
            '</div>';
        },
        loading: function (data, escape) {
          return '<div class="loading">' + escape(messages.loading) +
            '</div>';
        }
      }
    };
    if (searchUrl) {
      // An empty box of a large field does not show that it searches.
      settings.placeholder = messages.search;
      settings.hidePlaceholder = true;
      settings.load = searchLoader(searchUrl);
      // The server ranks the matches; show them in its order.
      settings.score = function () {
        return function () {
          return 1;
        };
      };
    }
    return settings;
  }

  // Keywords typed into the textarea (kept by the server after a
  // validation error) become items of an open field, so nothing typed is
  // lost; then the textarea and its label give way to the combobox.  A
  // closed field's typed lines stay in sight, to be corrected, and so does
  // its textarea where there is no search: the combobox then knows no
  // keywords to offer.
  function adoptTypedKeywords(wrapper, tomselect) {
    var textarea = wrapper.querySelector('textarea');
    if (!textarea || wrapper.dataset.chosenAsLines === 'true') {
      // Hundreds of chosen keywords are edited as lines, with JS too.
      return;
    }
    if (wrapper.dataset.open === 'true') {
      var prefix = wrapper.dataset.newPrefix || '';
      textarea.value.split(/\r?\n/).forEach(function (line) {
        var text = tidy(line);
        if (text === '') {
          return;
        }
        var option = existingOption(tomselect, text);
        if (!option) {
          option = {value: prefix + text, text: text};
          tomselect.addOption(option, true);
        }
        tomselect.addItem(option.value, true);
      });
      textarea.value = '';
    }
    var searchable = Boolean(wrapper.dataset.searchUrl);
    if (tidy(textarea.value) === '' &&
        (wrapper.dataset.open === 'true' || searchable)) {
      textarea.hidden = true;
      var label = labelFor(textarea);
      if (label) {
        label.hidden = true;
      }
    }
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
    adoptTypedKeywords(wrapper, tomselect);
    postTokensInOnePart(select, tomselect);
    wrapper.classList.add('keywordwidget-enhanced');
  }

  var messages = JSON.parse(document.getElementById(MESSAGES_ID).textContent);
  document.querySelectorAll('.keywordwidget').forEach(function (wrapper) {
    enhance(wrapper, messages);
  });
}());
