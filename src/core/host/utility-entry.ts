import { serveCore } from './host';

// The core host in an Electron utility process (the desktop app). Electron gives a utility process a
// `process.parentPort` to its parent; this file imports nothing from electron, so it stays plain core.
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('The Pairwise core host must be started with Electron’s utilityProcess.fork');

serveCore({
  post: (message) => parentPort.postMessage(message),
  onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
  exit: (code) => process.exit(code),
});
