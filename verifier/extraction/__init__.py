"""`extract`: a source's sentences -> proposed claims (the dependency parse, figures, names), and
writing the proposals."""
