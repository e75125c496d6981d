"""The contract, the lowest layer: what the tables, columns, rules and problems are.

Tables and vocabularies, the rule catalogue, cell predicates, number words, the actor graph,
the descriptor generated from them, and problems as data.
"""
