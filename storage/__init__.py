"""Adapters: event stores (memory, SQLite, PostgreSQL) and the writers of what leaves the program."""
