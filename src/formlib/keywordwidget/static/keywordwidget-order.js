/* Tom Select plugin keywordwidget_order: the chosen keywords of a field
 * that keeps their order (a List, not a Set) are moved by the keyboard or
 * the mouse (options: messages).
 *
 * On a chip (keywordwidget-chips.js), Ctrl or Alt with ArrowLeft or
 * ArrowRight moves it one place, in the text's direction, with Home or End
 * to the first or last place; the chip keeps the focus.  The mouse drags a
 * chip to its place.  Each move is said ("Moved X to position 2 of 4."),
 * and the new order is posted, and stored.
 */
(function (kw) {
  'use strict';

  // Pixels the pointer goes before a press on a chip becomes a drag.
  var DRAG_DISTANCE = 5;

  TomSelect.define('keywordwidget_order', function (options) {
    var self = this;
    var labelField = self.settings.labelField;
    // The chip being dragged: the chip, where the press was, whether it
    // moves yet.
    var drag = null;
    // A drag ends in a click, which is no click on the widget.
    var dragEnded = false;

    function chips() {
      return self.controlChildren();
    }

    // The chip at `from` goes to `to`; the chips in between step aside,
    // so that it keeps the focus.
    function place(from, to) {
      var all = chips();
      var chip = all[from];
      if (to < from) {
        chip.after.apply(chip, all.slice(to, from));
      } else {
        chip.before.apply(chip, all.slice(from + 1, to + 1));
      }
      self.items.splice(to, 0, self.items.splice(from, 1)[0]);
    }

    // The order is posted; the user hears where the keyword went.
    function moved(chip) {
      var all = chips();
      self.updateOriginalInput();
      self.announce(kw.fill(options.messages.moved, {
        keyword: self.options[chip.dataset.value][labelField],
        position: String(all.indexOf(chip) + 1),
        count: String(all.length)}));
    }

    function onKey(event) {
      var button = event.target.closest('.remove');
      if (!button || !(event.ctrlKey || event.altKey) || event.metaKey ||
          event.shiftKey || self.isLocked) {
        return;
      }
      var chip = button.closest('[data-ts-item]');
      var from = chips().indexOf(chip);
      var last = chips().length - 1;
      var back = self.rtl ? 'ArrowRight' : 'ArrowLeft';
      var forth = self.rtl ? 'ArrowLeft' : 'ArrowRight';
      var targets = {Home: 0, End: last};
      targets[back] = Math.max(0, from - 1);
      targets[forth] = Math.min(last, from + 1);
      if (!targets.hasOwnProperty(event.key)) {
        return;
      }
      event.preventDefault();
      if (targets[event.key] !== from) {
        place(from, targets[event.key]);
        moved(chip);
      }
    }

    // Where the dragged chip goes for the pointer at (x, y): before the
    // first other chip the pointer is before, in reading order; or last.
    function dropIndex(x, y) {
      var others = chips().filter(function (chip) {
        return chip !== drag.chip;
      });
      var index = others.findIndex(function (chip) {
        var box = chip.getBoundingClientRect();
        var middle = box.left + box.width / 2;
        return y < box.top ||
          (y <= box.bottom && (self.rtl ? x > middle : x < middle));
      });
      return index < 0 ? others.length : index;
    }

    function onPointerDown(event) {
      var chip = event.target.closest('[data-ts-item]');
      dragEnded = false;
      if (event.button !== 0 || !chip || event.target.closest('.remove') ||
          self.isLocked) {
        return;
      }
      drag = {chip: chip, x: event.clientX, y: event.clientY,
              from: chips().indexOf(chip), moving: false};
    }

    function onPointerMove(event) {
      if (!drag) {
        return;
      }
      if (!drag.moving) {
        if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) <
            DRAG_DISTANCE) {
          return;
        }
        drag.moving = true;
        drag.chip.classList.add('keywordwidget-dragged');
        self.control.setPointerCapture(event.pointerId);
      }
      // Over the dragged chip itself nothing moves: chips of different
      // widths would swap back and forth.
      var box = drag.chip.getBoundingClientRect();
      if (event.clientX >= box.left && event.clientX <= box.right &&
          event.clientY >= box.top && event.clientY <= box.bottom) {
        return;
      }
      var from = chips().indexOf(drag.chip);
      var to = dropIndex(event.clientX, event.clientY);
      if (to !== from) {
        place(from, to);
      }
    }

    function onPointerUp() {
      var ended = drag;
      drag = null;
      if (!ended || !ended.moving) {
        return;
      }
      dragEnded = true;
      ended.chip.classList.remove('keywordwidget-dragged');
      if (chips().indexOf(ended.chip) !== ended.from) {
        moved(ended.chip);
      }
    }

    self.on('initialize', function () {
      var control = self.control;
      control.addEventListener('keydown', onKey);
      control.addEventListener('pointerdown', onPointerDown);
      control.addEventListener('pointermove', onPointerMove);
      control.addEventListener('pointerup', onPointerUp);
      control.addEventListener('pointercancel', onPointerUp);
      control.addEventListener('click', function (event) {
        if (dragEnded) {
          dragEnded = false;
          event.stopPropagation();
          event.preventDefault();
        }
      }, true);
    });
  });
}(formlibKeywordwidget));
