/* Tom Select plugin keywordwidget_history: back to the page, the widget is
 * as the user left it.
 *
 * A browser that loads the page anew on Back restores what the user left
 * in its form fields, its hidden select included, just before `pageshow`;
 * but the widget was set up from the page as served.  So the widget keeps
 * its keywords (value, text, status and spelling, in order) in the page's
 * history entry, and takes them back at `pageshow` when the browser has
 * restored the form.  Text left in the box (no Enter, no blur) is kept
 * with them when the page is left, and taken back as leaving the box takes
 * it (keywordwidget-typing.js): the browser restores no text of the box,
 * which is no form field.  A page kept whole by the browser
 * (pageshow.persisted) needs nothing.
 */
(function (kw) {
  'use strict';

  var KEY = 'formlib.keywordwidget';

  // Whether the page was loaded going back or forward in history.
  function wentBack() {
    var navigation = performance.getEntriesByType('navigation')[0];
    return Boolean(navigation) && navigation.type === 'back_forward';
  }

  // The history entry's state, if it is ours to add to.
  function entryState() {
    var state = history.state;
    if (state === null) {
      return {};
    }
    return Object.getPrototypeOf(state) === Object.prototype ? state : null;
  }

  TomSelect.define('keywordwidget_history', function () {
    var self = this;
    var labelField = self.settings.labelField;
    var saving = false;

    function saved() {
      var state = entryState();
      return state && state[KEY] && state[KEY][self.input.name];
    }

    // Keeps `widget` (its keywords and typed text) in the history entry;
    // none: forgets.
    function keep(widget) {
      var state = entryState();
      if (state === null) {
        // The application keeps something else there.
        return;
      }
      if (!widget && !saved()) {
        return;
      }
      var widgets = Object.assign({}, state[KEY]);
      if (widget) {
        widgets[self.input.name] = widget;
      } else {
        delete widgets[self.input.name];
      }
      history.replaceState(
        Object.assign({}, state, {[KEY]: widgets}), '');
    }

    function save() {
      saving = false;
      keep({
        keywords: self.items.map(function (value) {
          var option = self.options[value];
          return {value: value, text: option[labelField],
                  status: option.status || '', spelling: option.spelling};
        }),
        typed: self.inputValue()
      });
    }

    function restore() {
      var widget = saved();
      if (!widget) {
        // Untouched: show what the browser restored into the select.
        self.sync();
        return;
      }
      widget.keywords.forEach(function (entry) {
        if (!self.options[entry.value]) {
          self.addOption({value: entry.value, text: entry.text,
                          status: entry.status, spelling: entry.spelling},
                         true);
        }
      });
      self.setValue(widget.keywords.map(function (entry) {
        return entry.value;
      }), true);
      var typed = kw.tidy(widget.typed);
      if (typed) {
        self.keepTyped(typed);
      }
    }

    self.on('initialize', function () {
      if (!wentBack()) {
        // Loaded anew (or reloaded): the browser restores no form field,
        // so earlier changes are over too.
        keep(null);
      }
      self.on('change', function () {
        // Once for a batch of changes.
        if (!saving) {
          saving = true;
          queueMicrotask(save);
        }
      });
      window.addEventListener('pageshow', function (event) {
        if (!event.persisted && wentBack()) {
          restore();
        }
      });
      // Typing saves nothing: too many saves in a row, and a browser stops
      // taking them.  Leaving the page saves the text once.
      window.addEventListener('pagehide', function () {
        if (self.inputValue() || saved()) {
          save();
        }
      });
    });
  });
}(formlibKeywordwidget));
