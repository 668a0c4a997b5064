"""Exercises of notebook 07."""
EXERCISES = []
