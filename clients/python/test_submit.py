"""Tests of submit.py against a local stand-in for the portal (standard library only).

Run: python3 -m unittest discover -s clients/python -p 'test_*.py'
"""
import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import submit


class Portal(BaseHTTPRequestHandler):
    """Answers POST /api/runs with the statuses queued in `answers`, recording each request's key."""
    answers = []
    keys = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        Portal.keys.append(self.headers.get('Idempotency-Key'))
        status = Portal.answers.pop(0) if Portal.answers else 201
        body = {'id': 7, 'status': 'queued'} if status == 201 else {'status': status, 'detail': 'down'}
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json' if status == 201 else 'application/problem+json')
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
        Portal.answers, Portal.keys = [], []

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


if __name__ == '__main__':
    unittest.main()
