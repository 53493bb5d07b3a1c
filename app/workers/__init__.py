"""Qt-aware glue that runs engine calls off the GUI thread and reports with plain-data signals."""
