"""Statement against claims: slot-by-slot comparison, which claim groups a statement speaks of, the
verdict rules, and contested groups."""
