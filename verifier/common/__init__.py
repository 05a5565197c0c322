"""What every step shares: what a word is, terminal-safe text, the word lists (lexicon.yaml), round-
trip YAML, file locks."""
