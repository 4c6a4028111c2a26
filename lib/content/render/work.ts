/**
 * Steps taken by the pipeline's own scanners (typographer, heading ids, shortcode scanner), counted so a test can
 * hold them to linear growth by counting rather than by timing. Module-level and never reset by the pipeline.
 */
export const work = { steps: 0 };
