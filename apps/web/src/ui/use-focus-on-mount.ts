/**
 * @module use-focus-on-mount
 * React's `autoFocus` for an element that appears after the page loaded, without relying on
 * the renderer. React calls `focus()` itself when it mounts an `autoFocus` element; the
 * shipped app renders with preact/compat (vite.config.ts), which only sets the HTML
 * `autofocus` attribute, and browsers honour that attribute once per page at most (and not
 * when something already has focus). So a field that must take the caret when it appears
 * (a new document's title, a rename box, the link box) asks for it here instead.
 * Like React's `autoFocus`, only the value at mount counts: a field that becomes eligible
 * later does not steal the caret from what the person is doing.
 */
import { type RefObject, useLayoutEffect, useRef } from "react";

/**
 * @example
 * const input = useFocusOnMount<HTMLInputElement>(isNew);
 * return <input ref={input} />;
 */
export function useFocusOnMount<T extends HTMLElement>(when = true): RefObject<T | null> {
  const ref = useRef<T>(null);
  const atMount = useRef(when);
  useLayoutEffect(() => {
    if (atMount.current) ref.current?.focus();
  }, []);
  return ref;
}

/**
 * The same for an element that a component shows later (a rename box that opens in place):
 * a ref callback of one identity, so the renderer calls it once, when the element appears.
 * @example
 * {editing && <input ref={focusWhenAttached} />}
 */
export function focusWhenAttached(element: HTMLElement | null): void {
  element?.focus();
}
