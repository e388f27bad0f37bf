/* Tom Select plugin keywordwidget_typing: what the user types (options:
 * open, prefix, searchable, messages).
 *
 * A keyword is chosen once: text that folds, as on the server, to a chosen
 * keyword adds nothing, and the widget says that it is there.  On open
 * fields "Add ..." creates a keyword, posted as the prefix plus its text.
 * Text typed without Enter is kept when the user moves on: an open field
 * adds it; a closed field picks the keyword it spells, or else keeps it in
 * its textarea, where the server matches typed keywords or refuses them by
 * name.  Keywords that come back typed in the textarea after an error
 * become items of an open field.  A pasted list (lines, as copied from a
 * spreadsheet's column) is one keyword a line, each taken as typed text.
 */
(function (kw) {
  'use strict';

  // Between a press of the mouse button and its release nothing may move
  // under the pointer, or a click on Apply would miss it: what would,
  // waits for the release (before the click, and so before the submit).
  var pressed = false;
  var onRelease = [];
  document.addEventListener('mousedown', function () {
    pressed = true;
  }, true);
  window.addEventListener('mouseup', function () {
    pressed = false;
    onRelease.splice(0).forEach(function (task) {
      task();
    });
  }, true);

  function whenReleased(task) {
    if (pressed) {
      onRelease.push(task);
    } else {
      task();
    }
  }

  // Where the server splits typed lines (widget.LINE_END).
  var LINE_END = /\r\n|\r|\n/;

  function labelOf(element) {
    return document.querySelector(
      'label[for="' + CSS.escape(element.id) + '"]');
  }

  TomSelect.define('keywordwidget_typing', function (options) {
    var self = this;
    var labelField = self.settings.labelField;
    var valueField = self.settings.valueField;
    var messages = options.messages;
    // Closed fields: typed texts known to be no keyword of the field.
    var refused = [];

    function label(option) {
      return option[labelField];
    }

    // Whether `key` (folded text) spells the keyword of `option`.  The
    // server takes the title or the value ("howto" for "How-to"); the
    // browser knows the token, most often the value.  Folded once per
    // option: every keystroke compares with them all.
    function spells(key, option) {
      if (option.$spellings === undefined) {
        option.$spellings = [
          kw.fold(label(option)), kw.fold(option[valueField])];
      }
      return option.$spellings.indexOf(key) >= 0;
    }

    // The chosen keyword `text` spells, or null.
    function chosenAs(text) {
      var key = kw.fold(text);
      var value = key && self.items.find(function (item) {
        return spells(key, self.options[item]);
      });
      return value ? self.options[value] : null;
    }

    // The keyword on offer that `text` spells, or null.
    function offeredAs(text) {
      var key = kw.fold(text);
      for (var value in self.options) {
        if (self.items.indexOf(value) < 0 &&
            spells(key, self.options[value])) {
          return self.options[value];
        }
      }
      return null;
    }

    function sayChosen(option) {
      self.announce(kw.fill(messages.chosen, {keyword: label(option)}));
      // The chip that holds it lights up.
      var chip = self.getItem(option[valueField]);
      chip.classList.remove('keywordwidget-twin');
      void chip.offsetWidth;
      chip.classList.add('keywordwidget-twin');
    }

    if (options.open) {
      self.settings.create = function (input) {
        var text = kw.tidy(input);
        return {value: options.prefix + text, text: text};
      };
    }
    self.settings.createFilter = function (input) {
      return kw.tidy(input) !== '' && !chosenAs(input) && !offeredAs(input);
    };
    // An option, so that screen readers announce it as a choice.
    self.settings.render.option_create = function (data, escape) {
      return '<div class="create" role="option" id="' +
        escape(self.inputId) + '-ts-create">' +
        kw.fillMarkup(messages.add, {keyword: kw.tidy(data.input)}, escape) +
        '</div>';
    };

    self.hook('after', 'setupTemplates', function () {
      var noResults = self.settings.render.no_results;
      self.settings.render.no_results = function (data, escape) {
        var chosen = chosenAs(data.input);
        if (chosen) {
          return kw.message('no-results', kw.fillMarkup(
            messages.chosen, {keyword: label(chosen)}, escape));
        }
        return noResults.call(self, data, escape);
      };
    });

    // The one way in for every keyword, however it comes: not twice.
    var addItem = self.addItem;
    self.hook('instead', 'addItem', function (value, silent) {
      var option = self.options[value];
      var twin = !silent && option && self.items.indexOf(value) < 0 &&
        chosenAs(label(option));
      if (twin) {
        sayChosen(twin);
        return;
      }
      addItem.call(self, value, silent);
    });

    // The textarea for typed keywords.  A small closed field has none:
    // it gets one as the server makes them, under the name the server
    // reads typed keywords from, made before the browser restores the
    // form, so that it is restored too.
    function typedField() {
      var textarea = self.wrapper.parentNode.querySelector('textarea');
      if (!textarea) {
        var caption = document.createElement('label');
        textarea = document.createElement('textarea');
        textarea.id = textarea.name = caption.htmlFor =
          self.input.id + '.new';
        textarea.rows = 3;
        caption.textContent = messages.typed;
        self.wrapper.after(caption, textarea);
      }
      return textarea;
    }

    // The textarea and its label give way to the combobox, unless they
    // hold text, or are the only way into the field (`needed`).
    function showTypedField(textarea, needed) {
      var hidden = kw.tidy(textarea.value) === '' && !needed;
      textarea.hidden = hidden;
      var caption = labelOf(textarea);
      if (caption) {
        caption.hidden = hidden;
      }
    }

    function markRefused(textarea, text) {
      refused.push(text);
      var id = self.input.id + '-typed-note';
      var note = document.getElementById(id);
      if (!note) {
        note = document.createElement('p');
        note.id = id;
        note.className = 'keywordwidget-note';
        textarea.after(note);
        textarea.addEventListener('input', function () {
          // Corrected or not, it is the server's to judge now.
          refused = [];
          note.remove();
          textarea.removeAttribute('aria-invalid');
          textarea.removeAttribute('aria-describedby');
        }, {once: true});
      }
      var parts = messages.notAvailable.split('${keywords}');
      note.innerHTML = kw.escape(parts[0]) + refused.map(function (word) {
        return '\u201c' + kw.isolate(word, kw.escape) + '\u201d';
      }).join(', ') + kw.escape(parts.slice(1).join(''));
      textarea.setAttribute('aria-invalid', 'true');
      textarea.setAttribute('aria-describedby', id);
      self.announce(note.textContent, 'refused');
    }

    // A closed field's text that names no keyword on offer.
    function keepForServer(text) {
      var textarea = typedField();
      var lines = textarea.value.replace(/\s+$/, '');
      textarea.value = lines ? lines + '\n' + text : text;
      showTypedField(textarea, true);
      // Without a search every keyword is on offer; with one, what the
      // answer for this text holds.
      if (!self.searchStatus || self.searchStatus(text) === 'answered') {
        markRefused(textarea, text);
      }
    }

    function keepTyped(text) {
      var chosen = chosenAs(text);
      var offered = offeredAs(text);
      if (chosen) {
        sayChosen(chosen);
      } else if (offered) {
        self.addItem(offered[valueField]);
      } else if (options.open) {
        self.createItem(text);
      } else {
        keepForServer(text);
      }
    }

    // Lines, each tidied and taken once, as the server takes typed lines.
    function keepLines(lines) {
      var seen = new Set();
      lines.forEach(function (line) {
        var text = kw.tidy(line);
        if (text && !seen.has(kw.fold(text))) {
          seen.add(kw.fold(text));
          keepTyped(text);
        }
      });
    }

    // A pasted list goes in as a textarea would take it, the text around
    // the caret included; the box is left empty.  A line without a line
    // end is pasted into the box.
    function pasteLines(event) {
      var pasted = event.clipboardData.getData('text/plain');
      if (!LINE_END.test(pasted)) {
        return;
      }
      event.preventDefault();
      var box = self.control_input;
      var text = box.value.slice(0, box.selectionStart) + pasted +
        box.value.slice(box.selectionEnd);
      self.setTextboxValue('');
      self.together(function () {
        keepLines(text.split(LINE_END));
      });
      self.refreshOptions(false);
    }

    // Before Tom Select closes the dropdown and empties the box.
    self.hook('before', 'onBlur', function () {
      var text = kw.tidy(self.inputValue());
      // Tom Select's own test for a blur that counts.
      if (text && document.hasFocus() && self.isFocused) {
        whenReleased(function () {
          keepTyped(text);
        });
      }
    });

    function adoptTypedKeywords(textarea) {
      textarea.value.split(/\r?\n/).forEach(function (line) {
        var text = kw.tidy(line);
        if (text === '' || chosenAs(text)) {
          return;
        }
        var option = offeredAs(text);
        if (!option) {
          option = {value: options.prefix + text, text: text};
          self.addOption(option, true);
        }
        self.addItem(option[valueField], true);
      });
      textarea.value = '';
    }

    self.on('initialize', function () {
      // A large closed field that cannot search (there is no object to
      // search on yet) is typed into: the server renders the textarea for
      // it, and the combobox knows no keywords to offer.
      var needed = options.asLines || (!options.open && !options.searchable &&
        self.wrapper.parentNode.querySelector('textarea') !== null);
      var textarea = typedField();
      if (options.open && !options.asLines) {
        adoptTypedKeywords(textarea);
      }
      showTypedField(textarea, needed);
      // Going back to the page, the browser refills the textarea.
      window.addEventListener('pageshow', function () {
        showTypedField(textarea, needed);
      });
      self.control_input.addEventListener('paste', pasteLines);
      self.control_input.addEventListener('keydown', function (event) {
        // Enter picked nothing: say why, if the keyword is chosen.
        var chosen = event.key === 'Enter' && chosenAs(self.inputValue());
        if (chosen) {
          sayChosen(chosen);
        }
      });
    });
  });
}(formlibKeywordwidget));
