/** A seeded generator of numbers in [0, 1); see prng.mjs. */
export declare function prng(seed: number): () => number;
