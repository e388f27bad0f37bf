"""Run the benchmarks and update docs/performance.rst and its plot.

Usage: ``make bench``, or ``.venv/bin/python benchmarks/run.py --help``.
"""
import pathlib
import sys

from keywordwidget_benchmarks.report import main


DOCS = pathlib.Path(__file__).resolve().parent.parent / 'docs'

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:] or ['--docs', str(DOCS)]))
