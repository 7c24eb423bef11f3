export * from './list';
export * from './plan';
export * from './candidates';
