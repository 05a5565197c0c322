"""The ledger: loading and validating its files, writing them back, reviews, export and import,
browsing, new ledgers."""
