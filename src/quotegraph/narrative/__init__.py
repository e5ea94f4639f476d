"""Narratives on top of the linked store: topics of statements, actor groups,
framing (Fightin' Words), alignment and echoes between actors, numeric claims.
Reads the store, never re-extracts."""
