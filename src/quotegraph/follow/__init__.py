"""Following stories: URLs, feeds and sitemaps fetched, archived, stored and linked
(``rounds``), and alert rules run on what arrives (``alerts``)."""
