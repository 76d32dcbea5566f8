/** Loads a whole fixture page into the test document (scripts do not run: tests do the page's work). */
export function loadPage(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.documentElement.className = parsed.documentElement.className;
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
}

export function post(number: number): Element {
  const element = document.querySelector(`[data-post-number="${number}"]`);
  if (!element) throw new Error(`post ${number} not in the page`);
  return element;
}

export function cooked(number: number): Element {
  const element = post(number).querySelector('.cooked');
  if (!element) throw new Error(`post ${number} has no .cooked`);
  return element;
}
