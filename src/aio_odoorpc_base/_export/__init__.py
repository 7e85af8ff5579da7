"""Exports without network I/O: the typed schema, the writers, the cursor and the
checkpoint. The engine that fetches the pages is ``_async/export.py``."""
