"""The parts of the client object that are the same sync and async: call rules and retries
(``calls``), bounded concurrency (``concurrency``), the HTTP client it makes (``defaults``)."""
