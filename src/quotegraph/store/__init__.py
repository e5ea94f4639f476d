"""The corpus store: one SQLite file (WAL, FTS5) written per document, read by CLI, web and reports.

    from quotegraph.store import QuoteFilter, connect, quote_search, write_result
    conn = connect("quotegraph.db")
    write_result(conn, doc_result)          # added / unchanged / replaced
    reader = connect("quotegraph.db", readonly=True)   # never migrates; refuses an old file
    quote_search.search(reader, QuoteFilter(speaker="Zakharova", search='"security mechanisms"'))

Reads: ``filters`` (the one QuoteFilter), ``quote_search`` (pages, counts, facets),
``queries`` (speakers, documents, figures), ``linked`` (link/'s results),
``export`` (every CSV / JSONL / Parquet writer). Link tables: ``links`` (schema),
``link_rows`` (the linking stage's reads and writes).
"""
from . import queries, quote_search
from .filters import QuoteFilter
from .schema import STORE_VERSION, SchemaError, connect, migrate_component
from .search import QueryError
from .writer import StoreWriteError, WriteOutcome, WriteSummary, stored_hash, write_result, write_results

__all__ = [
    "STORE_VERSION", "QueryError", "QuoteFilter", "SchemaError", "StoreWriteError", "WriteOutcome", "WriteSummary",
    "connect", "migrate_component", "queries", "quote_search", "stored_hash", "write_result", "write_results",
]
