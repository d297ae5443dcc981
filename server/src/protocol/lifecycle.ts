// LSP's lifecycle, enforced before any handler runs: before `initialize` a request is answered with
// ServerNotInitialized (-32002) and a notification dropped (except `exit`); after `shutdown` a request
// is answered with InvalidRequest (-32600) and a notification dropped (except `exit`).

export type Verdict = { pass: true } | { pass: false; answer?: { id: number | string; code: number; message: string } };

export class Lifecycle {
  private state: 'new' | 'running' | 'shut down' = 'new';

  get shutDown(): boolean {
    return this.state === 'shut down';
  }

  judge(message: Record<string, unknown>): Verdict {
    if (typeof message.method !== 'string') return { pass: true }; // a response to one of our requests
    const isRequest = typeof message.id === 'number' || typeof message.id === 'string';
    if (message.method === 'exit') return { pass: true };
    if (this.state === 'new') {
      if (message.method === 'initialize' && isRequest) {
        this.state = 'running';
        return { pass: true };
      }
      return isRequest ? { pass: false, answer: { id: message.id as number | string, code: -32002, message: 'The server is not initialized yet: send initialize first.' } } : { pass: false };
    }
    if (this.state === 'shut down') return isRequest ? { pass: false, answer: { id: message.id as number | string, code: -32600, message: 'The server has shut down: only exit is accepted.' } } : { pass: false };
    if (message.method === 'shutdown' && isRequest) this.state = 'shut down';
    return { pass: true };
  }
}
