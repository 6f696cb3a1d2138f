#!/usr/bin/python3
"""Exports the small PyTorch CNN of notebook 07 to ONNX, as a user would export their own network.

Writes fashion-cnn.onnx next to this script: a residual CNN for 1x28x28 images scoring the 3 coarse
Fashion-MNIST classes (tops, footwear, other) that the sub-class scenario "sub:Shirt" trains on:

  Conv 3x3 (1 -> 8) -> BatchNorm -> ReLU -> MaxPool 2
  -> residual block: x + BatchNorm(Conv 3x3 (8 -> 8)(x)) -> ReLU -> MaxPool 2
  -> Flatten -> Linear (392 -> 3)

freshly initialised by PyTorch (seed 1). SeedScope re-initialises every layer under each training
seed with PyTorch's default initialisation, so the file's own weights matter only when a study
uses it as an original.

The BatchNorm layers must stay nodes: export the model in eval mode with
training=TrainingMode.PRESERVE and do_constant_folding=False (torch 1.13's TrainingMode.EVAL folds
every BatchNorm into the convolution before it). The batch dimension is dynamic, the others fixed.

Regenerate from the repository root (Debian's python3-torch 1.13):
    /usr/bin/python3 notebooks/models/export_fashion_cnn.py
"""
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion-cnn.onnx")


class FashionCnn(nn.Module):
    def __init__(self, classes=3, width=8):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(width)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(width * 7 * 7, classes)

    def forward(self, image):
        x = self.pool(torch.relu(self.bn1(self.conv1(image))))
        x = self.pool(torch.relu(x + self.bn2(self.conv2(x))))
        return self.fc(torch.flatten(x, 1))


def main():
    torch.manual_seed(1)
    model = FashionCnn().eval()
    torch.onnx.export(model, torch.zeros(2, 1, 28, 28), OUT, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
