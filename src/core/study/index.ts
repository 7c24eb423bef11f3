/**
 * The study in memory (./study), the operations that change it (./operations, applied by ./apply)
 * and the error it refuses one with (./errors).
 */
export { Study } from './study';
export { StudyError } from './errors';
export type { StepEffect } from './history';
export type { CodePatch, CodingPatch, Operation, StudyChange } from './operations';
export { partitionKey, splitPartitionKey } from './operations';
