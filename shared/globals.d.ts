/**
 * The few host globals the pure core may use: present in Node, in browsers and in workers alike. Anything else of
 * Node or the DOM fails to compile under shared/tsconfig.json.
 */
declare function structuredClone<T>(value: T): T;
