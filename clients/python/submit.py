#!/usr/bin/env python3
"""Submit a run bundle to MTLBoard and (optionally) wait for its verdict.

Standard library only. Usage:
    python3 submit.py --url http://localhost:8080 --token "$MTLBOARD_TOKEN" \
        --manifest run.json [--model model.pt] [--wait] [--idempotency-key KEY] [--retries N]

Exit status: 0 verified (or accepted without --wait), 1 discrepant, 2 rejected or failed, 3 request refused.
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

FINAL = {'verified': 0, 'discrepant': 1, 'rejected': 2, 'failed': 2, 'withdrawn': 2}


def multipart(fields, files):
    """Encodes text fields and (name, filename, bytes) files as multipart/form-data."""
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [b'--' + boundary.encode(), f'Content-Disposition: form-data; name="{name}"'.encode(),
                  b'Content-Type: application/json; charset=utf-8', b'', value.encode('utf-8')]
    for name, filename, data in files:
        lines += [b'--' + boundary.encode(),
                  f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
                  b'Content-Type: application/octet-stream', b'', data]
    lines += [b'--' + boundary.encode() + b'--', b'']
    return b'\r\n'.join(lines), 'multipart/form-data; boundary=' + boundary


def request(method, url, token=None, body=None, content_type=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method)
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    if content_type:
        req.add_header('Content-Type', content_type)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=300) as resp:
            return resp.status, json.loads(resp.read() or b'null')
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = {'detail': raw.decode('utf-8', 'replace')}
        if isinstance(answer, dict) and e.headers.get('Retry-After'):
            answer['_retryAfter'] = e.headers.get('Retry-After')
        return e.code, answer


def submit(url, token, manifest_text, model_path=None, idempotency_key=None, retries=5):
    """Posts the bundle; retries while the portal is unavailable (503, or no connection).

    Every attempt carries the same Idempotency-Key (a new random one unless given), so a bundle
    whose first attempt was stored but not answered is still accepted exactly once.
    """
    files = []
    if model_path:
        with open(model_path, 'rb') as f:
            files.append(('model', os.path.basename(model_path), f.read()))
    body, ctype = multipart({'manifest': manifest_text}, files)
    headers = {'Idempotency-Key': idempotency_key or uuid.uuid4().hex}
    for attempt in range(retries + 1):
        try:
            status, answer = request('POST', url.rstrip('/') + '/api/runs', token, body, ctype, headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            if attempt == retries:
                raise
            status, answer, delay = None, None, 2 ** attempt
            print(f'portal not reachable ({e}); retrying in {delay} s', file=sys.stderr)
        else:
            if status != 503 or attempt == retries:
                return status, answer
            delay = retry_after(answer, 2 ** attempt)
            print(f'portal unavailable (503); retrying in {delay} s', file=sys.stderr)
        time.sleep(delay)
    return status, answer


def retry_after(answer, default):
    """The delay a 503 asks for: request() keeps the Retry-After header in '_retryAfter'."""
    try:
        return max(1, min(60, int((answer or {}).get('_retryAfter', default))))
    except (TypeError, ValueError):
        return default


def wait(url, run_id, poll=2.0, timeout=3600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            status, run = request('GET', f"{url.rstrip('/')}/api/runs/{run_id}")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, run = None, None
        if status in (None, 503):
            time.sleep(poll)  # the portal or its database is restarting: keep waiting
            continue
        if status != 200:
            return run
        state = run['status']
        if state in FINAL:
            return run
        if state == 'queued':
            print(f"\rqueued (position {run.get('queuePosition')})          ", end='', file=sys.stderr)
        elif run.get('progress'):
            p = run['progress']
            print(f"\rrunning {p['done']}/{p['total']} samples          ", end='', file=sys.stderr)
        time.sleep(poll)
    raise TimeoutError(f'run {run_id} not finished after {timeout} s')


def report(run):
    print(f"\nrun {run['id']}: {run['status']}")
    ev = run.get('evaluation') or {}
    if ev.get('reason'):
        print('reason:', ev['reason'])
    for v in run.get('values', []):
        print(f"  {v['key']:<24} claimed {v['claimed']!s:<10} measured {v['measured']!s:<22} "
              f"{'' if v['agrees'] is None else ('agrees' if v['agrees'] else 'DISAGREES')}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--url', default=os.environ.get('MTLBOARD_URL', 'http://localhost:8080'))
    ap.add_argument('--token', default=os.environ.get('MTLBOARD_TOKEN'))
    ap.add_argument('--manifest', required=True)
    ap.add_argument('--model')
    ap.add_argument('--idempotency-key', help='default: a random key, reused by every retry of this call')
    ap.add_argument('--retries', type=int, default=5, help='retries while the portal answers 503 or is unreachable')
    ap.add_argument('--wait', action='store_true')
    args = ap.parse_args()
    if not args.token:
        ap.error('--token or MTLBOARD_TOKEN is required')
    with open(args.manifest, encoding='utf-8') as f:
        manifest = f.read()
    status, run = submit(args.url, args.token, manifest, args.model, args.idempotency_key, args.retries)
    if status not in (200, 201):
        print(f"refused ({status}): {run.get('detail')}", file=sys.stderr)
        for v in run.get('violations', []):
            print(f"  {v['field']}: {v['message']}", file=sys.stderr)
        return 3
    print(f"run {run['id']} accepted: {run['status']} {args.url.rstrip('/')}/runs/{run['id']}")
    if not args.wait:
        return 0
    final = wait(args.url, run['id'])
    report(final)
    return FINAL.get(final.get('status'), 2)


if __name__ == '__main__':
    sys.exit(main())
