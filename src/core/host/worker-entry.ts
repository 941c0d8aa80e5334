import { parentPort } from 'node:worker_threads';
import { serveCore } from './host';

// The core host in a worker thread (the web bridge): the HTTP loop stays on the main thread and relays
// every call here. See protocol.ts for the messages.
const port = parentPort!;
serveCore({
  post: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', listener),
  exit: (code) => process.exit(code),
});
