export * from './list';
export * from './plan';
export * from './candidates';
export * from './keyFile';
export * from './scan';
export * from './override';
