#!/usr/bin/python3
"""Builds the TorchScript fixtures of the evaluation tests from the shipped MultiFashion data.

Run from the repository root with Debian's torch (python3-torch 1.13):
    /usr/bin/python3 src/test/resources/models/make_fixtures.py
Writes *.pt next to this script plus multifashion-good.json (a run manifest whose claims are the
accuracies this script measured on the 10,000-image test split), and the same model and claims as
the Python client's example bundle (clients/python/examples/model.pt and run.json). multifashion-good.pt and
multifashion-encdec.pt hold the same trained network: the first with forward only, the second also
exporting encode(x) and decode(z) (feature disentanglement on the test split); the same claims hold
for both. The encdec-*.pt fixtures are tiny untrained models with valid forward outputs and odd
encode/decode methods: disjoint (each task reads its own elements of z, so FD = 1), wrong-count,
mismatch (decode(encode(x)) != forward(x)), bad-signature and memory-hog (encode allocates until
stopped). nan-when-corrupted is finite on every clean test image and NaN on most corrupted ones.
TorchScript does not serialize deterministically: regenerated files differ in bytes, not in
behaviour or claims.
"""
import json
import os
import shutil
import sys
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', '..', 'clients', 'python'))
from train_multifashion import TwoHeadLeNet, load as split  # noqa: E402  (same data reading and network)


class PlainTwoHeadLeNet(nn.Module):
    """The client's network with forward only (same parameter names), for a model without encode/decode."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.fc = nn.Linear(320, 50)
        self.left = nn.Linear(50, 10)
        self.right = nn.Linear(50, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        z = F.relu(self.fc(x.flatten(1)))
        return self.left(z), self.right(z)


class EncDecDisjoint(nn.Module):
    def forward(self, x):
        f = x.flatten(1)
        return f[:, :10], f[:, 10:20]

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return x.flatten(1)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return z[:, :10], z[:, 10:20]


class EncDecWrongCount(EncDecDisjoint):
    @torch.jit.export
    def decode(self, z: torch.Tensor) -> Tuple[torch.Tensor]:
        return (z[:, :10],)


class EncDecMismatch(EncDecDisjoint):
    @torch.jit.export
    def decode(self, z: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return z[:, :10], z[:, 10:20] + 1.0


class EncDecBadSignature(EncDecDisjoint):
    @torch.jit.export
    def encode(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return x.flatten(1) + y.flatten(1)


class EncDecMemoryHog(EncDecDisjoint):
    """A valid forward and an encode that allocates until the worker's memory cap stops it."""

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        hold = [x.flatten(1)]
        while len(hold) > 0:
            hold.append(torch.full([64, 1024, 1024], float(len(hold))))
        return hold[0]


class NanWhenCorrupted(nn.Module):
    """Finite on every clean MultiFashion image, NaN where the top-right corner pixel is lit.

    No item ever covers that corner of the composed image, so it is 0 in every clean image; most
    corruptions (brightness, contrast, noise) light it.
    """

    def forward(self, x):
        f = x.flatten(1)
        corner = x[:, 0, 0, 27:28]
        poison = torch.where(corner > 0, torch.full_like(corner, float('nan')), torch.zeros_like(corner))
        return f[:, :10] + poison, f[:, 10:20]


class OneOutput(nn.Module):
    def forward(self, x):
        return x.flatten(1)[:, :10]


class WrongShape(nn.Module):
    def forward(self, x):
        f = x.flatten(1)
        return f[:, :10], f[:, :5]


class NanOutput(nn.Module):
    def forward(self, x):
        f = x.flatten(1)[:, :10]
        return f * float('nan'), f


class NeverEnds(nn.Module):
    def forward(self, x):
        y = x.flatten(1)[:, :10]
        while bool(y.sum() > -1.0):
            y = y + 1.0
        return y, y


class MemoryHog(nn.Module):
    def forward(self, x):
        hold = [x]
        while len(hold) > 0:
            # depends on the loop, so that TorchScript cannot fold it into one shared constant
            hold.append(torch.full([64, 1024, 1024], float(len(hold))))
        return x.flatten(1)[:, :10], x.flatten(1)[:, :10]


def accuracy(model, x, y):
    with torch.no_grad():
        left, right = model(x)
    return (100.0 * (left.argmax(1) == y[:, 0]).float().mean().item(),
            100.0 * (right.argmax(1) == y[:, 1]).float().mean().item())


def main():
    torch.manual_seed(7)
    x_train, y_train = split(['train-subset-images-idx3-ubyte.gz'], 'train-subset-labels-idx2-ubyte.gz')
    x_test, y_test = split(['test-images-0-idx3-ubyte.gz', 'test-images-1-idx3-ubyte.gz'], 'test-labels-idx2-ubyte.gz')
    model = TwoHeadLeNet()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(8):
        perm = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 64):
            b = perm[i:i + 64]
            left, right = model(x_train[b])
            loss = F.cross_entropy(left, y_train[b, 0]) + F.cross_entropy(right, y_train[b, 1])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    plain = PlainTwoHeadLeNet()
    plain.load_state_dict(model.state_dict())
    plain.eval()
    scripted = torch.jit.script(plain)
    scripted.save(os.path.join(HERE, 'multifashion-good.pt'))
    left, right = accuracy(scripted, x_test, y_test)
    encdec = torch.jit.script(model)
    assert accuracy(encdec, x_test, y_test) == (left, right)
    with torch.no_grad():
        assert all(torch.equal(a, b) for a, b in zip(encdec.decode(encdec.encode(x_test[:100])), scripted(x_test[:100])))
    encdec.save(os.path.join(HERE, 'multifashion-encdec.pt'))
    manifest = {
        'benchmark': 'multifashion', 'backbone': 'lenet5', 'method': 'ew', 'optimizer': 'adam',
        'gradientLevel': 'param', 'seed': 7,
        'hyperParameters': {'lr': 0.002, 'epochs': 8, 'batch': 64, 'trainSamples': len(x_train)},
        'claims': {'left.accuracy': round(left, 2), 'right.accuracy': round(right, 2)},
        'description': 'Fixture: LeNet-style two-head model, EW, 8 epochs on the shipped 2,000-image subset.'}
    with open(os.path.join(HERE, 'multifashion-good.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
    # the ready example bundle of the Python client: the same model and claims
    examples = os.path.join(HERE, '..', '..', '..', '..', 'clients', 'python', 'examples')
    shutil.copyfile(os.path.join(HERE, 'multifashion-good.pt'), os.path.join(examples, 'model.pt'))
    example = dict(manifest, description='Example bundle of clients/python/examples: LeNet-style two-head model, '
                                         'EW, 8 epochs on the shipped 2,000-image subset.')
    with open(os.path.join(examples, 'run.json'), 'w') as f:
        json.dump(example, f, indent=2)
        f.write('\n')
    for name, module in [('wrong-count', OneOutput()), ('wrong-shape', WrongShape()), ('nan-output', NanOutput()),
                         ('never-ends', NeverEnds()), ('memory-hog', MemoryHog()),
                         ('encdec-disjoint', EncDecDisjoint()), ('encdec-wrong-count', EncDecWrongCount()),
                         ('encdec-mismatch', EncDecMismatch()), ('encdec-bad-signature', EncDecBadSignature()),
                         ('encdec-memory-hog', EncDecMemoryHog()), ('nan-when-corrupted', NanWhenCorrupted())]:
        torch.jit.script(module).save(os.path.join(HERE, name + '.pt'))
    with open(os.path.join(HERE, 'multifashion-good.pt'), 'rb') as f:
        good = f.read()
    with open(os.path.join(HERE, 'truncated.pt'), 'wb') as f:
        f.write(good[:len(good) // 2])
    print('claims', manifest['claims'])


if __name__ == '__main__':
    main()
