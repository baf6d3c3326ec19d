/**
 * lib/data: small data sets for the models (the tutorial's toy; bars-and-stripes).
 */
export * from './toy.js';
export * from './bars-stripes.js';
