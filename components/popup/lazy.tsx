/**
 * Views the popup does not need for its first paint (the key form, settings, the report) load on demand, so the
 * JavaScript parsed before cached results appear stays small (`npm run bench:popup`).
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyComponent<P> extends FunctionComponent<P> {
  /** Start loading now (on idle after the first paint), so opening the view later is instant. */
  preload(): Promise<void>;
}

/** What shows for the few milliseconds before a view has loaded: a block of the view's size, or nothing. */
export type LazyPlaceholder = 'view' | 'card' | 'explain' | 'none';

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: LazyPlaceholder = 'view',
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => {
    pending ??= load().then((component) => {
      loaded = component;
    });
    return pending;
  };

  function Lazy(props: P) {
    const [ready, setReady] = useState(loaded !== null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (ready) return;
      let live = true;
      preload().then(
        () => live && setReady(true),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [ready]);
    if (failed) {
      return (
        <p class="error-text" role="alert">
          This part of the popup failed to load. Close the popup and open it again.
        </p>
      );
    }
    if (!ready || loaded === null) {
      return placeholder === 'none' ? null : (
        <div class={`lazy-placeholder lazy-placeholder--${placeholder}`} aria-busy="true" />
      );
    }
    const Component = loaded;
    return <Component {...props} />;
  }
  Lazy.preload = preload;
  return Lazy;
}
