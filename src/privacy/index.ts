/**
 * Confidentiality and member checks: the pseudonym list (the key file), finding names, pseudonymising
 * and re-identifying the transcripts as one undoable step, the check, and the member-check export.
 */
import type { Feature } from '../feature';
import { PrivacyCommands } from './privacyCommands';

export type { PrivacyCommands };
export const privacyFeature: Feature<PrivacyCommands> = ({ service }) => new PrivacyCommands(service);
