/* Tom Select plugin keywordwidget_history: back to the page, the widget is
 * as the user left it.
 *
 * A browser that loads the page anew on Back restores what the user left
 * in its form fields, its hidden select included, just before `pageshow`;
 * but the widget was set up from the page as served.  So the widget keeps
 * its keywords (value, text and status, in order) in the page's history
 * entry, and takes them back at `pageshow` when the browser has restored
 * the form.  A page kept whole by the browser (pageshow.persisted) needs
 * nothing.
 */
(function () {
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

    // Keeps `keywords` for this widget in the history entry; none: forgets.
    function keep(keywords) {
      var state = entryState();
      if (state === null) {
        // The application keeps something else there.
        return;
      }
      if (!keywords && !(state[KEY] && state[KEY][self.input.name])) {
        return;
      }
      var widgets = Object.assign({}, state[KEY]);
      if (keywords) {
        widgets[self.input.name] = keywords;
      } else {
        delete widgets[self.input.name];
      }
      history.replaceState(
        Object.assign({}, state, {[KEY]: widgets}), '');
    }

    function save() {
      saving = false;
      keep(self.items.map(function (value) {
        var option = self.options[value];
        return {value: value, text: option[labelField],
                status: option.status || ''};
      }));
    }

    function restore() {
      var state = entryState();
      var saved = state && state[KEY] && state[KEY][self.input.name];
      if (!saved) {
        // Untouched: show what the browser restored into the select.
        self.sync();
        return;
      }
      saved.forEach(function (entry) {
        if (!self.options[entry.value]) {
          self.addOption({value: entry.value, text: entry.text,
                          status: entry.status}, true);
        }
      });
      self.setValue(saved.map(function (entry) {
        return entry.value;
      }), true);
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
    });
  });
}());
