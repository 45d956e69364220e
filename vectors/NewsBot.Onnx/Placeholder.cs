namespace NewsBot.Onnx;
