// --import hook for the packaged-main check: `electron` resolves to the recording stand-in beside this file;
// every other specifier resolves as Node resolves it, so a missing dependency still fails the run.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
