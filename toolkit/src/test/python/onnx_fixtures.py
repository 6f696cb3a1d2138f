#!/usr/bin/python3
"""Makes the PyTorch fixtures of org.seedscope.onnx's tests (Debian's python3-torch 1.13, python3-onnx).

Writes, into toolkit/src/test/resources/org/seedscope/onnx/:
  gradcheck-cnn.onnx   a small CNN (Conv, BatchNorm, ReLU, MaxPool, a residual Add, a stride-2 Conv,
                       global average pooling, Flatten, Linear) with fixed random weights and running
                       statistics, exported with the BN as nodes (model.eval(), TrainingMode.PRESERVE,
                       no constant folding; TrainingMode.EVAL would fold the BN into the convolutions)
  gradcheck-cnn.json   a fixed batch (x, y) and PyTorch autograd's reference in float64: the logits,
                       the mean cross-entropy and every parameter's gradient, in evaluation mode
                       (running statistics) and in training mode (batch statistics; also the updated
                       running statistics, momentum 0.1, unbiased variance)
  fresh-cnn.onnx       the same network freshly initialised (seed 7): its BatchNorm tensors are equal
                       (ones and zeros), which the exporter writes once and copies by Identity nodes
  digits-cnn.onnx      a small CNN for the shipped digits (1x8x8, 10 classes; Conv, BatchNorm, ReLU,
                       MaxPool, Flatten, Linear), freshly initialised (seed 3), for study tests

Regenerate from the repository root:  /usr/bin/python3 toolkit/src/test/python/onnx_fixtures.py
Everything is seeded, so a rerun with the same torch version writes the same numbers.
"""
import copy
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "seedscope", "onnx")
SHAPE = (1, 12, 12)
CLASSES = 4
BATCH = 6


class GradcheckCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(8)
        self.conv3 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, CLASSES)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        x = torch.relu(self.bn2(self.conv2(x)) + x)
        x = self.gap(torch.relu(self.conv3(x)))
        return self.fc(torch.flatten(x, 1))


class DigitsCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(torch.relu(self.bn(self.conv(x)))), 1))


def export(model, path, input_name="image", output_name="scores", shape=SHAPE):
    model.eval()
    torch.onnx.export(model, torch.zeros(2, *shape), path, input_names=[input_name], output_names=[output_name],
                      dynamic_axes={input_name: {0: "batch"}, output_name: {0: "batch"}}, opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def reference(model, x, y, train):
    m = copy.deepcopy(model).double()
    m.train(train)
    logits = m(x.double())
    loss = F.cross_entropy(logits, y)
    loss.backward()
    out = {"logits": flat(logits), "loss": float(loss),
           "grads": {name: flat(p.grad) for name, p in m.named_parameters()}}
    if train:
        out["running"] = {name: flat(b) for name, b in m.named_buffers() if "running" in name}
    return out


def main():
    torch.manual_seed(20240601)
    model = GradcheckCnn()
    with torch.no_grad():
        for bn in (model.bn1, model.bn2):
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.normal_(0, 0.1)
            bn.running_mean.normal_(0, 0.2)
            bn.running_var.uniform_(0.5, 1.5)
    x = torch.randn(BATCH, *SHAPE)
    y = torch.randint(0, CLASSES, (BATCH,))
    os.makedirs(OUT, exist_ok=True)
    export(model, os.path.join(OUT, "gradcheck-cnn.onnx"))
    torch.manual_seed(7)
    export(GradcheckCnn(), os.path.join(OUT, "fresh-cnn.onnx"))
    torch.manual_seed(3)
    export(DigitsCnn(), os.path.join(OUT, "digits-cnn.onnx"), "pixels", "logits", (1, 8, 8))
    fixture = {"torch": torch.__version__, "input": "image", "output": "scores", "shape": list(SHAPE),
               "x": flat(x), "y": [int(v) for v in y],
               "eval": reference(model, x, y, False), "train": reference(model, x, y, True)}
    with open(os.path.join(OUT, "gradcheck-cnn.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
