/** Types of identical-cases.js (plain JavaScript so a browser page can run it unchanged). */
export function identicalCases(lib: typeof import('../../lib/index.js')): Record<string, string>;
