"""The knowledge base: ingest analyses into SQLite (or PostgreSQL), query and export them."""
