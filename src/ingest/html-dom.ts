/**
 * A few read-only helpers over the parse5 tree: attributes, text, element walks.
 */
import type { DefaultTreeAdapterTypes as T } from 'parse5';

export type Node = T.Node;
export type Element = T.Element;

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function isText(node: Node): node is T.TextNode {
  return node.nodeName === '#text';
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function childrenOf(node: Node): Node[] {
  if ('content' in node && node.nodeName === 'template') return [];
  return 'childNodes' in node ? node.childNodes : [];
}

/** Every element below `root` in document order, without descending into subtrees `skip` rejects. */
export function* walkElements(root: Node, skip: (el: Element) => boolean = () => false): Generator<Element> {
  const stack: Node[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (skip(node)) continue;
    yield node;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** The concatenated text below a node, skipping subtrees `skip` rejects. */
export function textOf(root: Node, skip: (el: Element) => boolean = () => false): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.value);
      continue;
    }
    if (isElement(node) && node !== root && skip(node)) continue;
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join('');
}
