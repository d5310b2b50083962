#!/usr/bin/env python3
"""Writes a small copy of MultiFashion ('multifashion-scale', the first N test images) into a
benchmarks directory, so that the scale-out test's evaluations are dominated by the worker
machinery (claim, child JVM, model load), not by the test split. Standard library only.

    python3 perf/make-scale-benchmark.py <benchmarks-dir> [N=200]
"""
import gzip
import hashlib
import json
import os
import struct
import sys


def read_idx(path):
    with gzip.open(path) as f:
        raw = f.read()
    ndim = raw[3]
    dims = list(struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim]))
    return raw[:4], dims, raw[4 + 4 * ndim:]


def write_idx(path, magic, dims, payload):
    data = magic + struct.pack('>' + 'I' * len(dims), *dims) + payload
    with open(path, 'wb') as f:
        f.write(gzip.compress(data, mtime=0))
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


def main():
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    src = os.path.join(root, 'multifashion')
    dst = os.path.join(root, 'multifashion-scale')
    os.makedirs(dst, exist_ok=True)
    magic, dims, images = read_idx(os.path.join(src, 'test-images-0-idx3-ubyte.gz'))
    img_sha = write_idx(os.path.join(dst, 'test-images-idx3-ubyte.gz'), magic, [n] + dims[1:],
                        images[:n * dims[1] * dims[2]])
    lmagic, ldims, labels = read_idx(os.path.join(src, 'test-labels-idx2-ubyte.gz'))
    lab_sha = write_idx(os.path.join(dst, 'test-labels-idx2-ubyte.gz'), lmagic, [n] + ldims[1:],
                        labels[:n * ldims[1]])
    with open(os.path.join(src, 'benchmark.json')) as f:
        m = json.load(f)
    m['id'] = 'multifashion-scale'
    m['name'] = f'MultiFashion (first {n} test images, scale-out test)'
    test = next(s for s in m['data']['splits'] if s['name'] == 'test')
    test['samples'] = n
    test['files'] = [{'path': 'test-images-idx3-ubyte.gz', 'content': 'images', 'sha256': img_sha},
                     {'path': 'test-labels-idx2-ubyte.gz', 'content': 'labels', 'sha256': lab_sha}]
    m['data']['splits'] = [test]
    with open(os.path.join(dst, 'benchmark.json'), 'w') as f:
        json.dump(m, f, indent=2)


if __name__ == '__main__':
    main()
