/* Tom Select plugin keywordwidget_status: the widget says what happened in
 * a polite live region, which screen readers announce (options: messages).
 *
 * It says "Added X." and "Removed X." when the user adds or removes a
 * keyword, and how many suggestions there are once those for the text in
 * the box are shown.  The other plugins say more with self.announce(text):
 * a failed search, a keyword chosen twice, a keyword moved.  What one task
 * does, such as pasting a list, is said at its end in one go:
 * self.together(task); more than a few keywords are said as a number.
 */
(function (kw) {
  'use strict';

  TomSelect.define('keywordwidget_status', function (options) {
    var self = this;
    var messages = options.messages;
    var labelField = self.settings.labelField;
    var region = null;
    // While a task says things together: what it added, removed and said.
    var gathered = null;
    // The suggestions for the text in the box are to be counted when they
    // are shown: the user typed, or came to a box that shows the most used.
    var countOwed = false;

    // Says `text`, replacing what was said before; in a task that says
    // things together, a later text on the same `topic` replaces one said
    // before.
    self.announce = function (text, topic) {
      if (gathered) {
        if (text) {
          var key = topic || gathered.said.size;
          gathered.said.delete(key);
          gathered.said.set(key, text);
        }
      } else if (region) {
        region.textContent = text;
      }
    };

    self.together = function (task) {
      if (gathered) {
        task();
        return;
      }
      gathered = {added: [], removed: [], said: new Map()};
      try {
        task();
      } finally {
        var done = gathered;
        gathered = null;
        var said = [];
        if (done.added.length) {
          said.push(kw.fill(messages.added, {
            keywords: kw.listed(done.added, messages.keywordCount)}));
        }
        if (done.removed.length) {
          said.push(kw.fill(messages.removed, {
            keywords: kw.listed(done.removed, messages.keywordCount)}));
        }
        said = said.concat(Array.from(done.said.values()));
        if (said.length) {
          self.announce(said.join(' '));
        }
      }
    };

    function labelOf(value) {
      var option = self.options[value];
      return option ? option[labelField] : value;
    }

    // The user's own changes, not the widget setting itself up or going
    // back in history (silent ones).
    var addItem = self.addItem;
    self.hook('instead', 'addItem', function (value, silent) {
      // Counted, not looked up: a pasted list adds thousands in a row.
      var count = self.items.length;
      addItem.call(self, value, silent);
      if (!silent && self.items.length > count) {
        self.together(function () {
          gathered.added.push(labelOf(value));
        });
      }
    });

    var removeItem = self.removeItem;
    self.hook('instead', 'removeItem', function (item, silent) {
      var chip = self.getItem(item);
      var value = chip && chip.dataset.value;
      var label = chip && labelOf(value);
      removeItem.call(self, item, silent);
      if (!silent && chip && self.items.indexOf(value) < 0) {
        self.together(function () {
          gathered.removed.push(label);
        });
      }
    });

    // How many keywords the dropdown offers; none: its message.
    function sayCount() {
      var content = self.dropdown_content;
      var count = content.querySelectorAll('.option').length;
      var message = content.querySelector('.no-results');
      var text = '';
      if (count) {
        text = kw.fill(messages.suggestions, {count: String(count)});
      } else if (message) {
        text = message.textContent;
      }
      if (region.textContent !== text) {
        self.announce(text);
      }
    }

    function searching() {
      return Boolean(self.searchStatus) &&
        self.searchStatus(self.inputValue()) === 'pending';
    }

    self.on('initialize', function () {
      region = document.createElement('div');
      region.id = self.input.id + '-status';
      region.className = 'keywordwidget-status';
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      // Made now, before it says anything, so that screen readers listen.
      self.wrapper.after(region);
    });

    self.on('focus', function () {
      countOwed = self.inputValue() === '' && searching();
    });

    // What was said is over once the user types on.
    self.on('type', function () {
      countOwed = searching();
      if (countOwed) {
        self.announce('');
      } else {
        sayCount();
      }
    });

    self.hook('after', 'refreshOptions', function () {
      if (countOwed && !searching()) {
        countOwed = false;
        sayCount();
      }
    });
  });
}(formlibKeywordwidget));
