"""Commands over the ledger: validate, claims, sources, schemas."""
