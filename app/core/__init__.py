"""The engine: catalog, weights, images, preprocessing, models and inference. No Qt here."""
