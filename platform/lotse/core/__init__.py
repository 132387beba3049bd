"""The bottom layer: errors, the access log and the building blocks every app shares.

It imports no app of the platform; apps above reach it, never the other way round.
"""
