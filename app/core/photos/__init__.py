"""Opening photos safely and preparing them as each model was trained."""
