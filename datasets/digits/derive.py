#!/usr/bin/python3
"""Derive datasets/digits/digits.csv from scikit-learn's copy of the UCI optical digits data.

Input: sklearn/datasets/data/digits.csv.gz (Debian: python3-sklearn), 1,797 rows without a
header, 64 integer pixel values (0..16, 8x8 image, row-major) then the digit label (0..9).
Output: the same rows in the same order, values unchanged, with a header line
pixel_0_0,...,pixel_7_7,label (pixel_R_C = row R, column C). No preprocessing here; the
toolkit divides pixels by 16 when loading.

Usage:  /usr/bin/python3 derive.py [SOURCE_CSV_GZ]
"""
import csv
import gzip
import hashlib
import os
import sys

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits.csv")
    with gzip.open(src, "rt", newline="") as f:
        rows = [[int(float(v)) for v in row] for row in csv.reader(f) if row]
    for i, row in enumerate(rows):
        if len(row) != 65 or not all(0 <= v <= 16 for v in row[:64]) or not 0 <= row[64] <= 9:
            sys.exit(f"{src}: row {i + 1} is not 64 pixels in 0..16 and a label in 0..9")
    header = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["label"]
    with open(target, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    with open(target, "rb") as f:
        print(f"digits.csv: {len(rows)} rows, sha256 {hashlib.sha256(f.read()).hexdigest()}")


if __name__ == "__main__":
    main()
