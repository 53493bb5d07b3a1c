"""EfficientNet Desktop: classify photos with the EfficientNet family on your own hardware."""

import os

__version__ = "0.1.0"

APP_NAME = "EfficientNet Desktop"
APP_ID = "io.github.efficientnet_desktop"
ORG_NAME = "EfficientNet Desktop"
HOMEPAGE = "https://github.com/efficientnet-desktop/efficientnet-desktop"
BUG_TRACKER = HOMEPAGE + "/issues"
LICENCE = "Apache-2.0"

# Private by default: ONNX Runtime would otherwise write a device id and a queue of usage
# events under ~/.cache/Microsoft on first use. It reads this when it loads, so it is set
# here, before any entry point (window, command, benchmarks, tests) can import it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
