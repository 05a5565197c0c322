"""The compiled index of a ledger (cached on disk) and the ranking of candidate claims for a statement."""
