"""Whole folders: runs in order, the prediction cache, XMP keywords, sorting with undo."""
