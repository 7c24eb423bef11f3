export { refiFeature } from './refiCommands';
