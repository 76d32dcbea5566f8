import type { MessageHandlers } from '../messaging/router';

export interface BackgroundDeps {
  version: string;
}

/** The background's answer to every message type. Each handler is a small function over injected parts. */
export function createHandlers(deps: BackgroundDeps): MessageHandlers {
  return {
    'any:ping': async () => ({ ok: true, version: deps.version }),
  };
}
