"""Exercises of notebook 05."""
EXERCISES = []
