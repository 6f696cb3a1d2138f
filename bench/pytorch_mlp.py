#!/usr/bin/env python3
"""PyTorch peer of `./seedscope bench`: trains the same MLP (784-256-10, Dense+ReLU, PyTorch's
default nn.Linear init) on the same shipped Fashion-MNIST subset with the same batch size, optimiser
(SGD, momentum 0.9, weight decay 5e-4, lr 0.05) and thread count, and prints one JSON object with
its training throughput. Run with Debian's interpreter: /usr/bin/python3 (package python3-torch).
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch


def read_idx(path, header):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=header)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", required=True, help="folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 784).astype(np.float32) / 255.0
    y = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"), 8).astype(np.int64)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    gen = torch.Generator().manual_seed(a.seed)
    best = 0.0
    for epoch in range(a.epochs + 1):  # epoch 0 warms up and is not timed
        order = torch.randperm(n, generator=gen)
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            rows = order[start:start + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            opt.step()
        rate = n / (time.perf_counter() - t0)
        if epoch > 0:
            best = max(best, rate)
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "threads": a.threads, "batch": a.batch,
                      "examples": n, "examples_per_second": round(best, 1)}))


if __name__ == "__main__":
    main()
