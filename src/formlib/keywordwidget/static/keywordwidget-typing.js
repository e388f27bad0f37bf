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
 * spreadsheet's column) is one keyword a line, each taken as typed text;
 * thousands of lines are looked up together and added in one go.
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

    // The folded texts that spell the keyword of `option`.  The server
    // takes the title or the value ("howto" for "How-to"): the browser
    // knows the token, most often the value, and gets the value where it
    // is neither (`spelling`).  Folded once per option: every keystroke
    // compares with them all.
    function spellings(option) {
      if (option.$spellings === undefined) {
        option.$spellings = [
          kw.fold(label(option)), kw.fold(option[valueField])];
        if (option.spelling) {
          option.$spellings.push(kw.fold(option.spelling));
        }
      }
      return option.$spellings;
    }

    // Whether `key` (folded text) spells the keyword of `option`.  The
    // search plugin asks too.
    function spells(key, option) {
      return spellings(option).indexOf(key) >= 0;
    }

    self.spells = spells;

    // Hundreds of chosen keywords are lines of the textarea (asLines),
    // chosen all the same: their texts by their folded text, read again
    // when the lines change.
    var chosenAsLines = {value: null, byKey: null};

    function chosenLines() {
      var value = typedField().value;
      if (chosenAsLines.value !== value) {
        var byKey = new Map();
        value.split(LINE_END).forEach(function (line) {
          var key = kw.fold(line);
          if (key && !byKey.has(key)) {
            byKey.set(key, kw.tidy(line));
          }
        });
        chosenAsLines = {value: value, byKey: byKey};
      }
      return chosenAsLines.byKey;
    }

    // Whether the keyword of `option` is one of the chosen lines.
    function isLine(option) {
      var byKey = chosenLines();
      return spellings(option).some(function (key) {
        return byKey.has(key);
      });
    }

    // `option` under each folded text that spells it, unless another is.
    function enterSpellings(byKey, option) {
      spellings(option).forEach(function (key) {
        if (!byKey.has(key)) {
          byKey.set(key, option);
        }
      });
    }

    // The keywords texts spell, by folded text: those chosen (chips, then
    // lines; a line's is an option of its text) and those on offer.  Made
    // in one pass, to be looked up in for one text or for a pasted column
    // of thousands.
    function spelled() {
      var chosen = new Map();
      var offered = new Map();
      var items = new Set(self.items);
      items.forEach(function (value) {
        enterSpellings(chosen, self.options[value]);
      });
      if (options.asLines) {
        chosenLines().forEach(function (line, key) {
          if (!chosen.has(key)) {
            var option = {};
            option[labelField] = line;
            chosen.set(key, option);
          }
        });
      }
      for (var value in self.options) {
        if (!items.has(value)) {
          enterSpellings(offered, self.options[value]);
        }
      }
      return {chosen: chosen, offered: offered};
    }

    // The chosen keyword `text` spells, or null.
    function chosenAs(text, known) {
      var key = kw.fold(text);
      return (key && (known || spelled()).chosen.get(key)) || null;
    }

    // The keyword on offer that `text` spells, or null.
    function offeredAs(text, known) {
      var key = kw.fold(text);
      return (key && (known || spelled()).offered.get(key)) || null;
    }

    // Says that the keywords of `chosen` (options) are chosen already, by
    // name or, for many, as a number; their chips light up (a line has
    // none).
    function sayChosen(chosen) {
      if (!chosen.length) {
        return;
      }
      if (chosen.length > kw.mostNamed) {
        self.announce(kw.fill(messages.chosenCount, {
          count: String(chosen.length)}));
      } else {
        chosen.forEach(function (option) {
          self.announce(kw.fill(messages.chosen, {keyword: label(option)}));
        });
      }
      var values = new Set(chosen.map(function (option) {
        return option[valueField];
      }));
      var chips = self.controlChildren().filter(function (chip) {
        return values.has(chip.dataset.value);
      });
      chips.forEach(function (chip) {
        chip.classList.remove('keywordwidget-twin');
      });
      // Once for all: the animation starts anew.
      void self.control.offsetWidth;
      chips.forEach(function (chip) {
        chip.classList.add('keywordwidget-twin');
      });
    }

    if (options.asLines) {
      // A keyword chosen as a line is not offered, as a chosen chip is not.
      var search = self.search;
      self.hook('instead', 'search', function (query) {
        var results = search.call(self, query);
        return Object.assign({}, results, {
          items: results.items.filter(function (item) {
            return !isLine(self.options[item.id]);
          })});
      });
    }

    if (options.open) {
      self.settings.create = function (input) {
        var text = kw.tidy(input);
        return {value: options.prefix + text, text: text};
      };
    }
    self.settings.createFilter = function (input) {
      var known = spelled();
      return kw.tidy(input) !== '' && !chosenAs(input, known) &&
        !offeredAs(input, known);
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
    // Keywords of typed or pasted lines were looked up together already
    // (`vetted`): one by one, a column of thousands would take minutes.
    var vetted = new Set();
    var addItem = self.addItem;
    self.hook('instead', 'addItem', function (value, silent) {
      var option = self.options[value];
      var twin = !silent && option && !vetted.has(value) &&
        self.items.indexOf(value) < 0 && chosenAs(label(option));
      if (twin) {
        sayChosen([twin]);
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

    function quoted(text) {
      return '\u201c' + text + '\u201d';
    }

    function markRefused(textarea, texts) {
      refused = refused.concat(texts);
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
      self.announce(kw.fill(messages.notAvailable, {
        keywords: kw.listed(refused.map(quoted), messages.keywordCount)}),
      'refused');
    }

    // A closed field's texts that name no keyword on offer, kept in its
    // textarea for the server, which matches or refuses them on saving.
    function keepForServer(texts) {
      var textarea = typedField();
      var lines = textarea.value.replace(/\s+$/, '');
      textarea.value = (lines ? [lines] : []).concat(texts).join('\n');
      showTypedField(textarea, true);
      // Without a search every keyword is on offer; with one, what the
      // answer for a text holds.  Texts not searched are the server's to
      // check, and the widget says so.
      var unknown = [];
      var unchecked = [];
      texts.forEach(function (text) {
        var answered = !self.searchStatus ||
          self.searchStatus(text) === 'answered';
        (answered ? unknown : unchecked).push(text);
      });
      if (unknown.length) {
        markRefused(textarea, unknown);
      }
      if (unchecked.length) {
        self.announce(kw.fill(messages.unchecked, {
          keywords: kw.listed(unchecked.map(quoted), messages.keywordCount)
        }), 'unchecked');
      }
    }

    // What typed or pasted `lines` are, each tidied and taken once, as the
    // server takes typed lines: keywords chosen already (`chosen`), the
    // values to add (`picked`: on offer, or created on open fields), and
    // the texts a closed field leaves to the server (`kept`).  Looked up
    // together, in one pass over the options.
    function sortOut(lines) {
      var known = spelled();
      var seen = new Set();
      var sorted = {chosen: [], picked: [], kept: []};
      lines.forEach(function (line) {
        var text = kw.tidy(line);
        var key = kw.fold(text);
        if (!text || seen.has(key)) {
          return;
        }
        seen.add(key);
        var option = chosenAs(text, known);
        if (option) {
          sorted.chosen.push(option);
          return;
        }
        option = offeredAs(text, known);
        if (!option && options.open) {
          option = self.settings.create(text);
          self.addOption(option, true);
        }
        if (option) {
          sorted.picked.push(option[valueField]);
          // Chosen now: a later line that spells it is its twin.
          enterSpellings(known.chosen, option);
        } else {
          sorted.kept.push(text);
        }
      });
      return sorted;
    }

    // Typed or pasted lines, taken as leaving the box takes typed text:
    // keywords added in one go (Tom Select redraws once, after the last),
    // those chosen already said to be, the rest kept for the server.
    function keepLines(lines) {
      var sorted = sortOut(lines);
      vetted = new Set(sorted.picked);
      try {
        self.addItems(sorted.picked);
      } finally {
        vetted = new Set();
      }
      sayChosen(sorted.chosen);
      if (sorted.kept.length) {
        keepForServer(sorted.kept);
      }
    }

    // The history plugin takes text left in the box before going back so.
    self.keepTyped = function (text) {
      keepLines([text]);
    };

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
          keepLines([text]);
        });
      }
    });

    function adoptTypedKeywords(textarea) {
      self.addItems(sortOut(textarea.value.split(LINE_END)).picked, true);
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
          sayChosen([chosen]);
        }
      });
    });
  });
}(formlibKeywordwidget));
