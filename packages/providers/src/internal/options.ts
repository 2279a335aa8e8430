/**
 * Merging options given in code over options read from the environment.
 */

/** The fields of `a` that are set: an option left `undefined` in code keeps the environment's. */
export const definedOf = <A extends object>(a: A): Partial<A> =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Partial<A>
