"""A ledger kept in PostgreSQL: the tables, the LedgerBackend behind `--ledger postgresql://...`,
folder <-> database, candidate search."""
