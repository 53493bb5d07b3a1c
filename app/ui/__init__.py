"""The Qt window. Widgets display; the controller decides; workers run the engine."""
