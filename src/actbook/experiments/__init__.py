"""The experiments that the chapters run: each returns data, never draws.

One module per experiment; every function finishes in a few seconds on one core
at its default size, and the same seed gives the same numbers.
"""
