/* What the enhancement's scripts share: keywords tidied and compared as the
 * server does, messages filled in and shown, and what a page may set
 * (formlibKeywordwidget.searchTimeout).
 */
var formlibKeywordwidget = (function () {
  'use strict';

  // Python's whitespace, which the server collapses; JavaScript's \s
  // differs in a few characters.
  var SPACES = new RegExp(
    '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a' +
    '\\u2028\\u2029\\u202f\\u205f\\u3000]+', 'g');
  // Characters the server drops from typed keywords (normalize.UNWANTED):
  // controls, and the bidi embeddings, overrides and isolates.
  var UNWANTED = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
  // Nothing visible left: spaces, format characters (zero-width...) and
  // other default-ignorable ones (variation selectors, fillers...).
  var INVISIBLE = /^[ \p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;
  // Shown as nothing: spellings that differ only in these (a soft hyphen,
  // a zero-width space) are one keyword (normalize.DEFAULT_IGNORABLE).
  var IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
  var DOTLESS_I = '\u0131';
  var FINAL_SIGMA = /\u03c2/g;
  var SMALL_CHEROKEE = /[\u13f8-\u13fd\uab70-\uabbf]/g;
  var PLACEHOLDER = /\$\{(\w+)\}/g;
  // Keywords said by name in one message at most.
  var MOST_NAMED = 5;

  function collapse(text) {
    return text.replace(SPACES, ' ').replace(/^ | $/g, '');
  }

  // What the user typed, tidied as the server will (normalize.normalize):
  // NFC, each run of whitespace one space, trimmed, without controls and
  // bidi formatting; empty if nothing visible is left.
  function tidy(text) {
    var tidied = collapse(text.normalize('NFC')).replace(UNWANTED, '');
    tidied = collapse(tidied);
    return INVISIBLE.test(tidied) ? '' : tidied;
  }

  // The key under which the server takes two spellings for one keyword
  // (normalize.fold): tidied, without what is shown as nothing, and
  // Python's casefold, which JavaScript lacks.  Lower, upper and lower
  // case again fold as casefold does, ß to ss included; but casefold keeps
  // ı and capital Cherokee, and has no final sigma.
  function fold(text) {
    var visible = collapse(tidy(text).replace(IGNORABLE, ''));
    return visible.split(DOTLESS_I).map(function (part) {
      return part.toLowerCase().toUpperCase().toLowerCase()
        .replace(FINAL_SIGMA, '\u03c3')
        .replace(SMALL_CHEROKEE, function (letter) {
          return letter.toUpperCase();
        });
    }).join(DOTLESS_I);
  }

  // A message with its ${name} placeholders filled in from `mapping`.
  function fill(message, mapping) {
    return message.replace(PLACEHOLDER, function (placeholder, name) {
      return mapping.hasOwnProperty(name) ? mapping[name] : placeholder;
    });
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (char) {
      return '&#' + char.charCodeAt(0) + ';';
    });
  }

  // A keyword as markup, isolated: its direction (Hebrew runs right to
  // left) neither takes nor gives the punctuation around it.
  function isolate(text, escape) {
    return '<bdi>' + escape(text) + '</bdi>';
  }

  // Keywords a message says by name, or as a number (`counted`, a message
  // with ${count}) where there are more than a listener takes in: a pasted
  // column of 2,000 is "2000 keywords".
  function listed(keywords, counted) {
    if (keywords.length > MOST_NAMED) {
      return fill(counted, {count: String(keywords.length)});
    }
    return keywords.join(', ');
  }

  // A message as markup: escaped, each keyword filled in isolated.
  function fillMarkup(message, mapping, escape) {
    return message.split(/(\$\{\w+\})/).map(function (part) {
      var name = /^\$\{(\w+)\}$/.exec(part);
      if (name && mapping.hasOwnProperty(name[1])) {
        return isolate(mapping[name[1]], escape);
      }
      return escape(part);
    }).join('');
  }

  // A message in the dropdown, whose listbox holds nothing but options: an
  // option that cannot be chosen.
  function message(className, markup) {
    return '<div class="' + className + '" role="option"' +
      ' aria-disabled="true">' + markup + '</div>';
  }

  return {
    // Milliseconds a search may take before it counts as failed.
    searchTimeout: 10000,
    // Milliseconds a search waits for the next keystroke: a burst of keys
    // (a fast typist, a held key) is searched once, at its end.
    searchDelay: 50,
    tidy: tidy,
    fold: fold,
    fill: fill,
    // Keywords said by name in one message at most (listed).
    mostNamed: MOST_NAMED,
    listed: listed,
    escape: escape,
    isolate: isolate,
    fillMarkup: fillMarkup,
    message: message
  };
}());
