"""Timing the models on this machine, and the runs kept to compare them."""
