import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TooltipController } from '@/components/tooltip/controller';
import { createTooltipOnDemand, type LoadedTooltipUi } from '@/utils/scan/tooltip-on-demand';

let lifetime = new AbortController();
afterEach(() => lifetime.abort());

function page() {
  document.body.innerHTML = `<p>Error: <mad-hl data-mad-hl tabindex="0" data-mad-category="quota_exceeded">You exceeded your current quota</mad-hl> and <span id="plain">plain text</span></p>`;
  return {
    highlight: document.querySelector('mad-hl') as HTMLElement,
    plain: document.getElementById('plain') as HTMLElement,
  };
}

function fakeUi() {
  const open = vi.fn();
  const controller = { open, close: vi.fn(), openFor: null } as unknown as TooltipController;
  const ui: LoadedTooltipUi & { mounts: number } = {
    mounts: 0,
    controller,
    mount() {
      this.mounts++;
    },
  };
  return { ui, open };
}

function setUp(load: () => Promise<LoadedTooltipUi>, isInvalid?: () => boolean) {
  lifetime = new AbortController();
  const onError = vi.fn();
  const loadSpy = vi.fn(load);
  const onDemand = createTooltipOnDemand({
    document,
    window,
    signal: lifetime.signal,
    isInvalid,
    load: loadSpy,
    onError,
  });
  return { onDemand, load: loadSpy, onError };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the forum tooltip, loaded on demand', () => {
  it('loads nothing on a page without marks, and loads and mounts once when the scanner marks something', async () => {
    page();
    const { ui } = fakeUi();
    const { onDemand, load } = setUp(async () => ui);
    await settled();
    expect(load).not.toHaveBeenCalled();
    expect(onDemand.controller).toBeUndefined();

    onDemand.prepare();
    onDemand.prepare();
    await settled();
    expect(load).toHaveBeenCalledTimes(1);
    expect(ui.mounts).toBe(1);
    expect(onDemand.controller).toBe(ui.controller);
  });

  it('opens for a highlight focused before the UI arrived, if it still has focus', async () => {
    const { highlight } = page();
    const { ui, open } = fakeUi();
    const { load } = setUp(async () => ui);
    highlight.focus();
    expect(load).toHaveBeenCalledTimes(1);
    await settled();
    expect(open).toHaveBeenCalledWith(highlight, 'focus');
  });

  it('does not open for a focus that has moved on meanwhile', async () => {
    const { highlight } = page();
    const { ui, open } = fakeUi();
    let arrive: (value: LoadedTooltipUi) => void = () => {};
    setUp(() => new Promise((resolve) => (arrive = resolve)));
    highlight.focus();
    highlight.blur();
    arrive(ui);
    await settled();
    expect(ui.mounts).toBe(1);
    expect(open).not.toHaveBeenCalled();
  });

  it('starts loading on the first pointer over a mark, and leaves a pointer that has moved off to the controller', async () => {
    const { highlight } = page();
    const { ui, open } = fakeUi();
    const { load } = setUp(async () => ui);
    highlight.dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
    expect(load).toHaveBeenCalledTimes(1);
    await settled();
    expect(ui.mounts).toBe(1);
    // The pointer is not over the mark any more (nothing is hovered here): no opening without hover intent.
    expect(open).not.toHaveBeenCalled();
  });

  it('opens on Enter or a click at once, ignores other keys and events off the marks', async () => {
    const { highlight, plain } = page();
    const { ui, open } = fakeUi();
    const { load } = setUp(async () => ui);
    plain.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    highlight.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(load).not.toHaveBeenCalled();
    highlight.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settled();
    expect(open).toHaveBeenCalledWith(highlight, 'keyboard');
  });

  it('hands over to the controller once loaded: later events do not reach the loader', async () => {
    const { highlight } = page();
    const { ui, open } = fakeUi();
    const { onDemand, load } = setUp(async () => ui);
    onDemand.prepare();
    await settled();
    highlight.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settled();
    expect(load).toHaveBeenCalledTimes(1);
    expect(open).not.toHaveBeenCalled();
  });

  it('reports a failed load and tries again at the next need', async () => {
    page();
    const { ui } = fakeUi();
    const { onDemand, load, onError } = setUp(
      vi
        .fn<() => Promise<LoadedTooltipUi>>()
        .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
        .mockResolvedValueOnce(ui),
    );
    onDemand.prepare();
    await settled();
    expect(onError).toHaveBeenCalledTimes(1);
    onDemand.prepare();
    await settled();
    expect(load).toHaveBeenCalledTimes(2);
    expect(onDemand.controller).toBe(ui.controller);
  });

  it('gives up after three failed loads: no fetch and no warning on every hover after that', async () => {
    const { highlight } = page();
    const { onDemand, load, onError } = setUp(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      onDemand.prepare();
      highlight.dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
      await settled();
    }
    expect(load).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledTimes(3);
  });

  it('fetches and mounts nothing once the extension has gone, even before its signal says so', async () => {
    page();
    const { ui } = fakeUi();
    let invalid = false;
    const { onDemand, load } = setUp(
      () =>
        new Promise((resolve) => {
          invalid = true;
          resolve(ui);
        }),
      () => invalid,
    );
    onDemand.prepare();
    await settled();
    expect(load).toHaveBeenCalledTimes(1);
    expect(ui.mounts).toBe(0);
    onDemand.prepare();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('leaves a link inside a mark a link, and keeps Space from scrolling while the card loads', async () => {
    document.body.innerHTML = `<p><mad-hl data-mad-hl tabindex="0" data-mad-category="quota_exceeded">see <a href="https://platform.openai.com/">billing</a></mad-hl></p>`;
    const link = document.querySelector('a') as HTMLElement;
    const highlight = document.querySelector('mad-hl') as HTMLElement;
    const { ui, open } = fakeUi();
    let arrive: (value: LoadedTooltipUi) => void = () => {};
    const { load } = setUp(() => new Promise((resolve) => (arrive = resolve)));
    link.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(load).toHaveBeenCalledTimes(1);
    arrive(ui);
    await settled();
    expect(open).not.toHaveBeenCalled();

    lifetime.abort();
    const second = fakeUi();
    const again = setUp(async () => second.ui);
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    highlight.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(true);
    await settled();
    expect(again.load).toHaveBeenCalledTimes(1);
    expect(second.open).toHaveBeenCalledWith(highlight, 'keyboard');
  });

  it('does nothing once its lifetime has ended (extension reloaded)', async () => {
    const { highlight } = page();
    const { ui } = fakeUi();
    const { onDemand, load } = setUp(async () => ui);
    lifetime.abort();
    onDemand.prepare();
    highlight.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settled();
    expect(load).not.toHaveBeenCalled();
  });
});
