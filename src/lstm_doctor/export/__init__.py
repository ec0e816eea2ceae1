"""Export a fitted model to run without lstm-doctor (ONNX)."""
