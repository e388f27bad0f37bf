"""Tests of concurrent transactions in a real FileStorage."""
import os
import shutil
import tempfile
import unittest

import transaction


class FileStorageTestCase(unittest.TestCase):
    """A FileStorage of its own for each test, and connections to it that
    each have a transaction of their own."""

    def setUp(self):
        import ZODB
        from ZODB.FileStorage import FileStorage
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.database = ZODB.DB(FileStorage(os.path.join(folder, 'Data.fs')))
        self.addCleanup(self.database.close)

    def open(self):
        """(transaction manager, database root) of a new connection, its
        transaction begun."""
        manager = transaction.TransactionManager()
        connection = self.database.open(manager)
        self.addCleanup(connection.close)
        self.addCleanup(manager.abort)
        manager.begin()
        return manager, connection.root()
