"""Which models exist: the catalog, its labels and their meanings."""
