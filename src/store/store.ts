/** The store's ports, one per aggregate (src/store/ports/), and `Store`, all of them together. */
export type * from './ports/index';
