"""Started by benchmarks/speed.py in a fresh process: the real window with a photo from the
command line; prints wall-clock times (time.time()) when the window is shown and when the
first result arrives, then quits."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> None:
    photo, settings_file = Path(sys.argv[1]), Path(sys.argv[2])
    application = QApplication(sys.argv[:1])
    from app.ui.app import launch
    from app.ui.settings import Settings

    settings = Settings.at(settings_file)
    settings.engine = "auto"
    window = launch([photo], settings)
    QTimer.singleShot(0, lambda: print(f"shown {time.time()}", flush=True))

    def on_result(_photo: object, prediction: object) -> None:
        print(f"result {time.time()} {prediction.engine} {prediction.top[0].label}", flush=True)  # type: ignore[attr-defined]
        window.close()
        application.quit()

    window.controller.result_ready.connect(on_result)
    application.exec()


if __name__ == "__main__":
    main()
