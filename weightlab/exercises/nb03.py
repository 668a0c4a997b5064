"""Exercises of notebook 03."""
EXERCISES = []
