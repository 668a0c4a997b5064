"""Exercises of notebook 01."""
EXERCISES = []
