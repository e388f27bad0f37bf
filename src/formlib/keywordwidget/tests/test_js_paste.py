"""A pasted list, as copied from a spreadsheet's column: one keyword a
line, tidied and taken once, as the server takes typed lines."""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.browser import HeldSearches
from formlib.keywordwidget.tests.terms import stored


# A column as spreadsheets copy it (CRLF, a last line end), with what
# people paste along: spaces, an empty and an invisible line, a cell of a
# second column, controls, twins in other cases and Unicode forms.
COLUMN = ('Flask\r\n  Smith,   John \r\n\r\n\u200b\r\nzu\u0308rich\tZH\r\n'
          'FLASK\r\nZ\u00fcrich ZH\r\nbell\x07\u202e ring\r\npython\r\n')


class PasteTestCase(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.context.grant_permissions(['clipboard-read', 'clipboard-write'])

    def paste(self, box, text):
        """Paste `text` into `box` from the keyboard."""
        box.focus()
        self.page.evaluate('text => navigator.clipboard.writeText(text)', text)
        box.press('Control+V')

    def status(self, field):
        return self.page.locator('#form\\.%s-status' % field)


class PasteTests(PasteTestCase):

    def test_each_line_is_a_keyword(self):
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        self.paste(box, 'Flask\nPython\nSmith, John\n')
        self.assertItems('tags', ['new:Flask', 'Python', 'new:Smith, John'])
        expect(box).to_have_value('')
        expect(self.status('tags')).to_have_text(
            'Added Flask, Python, Smith, John.')
        self.apply()
        self.assertEqual(['Flask', 'Python', 'Smith, John'],
                         list(self.article.tags))

    def test_lines_are_tidied_and_taken_once_as_the_server_does(self):
        # The same column typed without JavaScript is what the server makes
        # of it.
        without = self.layer.browser.new_context(java_script_enabled=False)
        self.addCleanup(without.close)
        page = without.new_page()
        page.goto(self.layer.url + '/article/@@edit-tagging')
        page.locator('#form\\.labels\\.new').fill(COLUMN)
        with page.expect_navigation():
            page.get_by_role('button', name='Apply').click()
        by_the_server = set(self.article.labels)
        self.assertEqual(
            {'Flask', 'Smith, John', 'z\u00fcrich ZH', 'bell ring', 'Python'},
            by_the_server)
        self.article.labels = frozenset()
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Labels'), COLUMN)
        self.assertItems('labels', [
            'new:Flask', 'new:Smith, John', 'new:z\u00fcrich ZH',
            'new:bell ring', 'new:python'])
        self.apply()
        self.assertEqual(by_the_server, set(self.article.labels))

    def test_lines_differing_in_a_soft_hyphen_are_one_keyword(self):
        # The server takes "Sonne" and "Son\xadne" for one keyword.
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Tags'), 'Sonne\nSon\u00adne\n')
        self.assertItems('tags', ['new:Sonne'])
        expect(self.status('tags')).to_have_text('Added Sonne.')

    def test_text_around_the_caret_joins_the_lines(self):
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        box.press_sequentially('Py')
        self.paste(box, 'thon\nZope')
        self.assertItems('tags', ['Python', 'Zope'])
        expect(box).to_have_value('')

    def test_one_line_is_pasted_into_the_box(self):
        self.open('/article/@@edit-tagging')
        box = self.combobox('Tags')
        self.paste(box, 'Pyth')
        expect(box).to_have_value('Pyth')
        expect(self.options('tags')).to_have_text(['Add Pyth', 'Python'])
        self.assertItems('tags', [])

    def test_chosen_keywords_are_not_added_twice(self):
        self.article.keywords = ['Python']
        self.open('/article/@@edit')
        self.paste(self.combobox('Keywords'), 'PYTHON\nZope\n')
        self.assertItems('keywords', stored('Python') + ['Zope'])
        expect(self.status('keywords')).to_have_text(
            'Added Zope. \u201cPython\u201d is already chosen.')

    def test_closed_field_keeps_unknown_lines_for_the_server(self):
        self.open('/article/@@edit')
        self.paste(self.combobox('Keywords'), 'zope\nFlask\npython\nBottle\n')
        self.assertItems('keywords', ['Zope', 'Python'])
        typed = self.page.locator('#form\\.keywords\\.new')
        expect(typed).to_be_visible()
        expect(typed).to_have_value('Flask\nBottle')
        note = ('Not available for selection: \u201cFlask\u201d,'
                ' \u201cBottle\u201d')
        expect(self.page.locator(
            '#form\\.keywords-typed-note')).to_have_text(note)
        expect(self.status('keywords')).to_have_text(
            'Added Zope, Python. ' + note)
        self.assertEqual([], self.blocking_violations())


class LatePasteTests(PasteTestCase):
    """Searches held back (HeldSearches) until after the paste."""

    def test_late_answer_changes_nothing_pasted(self):
        searches = HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        box = self.combobox('Labels')
        box.press_sequentially('pyth')
        searches.wait_for('pyth')
        box.press('Control+a')
        self.paste(box, 'Flask\nDjango\n')
        self.assertItems('labels', ['new:Flask', 'new:Django'])
        searches.wait_for_abort('pyth')
        searches.answer('pyth')
        expect(box).to_have_value('')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_count(0)
        box.press_sequentially('zur')
        searches.answer('zur')
        expect(self.page.locator(
            '#form\\.labels-ts-dropdown .option')).to_have_text(
                ['Z\u00fcrich'])
        box.press('Enter')
        self.assertItems('labels', ['new:Flask', 'new:Django', 'special-5'])
        self.apply()
        self.assertEqual({'Flask', 'Django', 'Z\u00fcrich'},
                         set(self.article.labels))

    def test_closed_large_field_leaves_pasted_lines_to_the_server(self):
        HeldSearches(self.page)
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Subjects'), 'z\u00fcrich\nsmith, john\n')
        expect(self.page.locator('#form\\.subjects\\.new')).to_have_value(
            'z\u00fcrich\nsmith, john')
        # Unsearched, they may be keywords or not: the widget says so.
        expect(self.status('subjects')).to_have_text(
            'Kept as typed, to be checked when saving:'
            ' \u201cz\u00fcrich\u201d, \u201csmith, john\u201d')
        self.apply()
        self.assertEqual(['Z\u00fcrich', 'Smith, John'],
                         list(self.article.subjects))

    def test_closed_large_field_says_in_german_what_it_kept(self):
        HeldSearches(self.page)
        self.page.set_extra_http_headers({'Accept-Language': 'de'})
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Subjects'), 'z\u00fcrich\nsmith, john\n')
        expect(self.status('subjects')).to_have_text(
            'Wie eingegeben behalten, wird beim Speichern gepr\u00fcft:'
            ' \u201cz\u00fcrich\u201d, \u201csmith, john\u201d')


class ChosenAsLinesPasteTests(PasteTestCase):
    """Over 100 chosen keywords are lines of the textarea."""

    def test_line_pasted_that_is_chosen_as_a_line_keeps_its_place(self):
        subjects = ['Subject %05d' % number for number in range(101)]
        subjects.insert(50, 'Zope')
        self.article.subjects = subjects
        self.open('/article/@@edit-tagging')
        self.paste(self.combobox('Subjects'), 'zope\nSUBJECT 00003\n')
        self.assertItems('subjects', [])
        expect(self.status('subjects')).to_have_text(
            '\u201cZope\u201d is already chosen.'
            ' \u201cSubject 00003\u201d is already chosen.')
        expect(self.page.locator('#form\\.subjects\\.new')).to_have_value(
            '\n'.join(subjects))
        self.apply()
        self.assertEqual(subjects, list(self.article.subjects))


# A spreadsheet's column of 2,000 keywords.
LONG_COLUMN = ['Keyword %04d' % number for number in range(2000)]


class LongColumnTests(PasteTestCase):
    """A column of thousands is taken in one go (the speed is measured by
    benchmarks/paste.py)."""

    def paste_long_column(self, field, column=LONG_COLUMN):
        box = self.combobox(field)
        box.focus()
        self.page.evaluate('text => navigator.clipboard.writeText(text)',
                           '\r\n'.join(column) + '\r\n')
        # Until the page is responsive again: it froze for minutes when
        # each line went in on its own.
        box.press('Control+V', timeout=10000)
        return box

    def items(self, field):
        return self.page.locator(
            '.ts-wrapper:has(#form\\.%s-ts-control) .ts-control > .item'
            % field)

    def test_a_column_of_2000_lines_is_chosen_and_saved(self):
        self.open('/article/@@edit-tagging')
        self.paste_long_column('Labels')
        expect(self.items('labels')).to_have_count(2000)
        expect(self.status('labels')).to_have_text('Added 2000 keywords.')
        self.apply()
        self.assertEqual(set(LONG_COLUMN), set(self.article.labels))
        # Hundreds chosen are lines of the textarea when the page is
        # rendered again, with JavaScript too.
        expect(self.page.locator('#form\\.labels\\.new')).to_have_value(
            '\n'.join(sorted(LONG_COLUMN)))
        expect(self.items('labels')).to_have_count(0)

    def test_a_column_pasted_twice_says_how_many_are_chosen(self):
        self.open('/article/@@edit-tagging')
        self.paste_long_column('Labels')
        expect(self.status('labels')).to_have_text('Added 2000 keywords.')
        self.paste_long_column('Labels', [
            line.upper() for line in LONG_COLUMN] + ['Flask'])
        expect(self.items('labels')).to_have_count(2001)
        expect(self.status('labels')).to_have_text(
            'Added Flask. 2000 keywords are already chosen.')

    def test_a_long_column_is_counted_in_german(self):
        self.page.set_extra_http_headers({'Accept-Language': 'de'})
        self.open('/article/@@edit-tagging')
        self.paste_long_column('Labels', LONG_COLUMN[:6])
        expect(self.status('labels')).to_have_text(
            '6 Schlagw\u00f6rter hinzugef\u00fcgt.')
        self.paste_long_column('Labels', LONG_COLUMN[:6])
        expect(self.status('labels')).to_have_text(
            '6 Schlagw\u00f6rter sind bereits gew\u00e4hlt.')

    def test_a_long_column_of_unknown_lines_on_a_closed_field(self):
        self.open('/article/@@edit-tagging')
        self.paste_long_column('Subjects')
        expect(self.page.locator('#form\\.subjects\\.new')).to_have_value(
            '\n'.join(LONG_COLUMN))
        expect(self.status('subjects')).to_have_text(
            'Kept as typed, to be checked when saving: 2000 keywords')
