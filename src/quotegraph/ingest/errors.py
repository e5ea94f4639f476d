"""The one exception readers raise internally; read_inputs turns it into an InputError."""
from __future__ import annotations


class BadInput(Exception):
    """An input that cannot be read as an article; the message is the human reason."""
