"""Measure pasting a column of keywords and update docs/performance.rst.

Usage: ``make bench``, or ``.venv/bin/python benchmarks/paste.py
--help``.
"""
import pathlib
import sys

from keywordwidget_benchmarks.paste import main


DOCS = pathlib.Path(__file__).resolve().parent.parent / 'docs'

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['--docs', str(DOCS)]))
