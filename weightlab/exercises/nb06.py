"""Exercises of notebook 06."""
EXERCISES = []
