#!/usr/bin/env python3
"""PyTorch peer of `./seedscope bench`: trains the same network as SeedScope on the same shipped
Fashion-MNIST subset (pixel/255), with the same batch size, optimiser (SGD, momentum 0.9, weight
decay 5e-4, lr 0.05), PyTorch's default initialisation and the same thread count, and prints one
JSON object with its training throughput and how it ran (BLAS library and core type, threads,
memory format, malloc settings).

Networks (--model):
  mlp-256   784-256-10, Dense + ReLU
  cnn       conv3x3 32 (pad 1) - ReLU - maxpool 2 - conv3x3 64 (pad 1) - ReLU - maxpool 2 -
            dense 128 - ReLU - dense 10
  resnet-8  the CIFAR ResNet of He et al. 2016 with one basic block per stage (16/32/64 channels,
            BatchNorm, convolutions without bias, option-A shortcuts: subsample and zero-pad the
            channels), global average pooling, dense 10

With --sgemm it instead times a 1024^3 single-precision matrix product (torch.mm, the same BLAS)
and prints its rate, the practical FLOP peak of one core in that configuration.

Run with Debian's interpreter, /usr/bin/python3 (python3-torch). For its best configuration on
this machine set OPENBLAS_CORETYPE (OpenBLAS misdetects some virtualised CPUs: an AVX-512 CPU
as Prescott; never name an AVX-512 core on a CPU without AVX-512, whose first GEMM then dies of
an illegal instruction),
OPENBLAS_NUM_THREADS (OpenBLAS starts its own threads otherwise), and for the CNNs pass
--channels-last and set MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 (the
default glibc malloc returns large activations to the kernel every step, and the page faults cost
about 30 % of a CNN step). `./seedscope bench --vs-pytorch` sets all of them.
"""
import argparse
import ctypes
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx(path, header):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=header)


class ShortcutA(torch.nn.Module):
    """Option A of He et al. 2016: subsample by the stride, zero-pad the channels on both sides."""

    def __init__(self, planes_in, planes_out, stride):
        super().__init__()
        self.stride = stride
        self.pad = (planes_out - planes_in) // 2

    def forward(self, x):
        x = x[:, :, ::self.stride, ::self.stride]
        return F.pad(x, (0, 0, 0, 0, self.pad, self.pad))


class BasicBlock(torch.nn.Module):
    def __init__(self, planes_in, planes, stride):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(planes_in, planes, 3, stride, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(planes)
        self.conv2 = torch.nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(planes)
        self.shortcut = ShortcutA(planes_in, planes, stride) if stride != 1 or planes_in != planes else None

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(torch.nn.Module):
    def __init__(self, depth, channels, classes):
        super().__init__()
        blocks = (depth - 2) // 6
        self.conv1 = torch.nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(16)
        layers, planes_in = [], 16
        for stage in range(3):
            planes = 16 << stage
            for block in range(blocks):
                layers.append(BasicBlock(planes_in, planes, 2 if stage > 0 and block == 0 else 1))
                planes_in = planes
        self.blocks = torch.nn.Sequential(*layers)
        self.fc = torch.nn.Linear(planes_in, classes)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def network(name, classes):
    if name == "mlp-256":
        return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                   torch.nn.Linear(256, classes))
    if name == "cnn":
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 32, 3, 1, 1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(32, 64, 3, 1, 1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(64 * 7 * 7, 128), torch.nn.ReLU(), torch.nn.Linear(128, classes))
    if name.startswith("resnet-"):
        depth = int(name[len("resnet-"):])
        if depth < 8 or (depth - 2) % 6 != 0:
            raise SystemExit("resnet depth must be 6k + 2, got " + name)
        return ResNet(depth, 1, classes)
    raise SystemExit("unknown model " + name + "; use mlp-256, cnn or resnet-N")


def blas():
    """The BLAS library this process loaded and, for OpenBLAS, the core type and threads it uses."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if name.startswith(("libblas", "libopenblas", "libmkl", "libblis")):
                libs.add(os.path.realpath(path))
    out = {"libraries": sorted(libs), "library": "reference"}
    for lib in sorted(libs):
        if "openblas" in lib:
            try:
                ob = ctypes.CDLL(lib)
                ob.openblas_get_corename.restype = ctypes.c_char_p
                ob.openblas_get_config.restype = ctypes.c_char_p
                out.update(library="openblas", core=ob.openblas_get_corename().decode(),
                           config=ob.openblas_get_config().decode(), threads=ob.openblas_get_num_threads())
            except (OSError, AttributeError):
                continue
            break
    return out


def environment():
    """The variables that configure BLAS, OpenMP and malloc in this process."""
    return {k: os.environ[k] for k in sorted(os.environ)
            if k.startswith(("OPENBLAS_", "OMP_", "MALLOC_", "MKL_", "GOMP_"))}


def sgemm(size=1024, repeats=10):
    """Best rate of `repeats` size^3 float32 products (GFLOP/s, 2 size^3 flops each) after a warm-up."""
    g = torch.Generator().manual_seed(1)
    a = torch.rand(size, size, generator=g)
    b = torch.rand(size, size, generator=g)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    return round(2 * size ** 3 / best / 1e9, 1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz")
    p.add_argument("--model", default="mlp-256")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3, help="timed epochs after one untimed warm-up epoch")
    p.add_argument("--channels-last", action="store_true", help="train image networks in channels_last memory format")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--examples", type=int, default=0, help="train on the first N examples in file order (0: all)")
    p.add_argument("--sgemm", action="store_true", help="time a 1024^3 sgemm instead of training")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.sgemm:
        print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "threads": a.threads, "blas": blas(),
                          "environment": environment(), "sgemm_gflops": sgemm()}))
        return
    torch.manual_seed(a.seed)
    x = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"), 16).reshape(-1, 1, 28, 28)
    x = torch.from_numpy(x.astype(np.float32) / 255.0)
    y = torch.from_numpy(read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"), 8).astype(np.int64))
    if a.examples > 0:
        x, y = x[:a.examples], y[:a.examples]
    model = network(a.model, 10)
    image = not a.model.startswith("mlp")
    fmt = torch.channels_last if a.channels_last and image else torch.contiguous_format
    model = model.to(memory_format=fmt)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    gen = torch.Generator().manual_seed(a.seed)
    rates = []
    for epoch in range(a.epochs + 1):  # epoch 0 warms up and is not timed
        order = torch.randperm(n, generator=gen)
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            rows = order[start:start + a.batch]
            xb = x[rows].contiguous(memory_format=fmt)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), y[rows])
            loss.backward()
            opt.step()
        rate = n / (time.perf_counter() - t0)
        if epoch > 0:
            rates.append(round(rate, 1))
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "model": a.model, "threads": a.threads,
                      "torch_threads": torch.get_num_threads(), "batch": a.batch, "examples": n,
                      "memory_format": "channels_last" if fmt == torch.channels_last else "contiguous",
                      "mkldnn": torch.backends.mkldnn.is_available(), "blas": blas(), "environment": environment(),
                      "epoch_examples_per_second": rates, "examples_per_second": float(np.median(rates))}))


if __name__ == "__main__":
    main()
