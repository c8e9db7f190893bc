// Calls to the silo's HTTP API. Paths are relative, so the console also works behind a path prefix.

/** An API failure carrying the problem document's detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// The API key (name:secret) of a broker that requires one. Kept in this tab's session storage only: gone when
// the tab closes, never sent anywhere but to this silo.
const KeyItem = 'aklight.key';
const unauthorizedListeners = [];

export const setKey = key => key ? sessionStorage.setItem(KeyItem, key) : sessionStorage.removeItem(KeyItem);
export const onUnauthorized = listener => unauthorizedListeners.push(listener);

function withKey(headers) {
  const key = sessionStorage.getItem(KeyItem);
  return key ? { ...headers, authorization: `Bearer ${key}` } : headers;
}

function checkAuthorized(response) {
  if (response.status === 401) unauthorizedListeners.forEach(listener => listener());
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: withKey(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  checkAuthorized(response);
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const q = encodeURIComponent;

export const listTopics = () => call('GET', 'api/topics?details=true');
export const listTopicsMatching = filter => call('GET', `api/topics?details=true&filter=${q(filter)}`);
/** One partition's messages from the first at or after `time` (a Date), or from `offset`. */
export const readPartitionFrom = (topic, partition, { time, offset }, limit) =>
  call('GET', `api/messages?topic=${q(topic)}&partition=${partition}&limit=${limit}` +
    (time ? `&time=${q(time.toISOString())}` : `&offset=${offset}`));
export const describeTopic = topic => call('GET', `api/topics/info?topic=${q(topic)}`);
export const produce = message => call('POST', 'api/produce', message);
export const readPartition = (topic, partition, offset, limit) =>
  call('GET', `api/messages?topic=${q(topic)}&partition=${partition}&limit=${limit}` + (offset === null ? '' : `&offset=${offset}`));

/**
 * Reads the server-sent events of `filters` from `from`, calling onMessage with each message object.
 * fetch() rather than EventSource, so a refused request shows the problem's detail. Returns a stop function.
 */
export function stream(filters, from, { onOpen, onMessage, onError }) {
  const abort = new AbortController();
  const url = 'api/stream?' + filters.map(f => `filter=${q(f)}`).join('&') + `&from=${q(from)}`;
  (async () => {
    try {
      const response = await fetch(url, { signal: abort.signal, headers: withKey({ accept: 'text/event-stream' }) });
      checkAuthorized(response);
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      onOpen?.();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          dispatch(event, onMessage, onError);
        }
      }
      onError?.(new Error('the stream ended'));
    } catch (error) {
      if (!abort.signal.aborted) onError?.(error);
    }
  })();
  return () => abort.abort();
}

function dispatch(event, onMessage, onError) {
  let name = 'message';
  const data = [];
  for (const line of event.split('\n')) {
    if (line.startsWith(':')) continue; // comments: the session name, keep-alives
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  const payload = JSON.parse(data.join('\n'));
  if (name === 'error') onError?.(new ApiError(payload.status, payload));
  else onMessage(payload);
}

/** The payload as text for display (base64 payloads are shown as such, marked). */
export function payloadText(message) {
  if (message.payload === null) return '∅ (tombstone)';
  return message.encoding === 'base64' ? `base64:${message.payload}` : message.payload;
}
