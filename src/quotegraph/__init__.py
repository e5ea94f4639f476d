"""quotegraph: a verified record of who said what, when, to whom, and who reported it."""
__version__ = "0.1.0"
