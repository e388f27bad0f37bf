/* Tom Select plugin keywordwidget_chips: the chosen keywords (options:
 * messages).  It brings Tom Select's remove_button plugin along.
 *
 * Each chip shows its keyword isolated (its direction stays its own), marks
 * a keyword that is unavailable or that the server refused, and has a
 * remove button named for its keyword.  From the keyboard: ArrowLeft in an
 * empty box moves to the last chip; ArrowLeft, ArrowRight, Home and End
 * move between chips, past the last back into the box; Delete, Backspace,
 * Enter or Space remove the chip, and the focus goes to its neighbour, or
 * back into the box; Escape and typing go back into the box.  Tab moves
 * on as from the box: chips are not tab stops of their own.  The same keys
 * with Ctrl or Alt are left to keywordwidget-order.js, which moves chips.
 */
(function (kw) {
  'use strict';

  // remove_button's `html` option: a real button, out of the tab order.
  function removeButton() {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'remove';
    button.tabIndex = -1;
    button.textContent = '\u00d7';
    return button;
  }

  // How the server marks a chosen keyword: 'unavailable', 'refused' or ''.
  // Kept with the option, so that it survives the option element.
  function statusOf(option) {
    if (option.status === undefined) {
      option.status = option.$option ? option.$option.className : '';
    }
    return option.status;
  }

  TomSelect.define('keywordwidget_chips', function (options) {
    var self = this;
    var labelField = self.settings.labelField;
    var chipWithFocus = null;

    self.plugins.settings.remove_button = {html: removeButton};
    self.require('remove_button');

    self.settings.render.item = function (data, escape) {
      var status = statusOf(data);
      return '<div' + (status ? ' class="' + escape(status) + '"' : '') +
        '>' + kw.isolate(data[labelField], escape) + '</div>';
    };

    self.hook('after', 'setupTemplates', function () {
      var renderItem = self.settings.render.item;
      self.settings.render.item = function (data, escape) {
        var item = renderItem.call(self, data, escape);
        var button = item.querySelector('.remove');
        var name = kw.fill(options.messages.remove,
                           {keyword: data[labelField]});
        button.setAttribute('aria-label', name);
        button.title = name;
        return item;
      };
    });

    function chips() {
      return self.controlChildren();
    }

    function focusChip(index) {
      chips()[index].querySelector('.remove').focus();
    }

    function removeChip(index, next, event) {
      var chip = chips()[index];
      if (self.isLocked || !self.shouldDelete([chip], event)) {
        return;
      }
      self.removeItem(chip);
      self.refreshOptions(false);
      self.inputState();
      var left = chips().length;
      if (left) {
        focusChip(Math.max(0, Math.min(next, left - 1)));
      } else {
        self.focus();
      }
    }

    function onChipKey(event) {
      var button = event.target.closest('.remove');
      // With Ctrl or Alt the keys move the chip (keywordwidget-order.js).
      if (!button || event.ctrlKey || event.altKey || event.metaKey) {
        return;
      }
      var index = chips().indexOf(button.closest('[data-ts-item]'));
      var last = chips().length - 1;
      var back = self.rtl ? 'ArrowRight' : 'ArrowLeft';
      var forth = self.rtl ? 'ArrowLeft' : 'ArrowRight';
      switch (event.key) {
      case back:
        focusChip(Math.max(0, index - 1));
        break;
      case forth:
        if (index < last) {
          focusChip(index + 1);
        } else {
          self.focus();
        }
        break;
      case 'Home':
        focusChip(0);
        break;
      case 'End':
        focusChip(last);
        break;
      case 'Backspace':
        removeChip(index, index - 1, event);
        break;
      case 'Delete':
      case 'Enter':
      case ' ':
        // The next chip moves into this one's place.
        removeChip(index, index, event);
        break;
      case 'Escape':
        self.focus();
        break;
      default:
        if (event.key.length === 1) {
          // The key types into the box.
          self.control_input.focus();
        }
        return;
      }
      event.preventDefault();
    }

    // Tom Select moves no caret among the chips: the focus moves instead.
    self.hook('instead', 'moveCaret', function (direction) {
      if (direction < 0 && self.items.length) {
        focusChip(chips().length - 1);
      }
    });

    self.on('initialize', function () {
      self.control.addEventListener('keydown', onChipKey);
      self.control.addEventListener('focusin', function (event) {
        chipWithFocus = event.target.closest('[data-ts-item]');
      });
    });

    // A chip removed by a click while it had the focus: the focus stays
    // in the widget.
    self.on('item_remove', function (_value, chip) {
      if (chip === chipWithFocus && document.activeElement === document.body) {
        self.focus();
      }
    });
  });
}(formlibKeywordwidget));
