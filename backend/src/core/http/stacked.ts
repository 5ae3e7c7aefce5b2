/**
 * Decorators for one property, written in the order they would stand above it. TypeScript applies
 * stacked decorators from the bottom up and class-validator reports failures in the order it was
 * given them, so these apply bottom-up too: a stack moved into a shared decorator reports the same
 * messages in the same order.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
}
