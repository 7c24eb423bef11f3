/** The core's sentences in the display language: configured at activation, shown by the glue. */
export { configureCoreL10n, ensureCoreL10n } from './config';
export { errorMessage, showStudyErrors } from './coreMessages';
