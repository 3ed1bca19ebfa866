import { isValidElement, type ReactElement } from "react";

/** The first element of `type` in a server component's returned tree (child components are not rendered there). */
export function findElement(node: unknown, type: unknown): ReactElement | null {
  if (isValidElement(node)) {
    if (node.type === type) return node;
    return findElement((node.props as { children?: unknown }).children, type);
  }
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child, type);
      if (found) return found;
    }
  }
  return null;
}
