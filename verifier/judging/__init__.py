"""Statement against claims: slot-by-slot comparison, which claim groups a statement speaks of, the
verdict rules for a group, and every value of a sentence accounted for."""
