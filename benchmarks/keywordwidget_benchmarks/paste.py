"""Pasting a spreadsheet's column: the demo's Keywords field in headless
Chromium.

``python benchmarks/paste.py`` (part of ``make bench``) builds the demo as
``make demo`` does, pastes columns of new keywords, one a line, into the
empty Keywords field of ``/article/@@edit`` as an editor, and times each
from the paste until the browser's next frame, its chips shown.  It prints
the results and writes them into docs/performance.rst.
"""
import sys

from keywordwidget_benchmarks.keystrokes import demo_page


SIZES = (100, 500, 2000)
GOAL_LINES = 2000
GOAL = 2.0
EDIT_PATH = '/article/@@edit'
SELECT_ID = 'form.keywords'

# Pastes `text` into the field's box as a browser does, and resolves with
# the milliseconds until the frame after it, and the chips then chosen.
PASTE = '''([id, text]) => {
    const tomselect = document.getElementById(id).tomselect;
    tomselect.clear(true);
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const start = performance.now();
    tomselect.control_input.dispatchEvent(new ClipboardEvent(
        'paste', {clipboardData: data, bubbles: true, cancelable: true}));
    return new Promise((resolve) => requestAnimationFrame(
        () => setTimeout(() => resolve({
            ms: performance.now() - start,
            chips: tomselect.items.length,
        }))));
}'''


def column(lines):
    """A column as a spreadsheet copies it: CRLF, a last line end."""
    return ''.join('Pasted keyword %05d\r\n' % number
                   for number in range(lines))


def measure(page, url, sizes=SIZES):
    """Seconds from pasting a column of each size to the next frame."""
    page.goto(url + EDIT_PATH)
    page.wait_for_selector('.keywordwidget-enhanced', state='attached')
    page.locator('#form\\.keywords-ts-control').focus()
    results = []
    for lines in sizes:
        timing = page.evaluate(PASTE, [SELECT_ID, column(lines)])
        if timing['chips'] != lines:
            raise AssertionError('%d lines pasted gave %d chips' % (
                lines, timing['chips']))
        results.append({'lines': lines, 'seconds': timing['ms'] / 1000})
    return results


def goals(results):
    seconds = {result['lines']: result['seconds'] for result in results}
    if GOAL_LINES not in seconds:
        return []
    return [(seconds[GOAL_LINES] < GOAL,
             'pasting a column of %s keywords < %.0f s (%.2f s)' % (
                 format(GOAL_LINES, ','), GOAL, seconds[GOAL_LINES]))]


def rst_report(results):
    lines = [
        '**Pasting a column of new keywords in headless Chromium**', '',
        '+-------+---------+',
        '| lines | seconds |',
        '+=======+=========+']
    for result in results:
        lines.append('| %5d | %7.2f |' % (result['lines'],
                                          result['seconds']))
        lines.append('+-------+---------+')
    lines += ['', '**Goals**', '']
    lines.extend('- %s: %s' % ('PASS' if passed else 'FAIL', text)
                 for passed, text in goals(results))
    return '\n'.join(lines)


MARKERS = ('.. begin paste results (written by make bench)',
           '.. end paste results')


def main(argv):
    import argparse
    import os

    from formlib.keywordwidget.demo.site import ARTICLES
    from keywordwidget_benchmarks.report import update_page
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--lines', type=int, nargs='+', default=SIZES)
    parser.add_argument('--articles', type=int, default=ARTICLES)
    parser.add_argument('--docs', help='docs folder to update')
    arguments = parser.parse_args(argv)
    print('measuring pasted columns', file=sys.stderr)
    with demo_page(arguments.articles) as (page, url):
        results = measure(page, url, arguments.lines)
    report = rst_report(results)
    print(report)
    if arguments.docs:
        update_page(os.path.join(arguments.docs, 'performance.rst'),
                    report, MARKERS)
    return 0 if all(passed for passed, _text in goals(results)) else 1
