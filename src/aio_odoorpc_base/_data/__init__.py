"""Moving data without network I/O: the export's typed schema, writers, cursor and
checkpoint; the import's rows and report. The engines that call Odoo are
``_async/export.py`` and ``_async/importer.py``."""
