"""Following a story from the web: polite downloads, addresses vetted, every
response archived as WARC, feeds and sitemaps read for new article URLs.

The data flow stays the one of DESIGN.md: what is fetched is written to WARC
files, and those files are read by ``ingest`` like any other input, so a page is
re-read and re-extracted exactly as it was fetched. This package knows no
linguistics and no CLI; its state lives in the store (``store/fetchlog.py``).
"""
