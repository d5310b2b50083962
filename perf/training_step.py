#!/usr/bin/python3
"""Training-step time of the LeNet-5-style two-task network in PyTorch-Python, the reference for
MTLBoard's DJL trainer (perf/training-step.sh runs both). One step = what the DJL trainer does:
forward, per-task gradients of the shared parameters (one backward per task) and the method's
combination (PCGrad), head gradients, and an Adam update. EW is one backward pass of the summed loss,
as the DJL trainer takes it for loss-weighting methods; PCGrad takes one backward pass per task.
Usage:
  /usr/bin/python3 perf/training_step.py --method pcgrad --batch 256 --threads 1 --steps 50
"""
import argparse
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    """conv5(10) → pool → ReLU → conv5(20) → pool → ReLU → fc(50) → ReLU, as Backbones.lenet()."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 10, 5)
        self.c2 = nn.Conv2d(10, 20, 5)
        self.fc = nn.Linear(320, 50)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.c1(x), 2))
        x = F.relu(F.max_pool2d(self.c2(x), 2))
        return F.relu(self.fc(x.flatten(1)))


def head():
    return nn.Sequential(nn.Linear(50, 50), nn.ReLU(), nn.Linear(50, 10))


def pcgrad(grads, rng):
    out = []
    for i, g in enumerate(grads):
        g = g.clone()
        others = [j for j in range(len(grads)) if j != i]
        rng.shuffle(others)
        for j in others:
            dot = torch.dot(g, grads[j])
            if dot < 0:
                g -= dot / grads[j].dot(grads[j]) * grads[j]
        out.append(g)
    return torch.stack(out).sum(0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", default="pcgrad", choices=["ew", "pcgrad"])
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--warmup", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    rng = random.Random(1)
    enc, heads = LeNet(), [head(), head()]
    shared = list(enc.parameters())
    params = shared + [q for h in heads for q in h.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.rand(a.batch, 1, 28, 28)
    ys = [torch.randint(0, 10, (a.batch,)) for _ in heads]
    times = []
    for step in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        z = enc(x)
        losses = [F.cross_entropy(h(z), y) for h, y in zip(heads, ys)]
        [loss.item() for loss in losses]
        if a.method == "ew":
            sum(losses).backward()
            opt.step()
            if step >= a.warmup:
                times.append(time.perf_counter() - t0)
            continue
        grads = []
        for loss in losses:
            gs = torch.autograd.grad(loss, shared + list(heads[len(grads)].parameters()), retain_graph=True)
            for q, g in zip(heads[len(grads)].parameters(), gs[len(shared):]):
                q.grad = g
            grads.append(torch.cat([g.flatten() for g in gs[:len(shared)]]))
        d = pcgrad(grads, rng)
        offset = 0
        for q in shared:
            q.grad = d[offset:offset + q.numel()].view_as(q).clone()
            offset += q.numel()
        opt.step()
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    print("python %s batch %d threads %d: median %.2f ms/step (torch %s)"
          % (a.method, a.batch, a.threads, 1000 * times[len(times) // 2], torch.__version__))


if __name__ == "__main__":
    main()
