"""`check`: documents -> sentences -> statements -> matched groups -> findings, on one core or many,
and `--changed-since`."""
