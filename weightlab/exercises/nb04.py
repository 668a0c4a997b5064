"""Exercises of notebook 04."""
EXERCISES = []
