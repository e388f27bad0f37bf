/* Tom Select plugin keywordwidget_match: the dropdown offers only keywords
 * that match the text in the box, whatever the text.
 *
 * Tom Select reads some texts as no text, or as a query of its own syntax,
 * and then offers every keyword, the first one active for Enter: a run of
 * 16 equal characters (which it does not search, as its matching would
 * take ages), or a word starting "text:" (its syntax for searching the
 * field "text" for what follows).  Such texts are matched here, plainly:
 * each of their words is in the keyword, ignoring case and accents.  A
 * field whose search is the server's (keywordwidget-search.js) scores
 * keywords by its answer, for those texts too.
 */
(function (kw) {
  'use strict';

  var RUN = /(.)\1{15,}/u;
  var ACCENTS = /\p{M}/gu;

  function searchKey(text) {
    return kw.fold(text).normalize('NFD').replace(ACCENTS, '');
  }

  TomSelect.define('keywordwidget_match', function () {
    var self = this;
    var search = self.search;
    // Tom Select's syntax: a search field's name and a colon.
    var fieldSyntax = new RegExp('(^|\\s)(' +
      [].concat(self.settings.searchField).map(function (field) {
        return (field.field || field).replace(/\W/g, '\\$&');
      }).join('|') + '):');

    function misread(query) {
      return RUN.test(query) || fieldSyntax.test(query);
    }

    // Each word of `query` in the keyword: 1, else 0.
    function contains(query) {
      var words = searchKey(query).split(' ');
      return function (option) {
        var key = searchKey(option[self.settings.labelField]);
        return words.every(function (word) {
          return key.indexOf(word) >= 0;
        }) ? 1 : 0;
      };
    }

    // What Tom Select's search gives: the matches, best first, then in
    // their order; chosen keywords are not offered again.
    self.hook('instead', 'search', function (query) {
      if (!misread(query)) {
        return search.call(self, query);
      }
      var score = self.settings.score ?
        self.settings.score.call(self, query) : contains(query);
      var items = [];
      Object.keys(self.options).forEach(function (value) {
        var points = score(self.options[value]);
        if (points > 0 && !(self.settings.hideSelected &&
                             self.items.indexOf(value) >= 0)) {
          items.push({id: value, score: points});
        }
      });
      items.sort(function (one, other) {
        return other.score - one.score ||
          self.options[one.id].$order - self.options[other.id].$order;
      });
      self.lastQuery = query;
      self.currentResults = {query: query, tokens: [], items: items,
                             total: items.length};
      return self.currentResults;
    });
  });
}(formlibKeywordwidget));
