"""The package's metadata claims what is tested."""
import configparser
import pathlib
import re
import tomllib
import unittest


ROOT = pathlib.Path(__file__).resolve().parents[4]


def classifiers():
    with open(ROOT / 'pyproject.toml', 'rb') as pyproject:
        return tomllib.load(pyproject)['project']['classifiers']


class MetadataTests(unittest.TestCase):

    def test_python_versions_claimed_are_those_tox_tests(self):
        tox = configparser.ConfigParser()
        tox.read(ROOT / 'tox.ini')
        tested = {
            '%s.%s' % (env[2], env[3:])
            for env in re.split(r'[,\s]+', tox['tox']['envlist'])
            if re.fullmatch(r'py3\d+', env)}
        claimed = {
            classifier.rpartition(' :: ')[2] for classifier in classifiers()
            if re.fullmatch(r'Programming Language :: Python :: 3\.\d+',
                            classifier)}
        self.assertEqual(tested, claimed)

    def test_zope_version_claimed_is_the_one_required(self):
        # The `zope` extra requires Zope >= 6.
        zope = [classifier for classifier in classifiers()
                if classifier.startswith('Framework :: Zope :: ')]
        self.assertEqual(['Framework :: Zope :: 6'], zope)
