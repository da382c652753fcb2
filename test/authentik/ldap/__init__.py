"""The directory photo tests: a package, so its conftest does not shadow test/authentik/conftest.py for `from conftest import`."""
