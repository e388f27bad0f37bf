"""Takes the screenshots in docs/screenshots/ with headless Chromium.

Run with ``make screenshots``: ``screenshots.py app`` serves the test app of
``formlib.keywordwidget.testing`` on 127.0.0.1, ``screenshots.py demo`` the
demo site in a real Zope (each needs a process of its own), and drives
Debian's Chromium; ``screenshots.py manager`` takes only the keyword
manager's.
"""
import os
import sys

from zope.configuration import xmlconfig

import formlib.keywordwidget.tests
from formlib.keywordwidget.testing import ZOPE_DEMO_LAYER
from formlib.keywordwidget.testing import BrowserLayer
from formlib.keywordwidget.testing import ZopeBrowserLayer


HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'screenshots')
DESKTOP = {'width': 900, 'height': 560}
PHONE = {'width': 375, 'height': 640}


def wait_for_options(page, field, count):
    """Wait until the dropdown offers `count` options (not messages)."""
    page.wait_for_function(
        'count => document.querySelectorAll("#form\\\\.%s-ts-dropdown'
        ' [role=option]:not([aria-disabled])").length === count' % field,
        arg=count)


def enhanced_edit(page, layer):
    layer.root.article.keywords = ['Python', 'Zope']
    layer.root.article.categories = frozenset(['news'])
    page.goto(layer.url + '/article/@@edit')
    page.locator('#form\\.keywords-ts-control').press_sequentially('p')
    wait_for_options(page, 'keywords', 2)


def create_new_keyword(page, layer):
    layer.root.article.tags = ['Python', 'Smith, John']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.tags-ts-control').press_sequentially('Flask')
    wait_for_options(page, 'tags', 1)


def large_search(page, layer):
    layer.root.article.subjects = ['Zope']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.subjects-ts-control').press_sequentially('python')
    wait_for_options(page, 'subjects', 4)


def refused_keyword(page, layer):
    """A save the server refused: the refused chip marked, in its place."""
    layer.root.article.tags = ['Python']
    page.goto(layer.url + '/article/@@edit-tagging')
    box = page.locator('#form\\.tags-ts-control')
    for text in ('Flask', 'A keyword far too long', 'zope'):
        box.press_sequentially(text)
        box.press('Enter')
    with page.expect_navigation():
        page.get_by_role('button', name='Apply').click()
    page.wait_for_selector('.keywordwidget-enhanced .item.refused')


def search_failed(page, layer):
    """A search the server could not answer: said, and Add still works."""
    page.route(lambda url: '/@@keywordwidget-search?' in url,
               lambda route: route.fulfill(status=500, body='Error'))
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.labels-ts-control').press_sequentially('pyth')
    page.wait_for_selector('#form\\.labels-ts-dropdown .search-failed')


def without_javascript(page, layer):
    layer.root.article.tags = ['Python']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.tags\\.new').fill('Flask\nSmith, John')


def phone(page, layer):
    layer.root.article.tags = [
        'Python', 'Zope', 'Smith, John',
        'Pneumonoultramicroscopicsilicovolcanoconiosis']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.tags-ts-control').press_sequentially('py')
    wait_for_options(page, 'tags', 2)


def demo_search(page, layer):
    page.goto(layer.url + '/article/@@edit')
    page.locator('#form\\.keywords-ts-control').press_sequentially('python t')
    # Keywords is open: "Add ..." is offered at once, the search answer
    # (in one piece) follows.
    page.wait_for_selector('#form\\.keywords-ts-dropdown .option')


def keyword_manager(page, layer):
    page.goto(layer.url + '/@@manage-keywords')
    duplicates = page.locator('.keywordmanager-duplicates')
    duplicates.get_by_label('Pyhton', exact=True).check()
    duplicates.get_by_label('python', exact=True).check()
    page.get_by_label('New keyword').fill('Python')


APP_SCENES = [
    # file name, scene, viewport, JavaScript on
    ('enhanced-edit.png', enhanced_edit, DESKTOP, True),
    ('create-new-keyword.png', create_new_keyword, DESKTOP, True),
    ('large-vocabulary-search.png', large_search, DESKTOP, True),
    ('refused-keyword.png', refused_keyword, DESKTOP, True),
    ('search-failed.png', search_failed, DESKTOP, True),
    ('without-javascript.png', without_javascript, DESKTOP, False),
    ('phone.png', phone, PHONE, True),
]


def most_used(page, layer):
    """The empty Keywords box: the site's most used keywords, counted."""
    page.goto(layer.url + '/article/@@edit')
    page.locator('#form\\.keywords-ts-control').focus()
    page.wait_for_selector('#form\\.keywords-ts-dropdown .keywordwidget-uses')


DEMO_SCENES = [
    ('demo-search.png', demo_search, {'width': 1000, 'height': 640}, True),
    ('most-used.png', most_used, {'width': 1000, 'height': 760}, True),
]
# Taken as the demo's admin, who may manage keywords.
MANAGER_SCENES = [
    ('keyword-manager.png', keyword_manager, {'width': 1000, 'height': 900},
     True),
]


def take(layer, scenes, credentials=None):
    layer.setUp()
    try:
        if layer.browser is None:
            sys.exit(layer.missing)
        for name, scene, viewport, javascript in scenes:
            context = layer.browser.new_context(
                viewport=viewport, java_script_enabled=javascript,
                http_credentials=credentials)
            page = context.new_page()
            scene(page, layer)
            page.screenshot(path=os.path.join(HERE, name))
            context.close()
            print('wrote', os.path.join('docs', 'screenshots', name))
    finally:
        layer.tearDown()


def reset_first(scene):
    """The scene, played on a fresh example article."""
    def reset_and_play(page, layer):
        layer.root.reset()
        scene(page, layer)
    return reset_and_play


def take_app():
    xmlconfig.file('ftesting.zcml', package=formlib.keywordwidget.tests)
    layer = BrowserLayer((), 'Screenshots')
    take(layer, [
        (name, reset_first(scene), viewport, javascript)
        for name, scene, viewport, javascript in APP_SCENES])


def take_demo(scenes=('demo', 'manager')):
    from formlib.keywordwidget.demo.site import ARTICLES

    # The demo's articles, as `make demo` builds them.
    ZOPE_DEMO_LAYER.articles = ARTICLES
    ZOPE_DEMO_LAYER.setUp()
    ZOPE_DEMO_LAYER.testSetUp()
    if 'demo' in scenes:
        take(ZopeBrowserLayer((), 'DemoScreenshots'), DEMO_SCENES,
             credentials={'username': 'editor', 'password': 'editor'})
    if 'manager' in scenes:
        take(ZopeBrowserLayer((), 'ManagerScreenshots'), MANAGER_SCENES,
             credentials={'username': 'admin', 'password': 'admin'})


if __name__ == '__main__':
    {'app': take_app, 'demo': take_demo,
     'manager': lambda: take_demo(['manager'])}[sys.argv[1]]()
