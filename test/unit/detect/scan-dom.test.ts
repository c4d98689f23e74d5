// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { observeAddedNodes } from '../../../lib/detect/observe-added-nodes.ts';
import { scanForIdentifiers } from '../../../lib/detect/scan-dom.ts';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const keysOf = (root: Node, seen = new WeakSet<Node>()) =>
  scanForIdentifiers(root, { network: 'x', seen }).flatMap((hit) =>
    hit.kind === 'text' ? hit.found.map((found) => found.key) : [hit.found.key],
  );

describe('scanForIdentifiers', () => {
  it('finds identifiers in text and skips editable fields, code and our own badges', () => {
    const root = page(`
      <article><p>@sofiaflies: bags never arrived. Mail me at sofia.reyes@example.com</p></article>
      <textarea>@typed_reply</textarea>
      <input value="@in_input">
      <div contenteditable="true"><p>@draft_handle</p></div>
      <div contenteditable="false"><p>@readonly_ok</p></div>
      <script>var x = "@in_script";</script>
      <style>/* @media */</style>
      <known-badge data-known-identity="handle:x:x">@inside_badge</known-badge>
      <div data-known-ui="sidebar">@inside_sidebar</div>
    `);
    expect(keysOf(root)).toEqual([
      'handle:x:sofiaflies',
      'email:sofia.reyes@example.com',
      'handle:x:readonly_ok',
    ]);
  });

  it('reports mailto links whose text hides the address, but not those that show it', () => {
    const root = page(`
      <a href="mailto:john.carter@example.net">Email John</a>
      <a href="MAILTO:mary.okafor@example.org">mary.okafor@example.org</a>
    `);
    expect(keysOf(root)).toEqual(['email:mary.okafor@example.org', 'email:john.carter@example.net']);
  });

  it('does not report a node twice with the same seen set', () => {
    const root = page('<p>@janesmith</p>');
    const seen = new WeakSet<Node>();
    expect(keysOf(root, seen)).toEqual(['handle:x:janesmith']);
    expect(keysOf(root, seen)).toEqual([]);
  });

  it('scans nothing when the root itself is inside an editor', () => {
    const root = page('<div contenteditable=""><p id="p">@someone</p></div>');
    expect(keysOf(root.querySelector('#p') as Element)).toEqual([]);
  });
});

describe('observeAddedNodes', () => {
  it('batches added nodes, drops nested ones, and stops on abort', async () => {
    const root = page('<div id="feed"></div>');
    const feed = root.querySelector('#feed') as HTMLElement;
    const batches: Node[][] = [];
    const controller = new AbortController();
    let run: (() => void) | undefined;
    observeAddedNodes(root, {
      signal: controller.signal,
      onNodes: (nodes) => batches.push(nodes),
      schedule: (flush) => {
        run = flush;
      },
    });

    const post = document.createElement('p');
    post.textContent = '@maryokafor';
    feed.append(post);
    post.append(document.createElement('span'));
    const second = document.createElement('p');
    feed.append(second);
    await Promise.resolve();
    run?.();
    expect(batches).toEqual([[post, second]]);

    controller.abort();
    feed.append(document.createElement('p'));
    await Promise.resolve();
    run?.();
    expect(batches).toHaveLength(1);
  });
});
