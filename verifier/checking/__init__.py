"""The jobs that run the judges: `check` (documents -> sentences -> statements -> matched groups ->
findings, on one core or many, `--changed-since`) and `contested` (the ledger's own groups)."""
