#!/usr/bin/python3
"""Derive the shipped class-balanced Fashion-MNIST subset.

Selection rule (deterministic, no randomness): walk each source file in file order and keep an
example while its class has fewer than K kept examples, with K = 1,200 per class for the
training set and K = 200 per class for the test set. Kept examples stay in file order. Pixels
and labels are copied unchanged and written in the same gzipped IDX format as the source
(magic 2051 for images, 2049 for labels), gzip header timestamp 0, so the output bytes are
reproducible.

Usage:  /usr/bin/python3 derive.py [SOURCE_DIR]
SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian: dataset-fashion-mnist) and
must hold train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz
and t10k-labels-idx1-ubyte.gz. Output goes next to this script.
"""
import gzip
import hashlib
import os
import struct
import sys

import numpy as np

PER_CLASS = {"train": 1200, "t10k": 200}
CLASSES = 10


def read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, = struct.unpack(">i", data[:4])
    if found != magic:
        sys.exit(f"{path}: magic number {found}, expected {magic}")
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    if body.size != int(np.prod(shape)):
        sys.exit(f"{path}: {body.size} data bytes, header promises {int(np.prod(shape))}")
    return body.reshape(shape)


def write_idx(path, magic, array):
    header = struct.pack(">i", magic) + struct.pack(">" + "i" * array.ndim, *array.shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def first_k_per_class(labels, k):
    keep = np.zeros(labels.shape[0], dtype=bool)
    for c in range(CLASSES):
        rows = np.flatnonzero(labels == c)
        if rows.size < k:
            sys.exit(f"class {c} has only {rows.size} examples, {k} requested")
        keep[rows[:k]] = True
    return np.flatnonzero(keep)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    out = os.path.dirname(os.path.abspath(__file__))
    for part, k in PER_CLASS.items():
        images = read_idx(os.path.join(src, f"{part}-images-idx3-ubyte.gz"), 2051, 3)
        labels = read_idx(os.path.join(src, f"{part}-labels-idx1-ubyte.gz"), 2049, 1)
        rows = first_k_per_class(labels, k)
        for name, magic, array in ((f"{part}-images-idx3-ubyte.gz", 2051, images[rows]),
                                   (f"{part}-labels-idx1-ubyte.gz", 2049, labels[rows])):
            target = os.path.join(out, name)
            write_idx(target, magic, array)
            with open(target, "rb") as f:
                print(f"{name}: {array.shape[0]} examples, sha256 {hashlib.sha256(f.read()).hexdigest()}")


if __name__ == "__main__":
    main()
