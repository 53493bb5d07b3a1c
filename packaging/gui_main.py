"""Entry point of the windowed executable (EfficientNet Desktop)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the ONNX exporter runs in a child process
    from app.cli import main

    raise SystemExit(main())
