"""How each architecture is built: ONNX graph templates, the Lite port, PyTorch models, and
the tools that regenerate the templates and the built-in catalog from torchvision."""
