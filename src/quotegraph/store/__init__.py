"""The corpus store: one SQLite file (WAL, FTS5) written per document, read by CLI and web.

    from quotegraph.store import connect, write_result, queries
    conn = connect("quotegraph.db")
    write_result(conn, doc_result)          # added / unchanged / replaced
    queries.quotes(conn, speaker="Zakharova", search='"security mechanisms"')
"""
from . import queries
from .schema import STORE_VERSION, SchemaError, connect, migrate_component
from .search import QueryError
from .writer import StoreWriteError, WriteOutcome, WriteSummary, stored_hash, write_result, write_results

__all__ = [
    "STORE_VERSION", "QueryError", "SchemaError", "StoreWriteError", "WriteOutcome", "WriteSummary",
    "connect", "migrate_component", "queries", "stored_hash", "write_result", "write_results",
]
