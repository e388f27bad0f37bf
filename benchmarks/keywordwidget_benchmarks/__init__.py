"""Benchmarks of formlib.keywordwidget against zope.formlib's stock widgets."""
