// getUserMedia placeholder
