#!/usr/bin/python3
"""Example: train a small two-head model on MultiFashion with PyTorch, export TorchScript, submit it
to MTLBoard and wait for the verdict.

Needs torch (Debian: apt-get install python3-torch; use /usr/bin/python3). Run from the repository
root so that benchmarks-data/ is found:
    /usr/bin/python3 clients/python/train_multifashion.py [--url http://localhost:8080] --token "$MTLBOARD_TOKEN" [--epochs 8] [--dry-run]
It trains on the shipped 2,000-image training subset, measures both accuracies on the shipped
10,000-image test split exactly as MTLBoard does (inputs scaled by 1/255), claims them, and submits.
The exported model also provides encode(x) and decode(z), so the worker measures FD on the test split.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import tempfile
from typing import Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import submit  # noqa: E402

DATA = os.path.join('benchmarks-data', 'multifashion')


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(images, labels):
    x = np.concatenate([idx(f) for f in images]).astype(np.float32) / 255.0
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(idx(labels).astype(np.int64))


class TwoHeadLeNet(nn.Module):
    """A shared LeNet encoder and one linear head per task.

    Besides forward(x) -> (left, right), the scripted model exports encode(x) -> z (the shared
    representation) and decode(z) -> (left, right), with forward(x) == decode(encode(x)): optional
    in the submission contract, they let MTLBoard measure feature disentanglement (FD) on the test
    split.
    """

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.fc = nn.Linear(320, 50)
        self.left = nn.Linear(50, 10)
        self.right = nn.Linear(50, 10)

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return F.relu(self.fc(x.flatten(1)))

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.left(z), self.right(z)

    def forward(self, x):
        return self.decode(self.encode(x))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--url', default=os.environ.get('MTLBOARD_URL', 'http://localhost:8080'))
    ap.add_argument('--token', default=os.environ.get('MTLBOARD_TOKEN'))
    ap.add_argument('--epochs', type=int, default=8)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--dry-run', action='store_true',
                    help='train and export, then check the bundle and print what would be sent, without sending it')
    args = ap.parse_args()
    if not args.token and not args.dry_run:
        ap.error('--token or MTLBOARD_TOKEN is required')
    torch.manual_seed(args.seed)
    x, y = load(['train-subset-images-idx3-ubyte.gz'], 'train-subset-labels-idx2-ubyte.gz')
    xt, yt = load(['test-images-0-idx3-ubyte.gz', 'test-images-1-idx3-ubyte.gz'], 'test-labels-idx2-ubyte.gz')
    model = TwoHeadLeNet()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(args.epochs):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            b = perm[i:i + 64]
            left, right = model(x[b])
            loss = F.cross_entropy(left, y[b, 0]) + F.cross_entropy(right, y[b, 1])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f'epoch {epoch + 1}/{args.epochs} loss {loss.item():.3f}', file=sys.stderr)
    model.eval()
    scripted = torch.jit.script(model)
    with torch.no_grad():
        left, right = scripted(xt)
    claims = {'left.accuracy': round(100.0 * (left.argmax(1) == yt[:, 0]).float().mean().item(), 2),
              'right.accuracy': round(100.0 * (right.argmax(1) == yt[:, 1]).float().mean().item(), 2)}
    manifest = {'benchmark': 'multifashion', 'backbone': 'lenet5', 'method': 'ew', 'optimizer': 'adam',
                'gradientLevel': 'param', 'seed': args.seed,
                'hyperParameters': {'lr': 0.002, 'epochs': args.epochs, 'batch': 64},
                'claims': claims, 'description': 'Example client: LeNet-style EW on the 2,000-image subset.'}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'model.pt')
        scripted.save(path)
        if args.dry_run:
            run_json = os.path.join(tmp, 'run.json')
            with open(run_json, 'w', encoding='utf-8') as f:
                json.dump(manifest, f, indent=2)
            return submit.dry_run(args.url, args.token, run_json, path)
        status, run = submit.submit(args.url, args.token, json.dumps(manifest), path)
    if status not in (200, 201):
        print(f'refused ({status}): {run}', file=sys.stderr)
        return 3
    print(f"run {run['id']} accepted with claims {claims}")
    final = submit.wait(args.url, run['id'])
    submit.report(final)
    return submit.FINAL.get(final['status'], 2)


if __name__ == '__main__':
    sys.exit(main())
