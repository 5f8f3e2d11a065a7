// Same keys as a table, strings at the leaves (the type each console locale must match).
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
