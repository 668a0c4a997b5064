"""Exercises of notebook 02."""
EXERCISES = []
