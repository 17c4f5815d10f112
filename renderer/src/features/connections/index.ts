/** The connections feature's public surface: what App and other features may use. Everything else is internal. */
export {
  type ConnectionDialogApi,
  type ConnectionDialogOptions,
  type ConnectionDialogStore,
  createConnectionDialogStore,
} from './connection-dialog-store';
export { createStartScreenStore, type StartScreenApi, type StartScreenStore } from './start-screen-store';
export { StartScreen } from './StartScreen';
export { createSignInStore, type SignInApi, type SignInStore } from './sign-in-store';
export { SignInDialogs } from './SignInDialogs';
