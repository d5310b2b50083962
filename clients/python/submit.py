#!/usr/bin/env python3
"""Submit a run bundle to MTLBoard and (optionally) wait for its verdict.

Standard library only. Usage:
    python3 submit.py [--url http://localhost:8080] [--token "$MTLBOARD_TOKEN"]
        --manifest run.json [--model model.pt] [--wait] [--dry-run] [--idempotency-key KEY] [--retries N]

--url is the portal's address (default: $MTLBOARD_URL, else http://localhost:8080, the portal
started on this machine); --token an API token an admin made for you (default: $MTLBOARD_TOKEN).
--dry-run checks the bundle (the manifest against the portal's JSON Schema and its benchmark,
backbone and method; the model file) and prints what would be sent, without sending it.

Exit status: 0 verified (or accepted without --wait, or a claims-only run, or a valid --dry-run),
1 discrepant, 2 rejected or failed, 3 not accepted (refused by the portal, or not sent: a missing
file, an invalid manifest, the portal unreachable).
"""
import argparse
import hashlib
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

FINAL = {'verified': 0, 'discrepant': 1, 'rejected': 2, 'failed': 2, 'withdrawn': 2, 'claimed': 0}
DEFAULT_URL = 'http://localhost:8080'
# the schema in a clone of the repository, used by --dry-run when the portal cannot be asked
LOCAL_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'main', 'resources',
                            'schemas', 'run-manifest.schema.json')


class BundleError(Exception):
    """A problem with the bundle found before sending it, said in one line."""


class Unreachable(Exception):
    """The portal did not answer."""


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
        files.append(('model', os.path.basename(model_path), read_bytes(model_path, 'model')))
    body, ctype = multipart({'manifest': manifest_text}, files)
    headers = {'Idempotency-Key': idempotency_key or uuid.uuid4().hex}
    for attempt in range(retries + 1):
        try:
            status, answer = request('POST', url.rstrip('/') + '/api/runs', token, body, ctype, headers)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
            if attempt == retries:
                raise Unreachable(f'portal not reachable at {url} ({reason(e)}); is it running? '
                                  '--url or MTLBOARD_URL names it') from e
            status, answer, delay = None, None, 2 ** attempt
            print(f'portal not reachable ({e}); retrying in {delay} s', file=sys.stderr)
        else:
            if status != 503 or attempt == retries:
                return status, answer
            delay = retry_after(answer, 2 ** attempt)
            print(f'portal unavailable (503); retrying in {delay} s', file=sys.stderr)
        time.sleep(delay)
    return status, answer


def reason(e):
    """The short cause of a connection error."""
    return str(getattr(e, 'reason', None) or e)


def read_bytes(path, what):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        raise BundleError(f'{what} file not found: {path}') from None
    except IsADirectoryError:
        raise BundleError(f'{what} file is a directory: {path}') from None
    except OSError as e:
        raise BundleError(f'{what} file not readable: {path} ({e.strerror})') from None


def read_manifest(path):
    """The manifest's text, checked to be one strict JSON object in UTF-8; returns (text, document)."""
    raw = read_bytes(path, 'manifest')
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        raise BundleError(f'manifest {path} is not UTF-8 (byte {e.start})') from None

    def no_duplicates(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                raise BundleError(f'manifest {path}: duplicate key "{k}"')
            seen[k] = v
        return seen

    try:
        doc = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as e:
        raise BundleError(f'manifest {path} is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})') from None
    if not isinstance(doc, dict):
        raise BundleError(f'manifest {path} must be a JSON object')
    return text, doc


def retry_after(answer, default):
    """The delay a 503 asks for: request() keeps the Retry-After header in '_retryAfter'."""
    try:
        return max(1, min(60, int((answer or {}).get('_retryAfter', default))))
    except (TypeError, ValueError):
        return default


def wait(url, run_id, poll=2.0, timeout=3600):
    deadline = time.time() + timeout
    explained = False
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
            position = run.get('queuePosition')
            print(f"\rqueued{'' if position is None else f' (position {position})'}          ",
                  end='', file=sys.stderr)
        elif run.get('progress'):
            p = run['progress']
            if not explained:
                print('\nsamples = test images scored: the clean test split gives the verdict; its corrupted '
                      'copies (robustness) are measured after it', file=sys.stderr)
                explained = True
            print(f"\rrunning: {p['done']}/{p['total']} samples          ", end='', file=sys.stderr)
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


def schema_violations(schema, value, path='', root=None):
    """Checks a document against the subset of JSON Schema the run-manifest schema uses."""
    root = root or schema
    if '$ref' in schema:
        target = root
        for part in schema['$ref'].lstrip('#/').split('/'):
            target = target[part]
        return schema_violations(target, value, path, root)
    where = path or '/'
    problems = []
    kind = schema.get('type')
    types = {'object': dict, 'array': list, 'string': str, 'boolean': bool}
    if kind == 'integer' and not (isinstance(value, int) and not isinstance(value, bool)):
        return [f'{where}: must be an integer']
    if kind == 'number' and not (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return [f'{where}: must be a number']
    if kind in types and not isinstance(value, types[kind]):
        return [f'{where}: must be {"an" if kind[0] in "aeiou" else "a"} {kind}']
    if 'enum' in schema and value not in schema['enum']:
        problems.append(f'{where}: must be one of {", ".join(map(str, schema["enum"]))}')
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 'minimum' in schema and value < schema['minimum']:
            problems.append(f'{where}: must be at least {schema["minimum"]}')
        if 'maximum' in schema and value > schema['maximum']:
            problems.append(f'{where}: must be at most {schema["maximum"]}')
    if isinstance(value, str):
        if 'pattern' in schema and not re.search(schema['pattern'], value):
            problems.append(f'{where}: does not match {schema["pattern"]}')
        if len(value) < schema.get('minLength', 0):
            problems.append(f'{where}: must have at least {schema["minLength"]} characters')
        if 'maxLength' in schema and len(value) > schema['maxLength']:
            problems.append(f'{where}: must have at most {schema["maxLength"]} characters')
    if isinstance(value, list):
        if 'maxItems' in schema and len(value) > schema['maxItems']:
            problems.append(f'{where}: must have at most {schema["maxItems"]} items')
        if 'items' in schema:
            for i, item in enumerate(value):
                problems += schema_violations(schema['items'], item, f'{path}/{i}', root)
    if isinstance(value, dict):
        for name in schema.get('required', []):
            if name not in value:
                problems.append(f'{path}/{name}: required')
        if len(value) < schema.get('minProperties', 0):
            problems.append(f'{where}: must have at least {schema["minProperties"]} properties')
        if 'maxProperties' in schema and len(value) > schema['maxProperties']:
            problems.append(f'{where}: must have at most {schema["maxProperties"]} properties')
        properties = schema.get('properties', {})
        for name, item in value.items():
            if 'propertyNames' in schema and schema_violations(schema['propertyNames'], name, path, root):
                problems.append(f'{path}/{name}: not a valid name (pattern {schema["propertyNames"].get("pattern")})')
            if name in properties:
                problems += schema_violations(properties[name], item, f'{path}/{name}', root)
            elif schema.get('additionalProperties') is False:
                problems.append(f'{path}/{name}: not a property of the manifest' if not path
                                else f'{path}/{name}: unknown property')
            elif isinstance(schema.get('additionalProperties'), dict):
                problems += schema_violations(schema['additionalProperties'], item, f'{path}/{name}', root)
    return problems


def fetch(url, path):
    """GET a JSON document of the portal: (status, answer); raises Unreachable."""
    try:
        return request('GET', url.rstrip('/') + path)
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        raise Unreachable(f'portal not reachable at {url} ({reason(e)})') from e


def registry_violations(url, doc):
    """What the portal's registries say of the manifest: benchmark, backbone, method, claim keys."""
    problems = []
    if isinstance(doc.get('benchmark'), str):
        status, benchmark = fetch(url, '/api/benchmarks/' + urllib.parse.quote(doc['benchmark'], safe=''))
        if status == 404:
            problems.append(f"/benchmark: unknown benchmark '{doc['benchmark']}' (GET /api/benchmarks lists them)")
        elif status == 200 and isinstance(doc.get('claims'), dict):
            keys = [m['key'] for t in benchmark.get('tasks', []) for m in t.get('metrics', [])]
            problems += [f'/claims/{k}: not a metric of {doc["benchmark"]}; its metrics: {", ".join(keys)}'
                         for k in doc['claims'] if k not in keys]
            problems += [f'/claims/{k}: required (every metric of the benchmark is claimed)'
                         for k in keys if k not in doc['claims']]
    if isinstance(doc.get('backbone'), str):
        status, backbones = fetch(url, '/api/backbones')
        if status == 200 and doc['backbone'] not in [b.get('id') for b in backbones]:
            problems.append(f"/backbone: unknown backbone '{doc['backbone']}' (GET /api/backbones lists them)")
    if isinstance(doc.get('method'), str) and 'newMethod' not in doc:
        status, _ = fetch(url, '/api/methods/' + urllib.parse.quote(doc['method'], safe=''))
        if status == 404:
            problems.append(f"/method: unknown method '{doc['method']}'; use a known id (GET /api/methods) "
                            'or describe a new one in newMethod {name, url}')
    return problems


def dry_run(url, token, manifest_path, model_path=None, idempotency_key=None, out=sys.stdout):
    """Checks the bundle and prints what would be sent, without sending it. Returns the exit status."""
    text, doc = read_manifest(manifest_path)
    model = read_bytes(model_path, 'model') if model_path else None
    try:
        status, schema = fetch(url, '/api/schemas/run-manifest')
        if status != 200:
            raise Unreachable(f'the portal at {url} answered {status} for its schema')
        source = f'the schema of the portal at {url}'
    except Unreachable as e:
        schema, source = None, None
        if os.path.isfile(LOCAL_SCHEMA):
            with open(LOCAL_SCHEMA, encoding='utf-8') as f:
                schema = json.load(f)
            source = f'the repository\'s schema ({e}; benchmark, backbone and method not checked)'
    if schema is None:
        print(f'cannot check the manifest: the portal at {url} is not reachable and no copy of the '
              'schema is at hand (run from a clone of the repository, or give --url)', file=sys.stderr)
        return 3
    problems = schema_violations(schema, doc)
    if source.startswith('the schema of the portal'):
        problems += registry_violations(url, doc)
    if model is not None and not model.startswith(b'PK'):
        problems.append(f'model: {model_path} is not a TorchScript file (torch.jit.save writes a zip archive)')
    print(f'manifest {manifest_path} checked against {source}', file=out)
    if problems:
        print(f'{len(problems)} problem{"s" if len(problems) > 1 else ""}; the portal would refuse this bundle:', file=out)
        for p in problems:
            print('  ' + p, file=out)
        return 3
    print('dry run: nothing sent. The request would be:', file=out)
    print(f"  POST {url.rstrip('/')}/api/runs", file=out)
    print('  Authorization: ' + (f'Bearer {token[:9]}… (hidden)' if token else
                                 'none given: submitting needs --token or MTLBOARD_TOKEN'), file=out)
    print(f"  Idempotency-Key: {idempotency_key or '(a random key, the same for every retry)'}", file=out)
    claims = ', '.join(f'{k} = {v}' for k, v in doc.get('claims', {}).items())
    print(f"  part manifest: {len(text.encode('utf-8'))} bytes of JSON: {doc.get('benchmark')} / "
          f"{doc.get('backbone')} / {doc.get('method')} / {doc.get('optimizer')} / "
          f"{doc.get('gradientLevel')}, seed {doc.get('seed')}; claims {claims}", file=out)
    if model is None:
        print('  no model part: the run would be listed as claimed, nothing evaluated', file=out)
    else:
        print(f'  part model: {os.path.basename(model_path)}, {len(model)} bytes, '
              f'sha256 {hashlib.sha256(model).hexdigest()}; the portal would queue it for evaluation', file=out)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--url', default=os.environ.get('MTLBOARD_URL', DEFAULT_URL),
                    help=f'the portal (default: $MTLBOARD_URL, else {DEFAULT_URL})')
    ap.add_argument('--token', default=os.environ.get('MTLBOARD_TOKEN'),
                    help='your API token (default: $MTLBOARD_TOKEN); not needed with --dry-run')
    ap.add_argument('--manifest', required=True, help='the run manifest, a JSON file')
    ap.add_argument('--model', help='the TorchScript model (torch.jit.save); without it the run is claims-only')
    ap.add_argument('--idempotency-key', help='default: a random key, reused by every retry of this call')
    ap.add_argument('--retries', type=int, default=5, help='retries while the portal answers 503 or is unreachable')
    ap.add_argument('--wait', action='store_true', help='wait for the verdict (at once for a claims-only run)')
    ap.add_argument('--dry-run', action='store_true',
                    help='check the manifest and model and print what would be sent, without sending it')
    args = ap.parse_args()
    try:
        if args.dry_run:
            return dry_run(args.url, args.token, args.manifest, args.model, args.idempotency_key)
        if not args.token:
            ap.error('--token or MTLBOARD_TOKEN is required (an admin makes one: see clients/python/README.md)')
        manifest, _ = read_manifest(args.manifest)
        status, run = submit(args.url, args.token, manifest, args.model, args.idempotency_key, args.retries)
        if status not in (200, 201):
            print(f"refused ({status}): {(run or {}).get('detail')}", file=sys.stderr)
            for v in (run or {}).get('violations', []):
                print(f"  {v['field']}: {v['message']}", file=sys.stderr)
            return 3
        print(f"run {run['id']} accepted: {run['status']} {args.url.rstrip('/')}/runs/{run['id']}")
        if not args.wait:
            return 0
        if run['status'] == 'claimed':
            print('claims-only run (no model): nothing to evaluate, so nothing to wait for; '
                  'it is listed as claimed')
            return 0
        final = wait(args.url, run['id'])
        report(final)
        if (final.get('progress') or {}).get('phase') == 'diagnostics':
            print(f"diagnostics (corrupted test splits, FD) are still being measured: "
                  f"{args.url.rstrip('/')}/runs/{run['id']}")
        return FINAL.get(final.get('status'), 2)
    except (BundleError, Unreachable) as e:
        print(f'{os.path.basename(sys.argv[0])}: {e}', file=sys.stderr)
        return 3


if __name__ == '__main__':
    sys.exit(main())
