// Preloaded into the Electronegativity scan: the scanner's only network use is a download of
// updated translations (through `got`, with retries). Offline, a retry firing after the request's
// timeout crashes it on Node 24 ("The `onCancel` handler was attached after the promise settled").
// This answers that download at once with a refusal, so the scan uses its bundled en-US text and
// never touches the network.
const Module = require('node:module');
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('CaseSeal scans offline'));
    offline.default = offline;
    return offline;
  }
  return originalLoad.call(this, request, parent, isMain);
};
