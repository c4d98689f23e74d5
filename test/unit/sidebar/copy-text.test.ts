// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../../components/sidebar/copy-text.ts';

// The e2e suite proves both paths in Chromium (test/e2e/sidebar-actions.e2e.ts); this pins the fallback order.
describe('copyText', () => {
  afterEach(() => vi.restoreAllMocks());

  const stubClipboard = (writeText: (text: string) => Promise<void>) =>
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);

  it('uses the Clipboard API when it is allowed', async () => {
    const writeText = vi.fn(async () => undefined);
    stubClipboard(writeText);
    const command = vi.fn(() => true);
    document.execCommand = command;
    await copyText('Is this about XX123?');
    expect(writeText).toHaveBeenCalledWith('Is this about XX123?');
    expect(command).not.toHaveBeenCalled();
  });

  it('falls back to the copy command when a permissions policy blocks the API', async () => {
    stubClipboard(async () => {
      throw new DOMException('blocked by permissions policy', 'NotAllowedError');
    });
    let selected = '';
    document.execCommand = vi.fn(() => {
      selected = document.querySelector('textarea')?.value ?? '';
      return true;
    });
    await copyText('Is this about XX123?');
    expect(document.execCommand).toHaveBeenCalledWith('copy');
    expect(selected).toBe('Is this about XX123?');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('rejects with the API’s error when the copy command is refused too', async () => {
    stubClipboard(async () => {
      throw new DOMException('blocked', 'NotAllowedError');
    });
    document.execCommand = vi.fn(() => false);
    await expect(copyText('x')).rejects.toThrow('blocked');
    expect(document.querySelector('textarea')).toBeNull();
  });
});
