// The one way the pages fetch JSON: an answer that is not 2xx becomes an HttpError whose message is
// the problem+json detail (with its field violations) when the body carries one, else "HTTP <status>".

export class HttpError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.problem = problem;
  }
}

export function problemText(body, status) {
  if (!body || !body.detail) {
    return 'HTTP ' + status;
  }
  const fields = (body.violations || []).map(v => v.field + ': ' + v.message);
  return body.detail + (fields.length ? ' — ' + fields.join('; ') : '');
}

// init as for fetch(); its headers are added to Accept: application/json. Rejects with an HttpError
// for an error answer, with fetch's TypeError when the request did not reach the server.
export async function fetchJson(url, init) {
  const options = Object.assign({}, init);
  options.headers = Object.assign({ Accept: 'application/json' }, options.headers);
  const response = await fetch(url, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new HttpError(problemText(body, response.status), response.status, body);
  }
  return body;
}
