import { describe, expect, it, vi } from 'vitest';
import { createLazyLoader } from '@/utils/lazy-modules';

describe('loading a content script’s lazy module', () => {
  it('imports the entrypoint’s own file by its extension URL, once per page', async () => {
    const module = { createTooltipUi: vi.fn() };
    const importFile = vi.fn(async (_path: string) => module);
    const load = createLazyLoader('community', { importFile });
    const [first, second] = await Promise.all([load('tooltip'), load('tooltip')]);
    expect(first).toBe(module);
    expect(second).toBe(module);
    expect(await load('tooltip')).toBe(module);
    expect(importFile.mock.calls).toEqual([['/content-scripts/lazy-community/tooltip.js']]);
  });

  it('keeps the platform’s modules apart and under its own folder', async () => {
    const importFile = vi.fn(async (path: string) => ({ path }));
    const load = createLazyLoader('platform', { importFile });
    await load('panel');
    await load('scan');
    expect(importFile.mock.calls.map(([path]) => path)).toEqual([
      '/content-scripts/lazy-platform/panel.js',
      '/content-scripts/lazy-platform/scan.js',
    ]);
  });

  it('forgets a failed load, so that the next need tries again (the extension was updated meanwhile)', async () => {
    const importFile = vi
      .fn<(path: string) => Promise<unknown>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ ok: true });
    const load = createLazyLoader('platform', { importFile });
    await expect(load('panel')).rejects.toThrow('Failed to fetch');
    await expect(load('panel')).resolves.toEqual({ ok: true });
    expect(importFile).toHaveBeenCalledTimes(2);
  });
});
