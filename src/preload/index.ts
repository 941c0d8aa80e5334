import { contextBridge, ipcRenderer } from 'electron';

// The renderer's only door to the app: one function that forwards a contract call to the main
// process, which checks the sender and parses the input with the method's zod schema.
contextBridge.exposeInMainWorld('pairwise', {
  call: (method: string, input: unknown) => ipcRenderer.invoke('pairwise:call', method, input),
});
