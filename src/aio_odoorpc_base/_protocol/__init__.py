"""The sans-IO protocol cores: requests built and replies judged, no I/O.

``base`` (what they share), ``jsonrpc`` (/jsonrpc and JSON web routes), ``json2``
(Odoo 19+), ``webdb`` (the /web/database forms) and ``versions`` (which API a server
version has).
"""
