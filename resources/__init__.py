"""Icons and translations; in a wheel this folder is the package app.resources."""
