"""The keywords of a List are put in order by the keyboard or the mouse,
and stored in that order; a Set's are not."""
from playwright.sync_api import expect

from formlib.keywordwidget.tests.browser import BrowserTestCase
from formlib.keywordwidget.tests.terms import stored


class OrderTestCase(BrowserTestCase):

    def setUp(self):
        super().setUp()
        self.article.keywords = ['Python', 'Zope', 'Plone']
        self.open('/article/@@edit')
        self.box = self.combobox('Keywords')
        self.status = self.page.locator('#form\\.keywords-status')

    def remove_button(self, keyword):
        return self.page.get_by_role('button', name='Remove %s' % keyword)

    def chip(self, keyword):
        return self.page.locator(
            '.ts-wrapper:has(#form\\.keywords-ts-control) .item'
            '[data-value="%s"]' % stored(keyword)[0])


class KeyboardOrderTests(OrderTestCase):

    def test_ctrl_or_alt_and_an_arrow_move_the_keyword(self):
        self.box.focus()
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Control+ArrowLeft')
        self.assertItems('keywords', stored('Python', 'Plone', 'Zope'))
        # The moved keyword keeps the focus, and is said where it went.
        expect(self.remove_button('Plone')).to_be_focused()
        expect(self.status).to_have_text('Moved Plone to position 2 of 3.')
        self.page.keyboard.press('Alt+ArrowLeft')
        self.assertItems('keywords', stored('Plone', 'Python', 'Zope'))
        expect(self.status).to_have_text('Moved Plone to position 1 of 3.')
        # Nowhere further to go.
        self.page.keyboard.press('Control+ArrowLeft')
        self.assertItems('keywords', stored('Plone', 'Python', 'Zope'))
        self.page.keyboard.press('Control+ArrowRight')
        self.assertItems('keywords', stored('Python', 'Plone', 'Zope'))
        self.assertEqual([], self.blocking_violations())
        self.apply()
        self.assertEqual(['Python', 'Plone', 'Zope'],
                         list(self.article.keywords))

    def test_ctrl_home_and_end_move_to_the_first_and_last_place(self):
        self.box.focus()
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Control+Home')
        self.assertItems('keywords', stored('Plone', 'Python', 'Zope'))
        self.page.keyboard.press('Control+End')
        self.assertItems('keywords', stored('Python', 'Zope', 'Plone'))
        expect(self.status).to_have_text('Moved Plone to position 3 of 3.')
        expect(self.remove_button('Plone')).to_be_focused()

    def test_keys_without_ctrl_or_alt_still_go_from_chip_to_chip(self):
        self.box.focus()
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Control+Home')
        self.page.keyboard.press('ArrowRight')
        expect(self.remove_button('Python')).to_be_focused()
        self.page.keyboard.press('End')
        expect(self.remove_button('Zope')).to_be_focused()
        self.page.keyboard.press('Home')
        self.page.keyboard.press('Delete')
        self.assertItems('keywords', stored('Python', 'Zope'))
        expect(self.remove_button('Python')).to_be_focused()
        self.apply()
        self.assertEqual(['Python', 'Zope'], list(self.article.keywords))

    def test_new_order_comes_back_going_back(self):
        self.box.focus()
        self.page.keyboard.press('ArrowLeft')
        self.page.keyboard.press('Control+Home')
        self.page.goto(self.layer.url + '/article/@@display')
        self.page.go_back()
        self.page.wait_for_load_state()
        self.assertItems('keywords', stored('Plone', 'Python', 'Zope'))
        self.apply()
        self.assertEqual(['Plone', 'Python', 'Zope'],
                         list(self.article.keywords))


class MouseOrderTests(OrderTestCase):

    def drag(self, keyword, to_keyword, side):
        """Drag the chip of `keyword` by its text onto the left or right
        `side` of the chip of `to_keyword`."""
        target = self.chip(to_keyword)
        width = target.bounding_box()['width']
        self.chip(keyword).drag_to(
            target, source_position={'x': 8, 'y': 8},
            target_position={'x': 2 if side == 'left' else width - 2,
                             'y': 8})

    def test_dragged_keyword_goes_where_it_is_dropped(self):
        self.drag('Plone', 'Python', 'left')
        self.assertItems('keywords', stored('Plone', 'Python', 'Zope'))
        expect(self.status).to_have_text('Moved Plone to position 1 of 3.')
        self.drag('Plone', 'Zope', 'right')
        self.assertItems('keywords', stored('Python', 'Zope', 'Plone'))
        expect(self.status).to_have_text('Moved Plone to position 3 of 3.')
        # Dropped where it was: nothing moves.
        self.drag('Python', 'Zope', 'left')
        self.assertItems('keywords', stored('Python', 'Zope', 'Plone'))
        self.apply()
        self.assertEqual(['Python', 'Zope', 'Plone'],
                         list(self.article.keywords))

    def test_click_on_a_keyword_moves_nothing(self):
        self.chip('Zope').click(position={'x': 8, 'y': 8})
        self.assertItems('keywords', stored('Python', 'Zope', 'Plone'))
        expect(self.status).to_have_text('')


class SetTests(BrowserTestCase):
    """A Set has no order to change."""

    def test_keywords_of_a_set_stay_in_place(self):
        self.article.categories = frozenset(['news', 'howto'])
        self.open('/article/@@edit')
        self.combobox('Categories').focus()
        self.page.keyboard.press('ArrowLeft')
        before = self.page.locator(
            '.ts-wrapper:has(#form\\.categories-ts-control) .item'
        ).evaluate_all('items => items.map(item => item.dataset.value)')
        self.page.keyboard.press('Control+Home')
        self.page.keyboard.press('Alt+ArrowLeft')
        self.assertItems('categories', before)
        expect(self.page.locator('#form\\.categories-status')).to_have_text(
            '')
