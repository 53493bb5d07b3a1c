"""Weights files: download, the store, signed digest records, the checkpoint reader."""
