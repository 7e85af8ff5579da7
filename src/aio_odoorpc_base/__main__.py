"""``python -m aio_odoorpc_base``: the ``aio-odoo`` command line."""

from aio_odoorpc_base.cli import main

if __name__ == "__main__":
    main()
