"""Photos to predictions: devices, runners, the classifier, explanations."""
