"""Tests of submit.py against a local stand-in for the portal (standard library only).

Run: python3 -m unittest discover -s clients/python -p 'test_*.py'
"""
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import submit

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, 'examples')


with open(submit.LOCAL_SCHEMA, encoding='utf-8') as f:
    SCHEMA = json.load(f)
MULTIFASHION = {'id': 'multifashion', 'tasks': [
    {'name': 'left', 'metrics': [{'key': 'left.accuracy'}]}, {'name': 'right', 'metrics': [{'key': 'right.accuracy'}]}]}


class Portal(BaseHTTPRequestHandler):
    """Answers POST /api/runs with the statuses queued in `answers`, recording each request's key,
    and the GETs of a dry run: the manifest schema, the MultiFashion benchmark, backbones and methods."""
    answers = []
    keys = []
    run_status = 'queued'

    def do_GET(self):
        path = self.path.split('?')[0]
        answers = {'/api/schemas/run-manifest': SCHEMA, '/api/benchmarks/multifashion': MULTIFASHION,
                   '/api/backbones': [{'id': 'lenet5'}], '/api/methods/ew': {'id': 'ew'},
                   # the verdict is in, the diagnostics are still measured
                   '/api/runs/7': {'id': 7, 'status': 'verified', 'values': [], 'evaluation': {},
                                   'progress': {'done': 10000, 'total': 410000, 'phase': 'diagnostics'}}}
        self.answer(200, answers[path]) if path in answers else self.answer(404, {'status': 404})

    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        Portal.keys.append(self.headers.get('Idempotency-Key'))
        status = Portal.answers.pop(0) if Portal.answers else 201
        body = {'id': 7, 'status': Portal.run_status} if status == 201 else {'status': status, 'detail': 'down'}
        self.answer(status, body)

    def answer(self, status, body):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json' if status < 300 else 'application/problem+json')
        if status == 503:
            self.send_header('Retry-After', '1')
        self.send_header('Content-Length', str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


class SubmitTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(('127.0.0.1', 0), Portal)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = f'http://127.0.0.1:{cls.server.server_address[1]}'

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def setUp(self):
        Portal.answers, Portal.keys, Portal.run_status = [], [], 'queued'

    def client(self, *args):
        """Runs submit.py as a user does: (exit status, stdout, stderr)."""
        p = subprocess.run([sys.executable, os.path.join(HERE, 'submit.py'), *args], capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, MTLBOARD_TOKEN='mtlb_test'))
        return p.returncode, p.stdout, p.stderr

    def manifest(self, **changes):
        with open(os.path.join(EXAMPLES, 'run.json'), encoding='utf-8') as f:
            doc = json.load(f)
        doc.update(changes)
        path = os.path.join(tempfile.mkdtemp(), 'run.json')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(doc, f)
        return path

    def test_retries_503_with_the_same_idempotency_key_until_accepted(self):
        Portal.answers = [503, 503]
        status, run = submit.submit(self.url, 't', '{}', retries=5)
        self.assertEqual((status, run['id']), (201, 7))
        self.assertEqual(len(Portal.keys), 3)
        self.assertTrue(Portal.keys[0])
        self.assertEqual(len(set(Portal.keys)), 1)

    def test_keeps_a_given_idempotency_key(self):
        status, _ = submit.submit(self.url, 't', '{}', idempotency_key='my-run-1')
        self.assertEqual(status, 201)
        self.assertEqual(Portal.keys, ['my-run-1'])

    def test_gives_up_with_the_last_503_after_the_retries(self):
        Portal.answers = [503, 503, 503]
        status, answer = submit.submit(self.url, 't', '{}', retries=1)
        self.assertEqual(status, 503)
        self.assertEqual(len(Portal.keys), 2)
        self.assertEqual(answer['detail'], 'down')

    def test_does_not_retry_a_refused_bundle(self):
        Portal.answers = [400]
        status, _ = submit.submit(self.url, 't', '{}', retries=5)
        self.assertEqual(status, 400)
        self.assertEqual(len(Portal.keys), 1)

    def test_reads_the_delay_a_503_asks_for_within_bounds(self):
        self.assertEqual(submit.retry_after({'_retryAfter': '5'}, 2), 5)
        self.assertEqual(submit.retry_after({'_retryAfter': '999'}, 2), 60)
        self.assertEqual(submit.retry_after({'_retryAfter': 'soon'}, 2), 2)
        self.assertEqual(submit.retry_after(None, 4), 4)


    def test_dry_run_checks_the_example_bundle_against_the_portal_and_sends_nothing(self):
        out = io.StringIO()
        status = submit.dry_run(self.url, 'mtlb_secret-token', os.path.join(EXAMPLES, 'run.json'),
                                os.path.join(EXAMPLES, 'model.pt'), out=out)
        self.assertEqual(status, 0, out.getvalue())
        self.assertEqual(Portal.keys, [])
        text = out.getvalue()
        self.assertIn(f'checked against the schema of the portal at {self.url}', text)
        self.assertIn(f'POST {self.url}/api/runs', text)
        self.assertIn('Bearer mtlb_secr… (hidden)', text)
        self.assertNotIn('mtlb_secret-token', text)
        self.assertIn('claims left.accuracy = 66.5, right.accuracy = 60.31', text)
        self.assertIn('part model: model.pt, ', text)

    def test_dry_run_lists_every_problem_of_the_manifest(self):
        path = self.manifest(optimizer='adamx', seed=-1, claims={'left.accuracy': 66.5, 'middle.accuracy': 1},
                             extra=True, backbone='lenet6')
        out = io.StringIO()
        self.assertEqual(submit.dry_run(self.url, None, path, out=out), 3)
        text = out.getvalue()
        for problem in ['/optimizer: must be one of adam, adamw, sgd, signsgd', '/seed: must be at least 0',
                        '/extra: not a property of the manifest', "/backbone: unknown backbone 'lenet6'",
                        '/claims/middle.accuracy: not a metric of multifashion',
                        '/claims/right.accuracy: required']:
            self.assertIn(problem, text)
        self.assertIn('6 problems; the portal would refuse this bundle', text)
        self.assertEqual(Portal.keys, [])

    def test_dry_run_uses_the_repository_schema_when_the_portal_is_down(self):
        out = io.StringIO()
        status = submit.dry_run(closed_port_url(), None, self.manifest(gradientLevel='layer'), out=out)
        self.assertEqual(status, 3)
        self.assertIn("checked against the repository's schema", out.getvalue())
        self.assertIn('/gradientLevel: must be one of param, feature', out.getvalue())

    def test_says_in_one_line_that_a_file_is_missing(self):
        code, out, err = self.client('--url', self.url, '--manifest', os.path.join(EXAMPLES, 'run.json'),
                                     '--model', 'no-such-model.pt')
        self.assertEqual((code, err), (3, 'submit.py: model file not found: no-such-model.pt\n'))
        code, _, err = self.client('--url', self.url, '--manifest', 'no-such-run.json', '--dry-run')
        self.assertEqual((code, err), (3, 'submit.py: manifest file not found: no-such-run.json\n'))
        self.assertEqual(Portal.keys, [])

    def test_says_in_one_line_that_a_manifest_is_not_json(self):
        path = os.path.join(tempfile.mkdtemp(), 'run.json')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('{"seed": 1,\n "seed": 2}')
        code, _, err = self.client('--url', self.url, '--manifest', path)
        self.assertEqual((code, err), (3, f'submit.py: manifest {path}: duplicate key "seed"\n'))

    def test_says_in_one_line_that_the_portal_is_not_reachable(self):
        url = closed_port_url()
        code, _, err = self.client('--url', url, '--manifest', os.path.join(EXAMPLES, 'claims-only.json'),
                                   '--retries', '0')
        self.assertEqual(code, 3)
        self.assertTrue(err.startswith(f'submit.py: portal not reachable at {url} ('), err)
        self.assertNotIn('Traceback', err)

    def test_wait_returns_at_once_for_a_claims_only_run(self):
        Portal.run_status = 'claimed'
        code, out, _ = self.client('--url', self.url, '--manifest', os.path.join(EXAMPLES, 'claims-only.json'),
                                   '--wait')
        self.assertEqual(code, 0)
        self.assertIn('run 7 accepted: claimed', out)
        self.assertIn('nothing to evaluate', out)

    def test_wait_ends_at_the_verdict_and_says_the_diagnostics_go_on(self):
        code, out, _ = self.client('--url', self.url, '--manifest', os.path.join(EXAMPLES, 'run.json'),
                                   '--model', os.path.join(EXAMPLES, 'model.pt'), '--wait')
        self.assertEqual(code, 0)
        self.assertIn('run 7: verified', out)
        self.assertIn(f'diagnostics (corrupted test splits, FD) are still being measured: {self.url}/runs/7', out)

    def test_the_example_manifests_pass_the_repository_schema(self):
        for name in ['run.json', 'claims-only.json']:
            with open(os.path.join(EXAMPLES, name), encoding='utf-8') as f:
                self.assertEqual(submit.schema_violations(SCHEMA, json.load(f)), [], name)


def closed_port_url():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return f'http://127.0.0.1:{s.getsockname()[1]}'


if __name__ == '__main__':
    unittest.main()
