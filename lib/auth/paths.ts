/** Starts a sign-in with the OpenID provider (`?returnTo=/path` to come back to). */
export const SIGN_IN_PATH = '/auth/sign-in';
/** Where the provider sends people back. */
export const CALLBACK_PATH = '/auth/callback';
