import { describe, expect, it, vi } from 'vitest';
import { redactKeys } from '@/utils/diagnosis/redact';
import {
  EXPLAIN_MENU_ID,
  EXPLAIN_MENU_TITLE,
  type ExplainClickDeps,
  handleExplainClick,
  registerExplainMenu,
  startExplainMenu,
} from '@/utils/contextmenu/menu';
import type { ExplainRequest } from '@/utils/storage';

const PAGE_URL = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/explain.html';

function deps(initial: Record<string, ExplainRequest> | null = null) {
  const store: { value: Record<string, ExplainRequest> | null } = { value: initial };
  const createTab = vi.fn(async (_properties: unknown) => ({}));
  let counter = 0;
  const value: ExplainClickDeps = {
    readRequests: async () => store.value,
    writeRequests: async (requests) => {
      store.value = requests;
    },
    createTab,
    explainPageUrl: PAGE_URL,
    redact: (text) => redactKeys(text),
    randomBytes: (length) => new Uint8Array(length).fill(++counter),
    now: () => 10_000_000,
  };
  return { value, store, createTab };
}

describe('the "Explain this OpenAI error" menu', () => {
  it('registers one selection-only item, after clearing any left from an earlier start', async () => {
    const calls: string[] = [];
    const menus = {
      removeAll: vi.fn(async () => {
        calls.push('removeAll');
      }),
      create: vi.fn(() => {
        calls.push('create');
      }),
    };
    await registerExplainMenu(menus);
    expect(calls).toEqual(['removeAll', 'create']);
    expect(menus.create).toHaveBeenCalledWith({
      id: EXPLAIN_MENU_ID,
      title: EXPLAIN_MENU_TITLE,
      contexts: ['selection'],
    });
  });

  it('stores the selection under a random id and opens the explain page with only the id', async () => {
    const { value, store, createTab } = deps();
    const text = 'Error code: 429 - insufficient_quota';
    const url = await handleExplainClick(
      { menuItemId: EXPLAIN_MENU_ID, selectionText: `  ${text}\n` },
      { id: 7, index: 2, windowId: 1 },
      value,
    );
    const id = '01'.repeat(16);
    expect(url).toBe(`${PAGE_URL}?request=${id}`);
    expect(url).not.toContain('429');
    expect(store.value).toEqual({ [id]: { text, createdAt: 10_000_000 } });
    expect(createTab).toHaveBeenCalledWith({ url, active: true, index: 3, openerTabId: 7, windowId: 1 });
  });

  it('masks an API key in the selection before storing it', async () => {
    const { value, store } = deps();
    const key = `sk-proj-${'A'.repeat(20)}T3BlbkFJ${'b'.repeat(20)}`;
    await handleExplainClick(
      { menuItemId: EXPLAIN_MENU_ID, selectionText: `Incorrect API key provided: ${key}.` },
      undefined,
      value,
    );
    const stored = JSON.stringify(store.value);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain('T3BlbkFJ');
    expect(stored).toContain('Incorrect API key provided');
  });

  it('opens an empty explain page for an empty selection, storing nothing', async () => {
    const { value, store, createTab } = deps();
    const url = await handleExplainClick(
      { menuItemId: EXPLAIN_MENU_ID, selectionText: '   ' },
      { id: -1 },
      value,
    );
    expect(url).toBe(PAGE_URL);
    expect(store.value).toBeNull();
    expect(createTab).toHaveBeenCalledWith({ url: PAGE_URL, active: true });
  });

  it('ignores clicks on other items', async () => {
    const { value, createTab } = deps();
    expect(
      await handleExplainClick({ menuItemId: 'other', selectionText: 'x' }, undefined, value),
    ).toBeNull();
    expect(createTab).not.toHaveBeenCalled();
  });

  it('keeps earlier requests (pruned) next to the new one', async () => {
    const old = {
      ['f'.repeat(32)]: { text: 'old', createdAt: 1 },
      ['e'.repeat(32)]: { text: 'recent', createdAt: 9_999_000 },
    };
    const { value, store } = deps(old);
    await handleExplainClick({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'new' }, undefined, value);
    expect(
      Object.values(store.value ?? {})
        .map((request) => request.text)
        .sort(),
    ).toEqual(['new', 'recent']);
  });

  it('startExplainMenu listens before it registers, and logs failures instead of throwing', async () => {
    const order: string[] = [];
    let listener: ((info: { menuItemId: string; selectionText?: string }) => void) | undefined;
    const log = vi.fn();
    const { value, createTab } = deps();
    startExplainMenu(
      {
        removeAll: async () => {
          order.push('removeAll');
          throw new Error('menus unavailable');
        },
        create: () => order.push('create'),
        onClicked: {
          addListener: (callback) => {
            order.push('listen');
            listener = callback;
          },
        },
      },
      {
        ...value,
        createTab: async (properties) => {
          await createTab(properties);
          throw new Error('no window');
        },
      },
      log,
    );
    expect(order[0]).toBe('listen');
    listener?.({ menuItemId: EXPLAIN_MENU_ID, selectionText: 'x' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledTimes(2));
    expect(log.mock.calls.map(([text]) => text).sort()).toEqual([
      'explain menu click failed: no window',
      'explain menu not registered: menus unavailable',
    ]);
  });

  it('does nothing (and says so once) where the browser has no context menus', () => {
    const log = vi.fn();
    startExplainMenu(undefined, deps().value, log);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
