# The metadata lives in pyproject.toml; this file keeps `setup.py develop`
# (and so buildout) working.
from setuptools import setup


setup()
