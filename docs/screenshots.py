"""Takes the screenshots in docs/screenshots/ with headless Chromium.

Run with ``make screenshots``: it serves the test app of
``formlib.keywordwidget.testing`` on 127.0.0.1 and drives Debian's Chromium.
"""
import os
import sys

from zope.configuration import xmlconfig

import formlib.keywordwidget.tests
from formlib.keywordwidget.testing import BrowserLayer


HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'screenshots')
DESKTOP = {'width': 900, 'height': 560}
PHONE = {'width': 375, 'height': 640}


def wait_for_options(page, field, count):
    page.wait_for_function(
        'count => document.querySelectorAll('
        '"#form\\\\.%s-ts-dropdown [role=option]").length === count' % field,
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


def without_javascript(page, layer):
    layer.root.article.tags = ['Python']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.tags\\.new').fill('Flask\nSmith, John')


def phone(page, layer):
    layer.root.article.tags = ['Python', 'Zope', 'Smith, John', 'Flask']
    page.goto(layer.url + '/article/@@edit-tagging')
    page.locator('#form\\.tags-ts-control').press_sequentially('py')
    wait_for_options(page, 'tags', 2)


SCENES = [
    # file name, scene, viewport, JavaScript on
    ('enhanced-edit.png', enhanced_edit, DESKTOP, True),
    ('create-new-keyword.png', create_new_keyword, DESKTOP, True),
    ('large-vocabulary-search.png', large_search, DESKTOP, True),
    ('without-javascript.png', without_javascript, DESKTOP, False),
    ('phone.png', phone, PHONE, True),
]


def main():
    xmlconfig.file('ftesting.zcml', package=formlib.keywordwidget.tests)
    layer = BrowserLayer((), 'Screenshots')
    layer.setUp()
    try:
        if layer.browser is None:
            sys.exit(layer.missing)
        for name, scene, viewport, javascript in SCENES:
            layer.root.reset()
            context = layer.browser.new_context(
                viewport=viewport, java_script_enabled=javascript)
            page = context.new_page()
            scene(page, layer)
            page.screenshot(path=os.path.join(HERE, name))
            context.close()
            print('wrote', os.path.join('docs', 'screenshots', name))
    finally:
        layer.tearDown()


if __name__ == '__main__':
    main()
