"""Sentences into values and statements: numbers, dates, qualifiers, and the tolerance model that turns
a value into an interval."""
