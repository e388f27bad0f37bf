"""The enhanced widget for everyone: phones, screen readers, keyboards and
right-to-left text."""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.terms import stored


# One word of 60 characters, as long as the demo's keywords may be.
LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis' + 'x' * 15
OTHER_LONG_WORD = 'Hippopotomonstrosesquippedaliophobia' + 'y' * 24
HEBREW = '\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd!'


class PhoneWidthTests(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.page.set_viewport_size({'width': 375, 'height': 640})
        self.article.tags = ['Python', LONG_WORD]
        self.open('/article/@@edit-tagging')
        self.control = self.page.locator(
            '.ts-wrapper:has(#form\\.tags-ts-control) .ts-control')
        self.chip = self.control.locator('.item').nth(1)

    def test_long_keyword_stays_inside_the_control(self):
        control, chip = self.control.bounding_box(), self.chip.bounding_box()
        self.assertLessEqual(
            chip['x'] + chip['width'], control['x'] + control['width'])
        # All of it can be read.
        self.assertEqual(LONG_WORD, self.chip.locator('bdi').inner_text())
        self.assertTrue(self.chip.locator('bdi').evaluate(
            'text => text.scrollWidth <= text.clientWidth'))

    def test_remove_button_of_a_long_keyword_is_on_screen(self):
        button = self.page.get_by_role(
            'button', name='Remove %s' % LONG_WORD)
        box = button.bounding_box()
        self.assertLessEqual(box['x'] + box['width'], 375)
        button.click()
        self.assertItems('tags', stored('Python'))

    def test_long_new_keyword_fits_in_the_dropdown(self):
        self.combobox('Tags').press_sequentially(OTHER_LONG_WORD)
        create = self.page.locator('#form\\.tags-ts-dropdown .create')
        box = create.bounding_box()
        self.assertLessEqual(box['x'] + box['width'], 375)
        self.assertTrue(create.evaluate(
            'create => create.scrollWidth <= create.clientWidth'))

    def test_phone_width_has_no_serious_violations(self):
        self.assertEqual([], self.blocking_violations())


class ScreenReaderTests(BrowserTestCase):
    """What Chromium's accessibility tree, which screen readers read,
    holds."""

    def accessible_nodes(self, role):
        session = self.context.new_cdp_session(self.page)
        tree = session.send('Accessibility.getFullAXTree')
        return [
            node.get('name', {}).get('value')
            for node in tree['nodes']
            if not node.get('ignored')
            and node.get('role', {}).get('value') == role]

    def test_each_field_is_met_once(self):
        self.article.tags = ['Python']
        self.open('/article/@@edit-tagging')
        self.assertEqual(['Tags', 'Subjects', 'Labels'],
                         self.accessible_nodes('combobox'))
        # No second, hidden list of the keywords.
        self.assertEqual([], self.accessible_nodes('listbox'))
        self.assertEqual([], self.accessible_nodes('option'))

    def test_hidden_select_still_posts(self):
        self.article.tags = ['Python']
        self.open('/article/@@edit-tagging')
        self.type('tags', 'zo', ['Add zo', 'Zope'], active='Zope').press(
            'Enter')
        self.apply()
        self.assertEqual(['Python', 'Zope'], list(self.article.tags))


class KeyboardChipTests(BrowserTestCase):
    """Every chosen keyword can be reached and removed from the keyboard."""

    def setUp(self):
        super().setUp()
        self.article.keywords = ['Python', 'Zope', 'Plone']
        self.open('/article/@@edit')
        self.box = self.combobox('Keywords')
        self.box.focus()

    def remove_button(self, keyword):
        return self.page.get_by_role('button', name='Remove %s' % keyword)

    def test_arrow_left_moves_into_the_keywords(self):
        self.page.keyboard.press('ArrowLeft')
        expect(self.remove_button('Plone')).to_be_focused()
        self.page.keyboard.press('ArrowLeft')
        expect(self.remove_button('Zope')).to_be_focused()
        self.page.keyboard.press('Home')
        expect(self.remove_button('Python')).to_be_focused()
        self.page.keyboard.press('End')
        expect(self.remove_button('Plone')).to_be_focused()
        self.page.keyboard.press('ArrowRight')
        expect(self.box).to_be_focused()

    def test_delete_removes_a_keyword_in_the_middle(self):
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Delete')
        self.assertItems('keywords', stored('Python', 'Plone'))
        # Focus moves on to the next keyword.
        expect(self.remove_button('Plone')).to_be_focused()
        self.apply()
        self.assertEqual(['Python', 'Plone'], list(self.article.keywords))

    def test_backspace_and_enter_remove_too(self):
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Backspace')
        self.assertItems('keywords', stored('Python', 'Plone'))
        expect(self.remove_button('Python')).to_be_focused()
        self.page.keyboard.press('Enter')
        self.assertItems('keywords', stored('Plone'))
        expect(self.remove_button('Plone')).to_be_focused()
        self.page.keyboard.press('Space')
        self.assertItems('keywords', [])
        expect(self.box).to_be_focused()

    def test_typing_on_a_keyword_goes_to_the_box(self):
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Escape')
        expect(self.box).to_be_focused()
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.type('dj')
        expect(self.box).to_be_focused()
        expect(self.box).to_have_value('dj')

    def test_tab_from_a_keyword_goes_to_the_box_then_on(self):
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Tab')
        expect(self.box).to_be_focused()
        self.page.keyboard.press('Tab')
        expect(self.combobox('Categories')).to_be_focused()

    def test_focused_keyword_has_no_serious_violations(self):
        self.page.keyboard.press('ArrowLeft')
        self.assertEqual([], self.blocking_violations())


class RightToLeftTests(BrowserTestCase):
    """Each keyword's text is isolated: its punctuation stays its own."""

    def exclamation_is_left_of_the_text(self, locator):
        """Where "!" of HEBREW shows: left of its first letter, as in a
        right-to-left paragraph."""
        return locator.evaluate('''element => {
            const walker = document.createTreeWalker(
                element, NodeFilter.SHOW_TEXT);
            const rects = {};
            for (let node; (node = walker.nextNode());) {
                for (const [char, name] of [
                        ['!', 'mark'], ['\u05e9', 'first']]) {
                    const at = node.data.indexOf(char);
                    if (at >= 0) {
                        const range = document.createRange();
                        range.setStart(node, at);
                        range.setEnd(node, at + 1);
                        rects[name] = range.getBoundingClientRect().left;
                    }
                }
            }
            return rects.mark < rects.first;
        }''')

    def setUp(self):
        super().setUp()
        self.open('/article/@@edit-tagging')
        self.box = self.combobox('Tags')
        self.box.press_sequentially(HEBREW)

    def test_new_keyword_offer_isolates_the_keyword(self):
        create = self.page.locator('#form\\.tags-ts-dropdown .create')
        expect(create).to_have_text('Add %s' % HEBREW)
        self.assertTrue(self.exclamation_is_left_of_the_text(create))

    def test_typed_text_runs_right_to_left(self):
        self.assertTrue(self.box.evaluate('box => box.matches(":dir(rtl)")'))

    def test_chip_isolates_the_keyword(self):
        self.box.press('Enter')
        chip = self.page.locator(
            '.ts-wrapper:has(#form\\.tags-ts-control) .item')
        self.assertTrue(self.exclamation_is_left_of_the_text(chip))
        self.assertEqual([], self.blocking_violations())
        self.apply()
        self.assertEqual([HEBREW], list(self.article.tags))
