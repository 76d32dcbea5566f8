import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging/client';

type Connection = { state: 'connecting' } | { state: 'ready'; version: string } | { state: 'failed'; reason: string };

/** The toolbar popup. */
export function Popup({ ping = () => sendMessage('any:ping', {}) }: { ping?: () => Promise<{ version: string }> }) {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });

  useEffect(() => {
    let live = true;
    ping().then(
      ({ version }) => live && setConnection({ state: 'ready', version }),
      (error: unknown) => live && setConnection({ state: 'failed', reason: String(error) }),
    );
    return () => {
      live = false;
    };
  }, [ping]);

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Model Access Doctor</h1>
        <p class="popup__status" data-connection={connection.state} role="status">
          {connection.state === 'connecting' && 'Connecting…'}
          {connection.state === 'ready' && `Ready · v${connection.version}`}
          {connection.state === 'failed' && `The background did not answer: ${connection.reason}`}
        </p>
      </header>
    </main>
  );
}
