import type { Feature } from '../feature';
import { StatusBar } from './statusBar';

/** The status bar: the study's state and the codings of the current transcript. */
export const statusFeature: Feature = ({ service }) => new StatusBar(service);
