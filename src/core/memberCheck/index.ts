export * from './document';
export * from './html';
export * from './select';
