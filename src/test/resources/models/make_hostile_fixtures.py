#!/usr/bin/python3
"""Builds the hostile TorchScript fixtures of the output-contract tests (tiny untrained modules).

Run from the repository root with Debian's torch (python3-torch 1.13):
    /usr/bin/python3 src/test/resources/models/make_hostile_fixtures.py
The files keep the script's path in their tracebacks (the tests look only at the file name).
Each module takes a MultiFashion batch N x 1 x 28 x 28:
  dict-output     forward returns a dict {'left': ..., 'right': ...} instead of a tuple
  int-output      forward returns a tuple of two int64 tensors N x 10 (class indices, not logits)
  list-output     forward returns a list of two float tensors N x 10 (allowed: a list is a tuple here)
  raises          forward raises an exception with its own message
  out-of-bounds   forward indexes element 5000 of a 784-element row
"""
import os
from typing import Dict, List

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


class DictOutput(nn.Module):
    def forward(self, x) -> Dict[str, torch.Tensor]:
        f = x.flatten(1)
        return {'left': f[:, :10], 'right': f[:, 10:20]}


class IntOutput(nn.Module):
    def forward(self, x):
        f = x.flatten(1)
        return (f[:, :10] * 100).long(), (f[:, 10:20] * 100).long()


class ListOutput(nn.Module):
    def forward(self, x) -> List[torch.Tensor]:
        f = x.flatten(1)
        return [f[:, :10], f[:, 10:20]]


class Raises(nn.Module):
    def forward(self, x):
        if x.size(1) == 1:
            raise ValueError("this model refuses single-channel input")
        f = x.flatten(1)
        return f[:, :10], f[:, 10:20]


class OutOfBounds(nn.Module):
    def forward(self, x):
        f = x.flatten(1)
        picked = f[:, 5000]
        return f[:, :10] + picked.unsqueeze(1), f[:, 10:20]


def main():
    for name, module in [('dict-output', DictOutput()), ('int-output', IntOutput()), ('list-output', ListOutput()),
                         ('raises', Raises()), ('out-of-bounds', OutOfBounds())]:
        torch.jit.script(module).save(os.path.join(HERE, name + '.pt'))


if __name__ == '__main__':
    main()
