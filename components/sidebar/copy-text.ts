/**
 * Puts text on the clipboard from the sidebar frame. The async Clipboard API is tried first; a host page
 * whose Permissions-Policy denies `clipboard-write` to frames blocks it in our iframe whatever `allow` says,
 * so the older copy command (allowed on a click, not governed by that policy) is the fallback.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (error) {
    if (!copyWithCommand(text, doc)) throw error;
  }
}

function copyWithCommand(text: string, doc: Document): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none';
  const focused = doc.activeElement as HTMLElement | null;
  doc.body.append(area);
  area.select();
  try {
    // Deprecated but still the one copy path a permissions policy does not block; `false` when refused.
    return doc.execCommand('copy');
  } finally {
    area.remove();
    focused?.focus();
  }
}
