// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { observeAddedNodes } from '../../../lib/detect/observe-added-nodes.ts';

/** Observes document.body; the batch runs when the test calls `flush()`. */
function observe(ignore?: (node: Node) => boolean) {
  const batches: Node[][] = [];
  let pending: (() => void) | undefined;
  const controller = new AbortController();
  observeAddedNodes(document.body, {
    signal: controller.signal,
    onNodes: (nodes) => batches.push(nodes),
    schedule: (run) => {
      pending = run;
    },
    ignore,
  });
  const flush = async () => {
    // MutationObserver callbacks are microtasks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    pending?.();
    pending = undefined;
  };
  return { batches, flush, controller };
}

const div = (id: string) => {
  const element = document.createElement('div');
  element.id = id;
  return element;
};

describe('observeAddedNodes', () => {
  it('hands out the added roots once, in order, without the ones inside another added root', async () => {
    document.body.innerHTML = '<main><section id="list"></section></main><aside id="side"></aside>';
    const { batches, flush } = observe();
    const list = document.getElementById('list') as HTMLElement;
    const a = div('a');
    const b = div('b');
    list.append(a, b);
    // Added inside `a` after it: covered by scanning `a`.
    const inner = div('inner');
    a.append(inner);
    inner.append(div('deeper'));
    // Elsewhere in the page: a root of its own, after the siblings whose ancestors are already known clear.
    const side = div('c');
    (document.getElementById('side') as HTMLElement).append(side);
    await flush();
    expect(batches.map((nodes) => nodes.map((node) => (node as Element).id))).toEqual([['a', 'b', 'c']]);
  });

  it('drops a node that was added and removed again before the batch ran', async () => {
    document.body.innerHTML = '<section id="list"></section>';
    const { batches, flush } = observe();
    const list = document.getElementById('list') as HTMLElement;
    const gone = div('gone');
    list.append(gone, div('kept'));
    gone.remove();
    await flush();
    expect(batches.map((nodes) => nodes.map((node) => (node as Element).id))).toEqual([['kept']]);
  });

  it('drops a node whose added ancestor is several levels up, past ancestors already known clear', async () => {
    document.body.innerHTML = '<section id="list"></section>';
    const { batches, flush } = observe();
    const list = document.getElementById('list') as HTMLElement;
    const outer = div('outer');
    const middle = div('middle');
    outer.append(middle);
    list.append(div('first'), outer);
    // Two records under `middle`: the walk up from the first one passes `middle` on its way to `outer`, which
    // must not leave `middle` marked clear for the second.
    middle.append(div('leaf'));
    middle.append(div('leaf2'));
    await flush();
    expect(batches.map((nodes) => nodes.map((node) => (node as Element).id))).toEqual([['first', 'outer']]);
  });

  it('leaves out what `ignore` says is not news', async () => {
    document.body.innerHTML = '<section id="list"></section>';
    const { batches, flush } = observe((node) => (node as Element).id === 'ours');
    (document.getElementById('list') as HTMLElement).append(div('ours'), div('theirs'));
    await flush();
    expect(batches.map((nodes) => nodes.map((node) => (node as Element).id))).toEqual([['theirs']]);
  });
});
