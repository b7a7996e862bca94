// Desk shortcuts: a key press counts only when it is not typed into a field and carries no modifier.
export function isShortcutKey(e: KeyboardEvent): boolean {
  const t = e.target;
  const typing =
    t instanceof HTMLInputElement ||
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement;
  return !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
}
