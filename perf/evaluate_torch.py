#!/usr/bin/python3
"""Scores a TorchScript model on MultiFashion's test split with PyTorch-Python, the way MTLBoard's
evaluator does (uint8 images scaled by 1/255, batches of 100, argmax of each task's logits), and prints
one JSON line: samples, seconds of scoring (model loaded and data decoded before the clock starts: the
counterpart of the evaluate CLI's 'scoringSeconds'), wholeSeconds (from after the imports to the end),
accuracies, torch version and threads. Used by perf/verdict-and-eval.sh as the PyTorch side of the
throughput ratios; the script times the whole process itself.
Usage: evaluate_torch.py <model.pt> <benchmarks-data/multifashion> [threads]"""
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch


def idx(path):
    data = gzip.open(path).read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    model_path, bench = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        torch.set_num_threads(int(sys.argv[3]))
    t_all = time.perf_counter()
    images = np.concatenate([idx(f"{bench}/test-images-0-idx3-ubyte.gz"), idx(f"{bench}/test-images-1-idx3-ubyte.gz")])
    labels = idx(f"{bench}/test-labels-idx2-ubyte.gz")
    model = torch.jit.load(model_path, map_location="cpu").eval()
    t0 = time.perf_counter()
    correct = np.zeros(labels.shape[1], dtype=np.int64)
    with torch.no_grad():
        for start in range(0, len(images), 100):
            x = torch.from_numpy(images[start:start + 100].astype(np.float32) / 255.0).unsqueeze(1)
            outputs = model(x)
            for t, out in enumerate(outputs):
                correct[t] += int((out.argmax(dim=1).numpy() == labels[start:start + 100, t]).sum())
    seconds = time.perf_counter() - t0
    print(json.dumps({"samples": len(images), "seconds": seconds, "wholeSeconds": time.perf_counter() - t_all,
                      "accuracy": [round(100.0 * c / len(images), 2) for c in correct],
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
