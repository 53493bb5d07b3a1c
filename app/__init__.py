"""EfficientNet Desktop: classify photos with the EfficientNet family on your own hardware."""

__version__ = "0.1.0"

APP_NAME = "EfficientNet Desktop"
APP_ID = "io.github.efficientnet_desktop"
ORG_NAME = "EfficientNet Desktop"
