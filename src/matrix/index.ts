export { matrixFeature, MatrixFeature } from './matrixFeature';
