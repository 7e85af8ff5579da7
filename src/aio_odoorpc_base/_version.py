__version__ = "4.0.0.dev0"
USER_AGENT = f"aio-odoorpc-base/{__version__}"
