import 'server-only';
import { registryAccess, type RegistryAccess } from './access';
import { resolvePerson, type Person } from './identity';
import { readSession, type SessionData } from './session';
import { readAuthSettings, type AuthSettings } from './settings';

/** Everything a route handler needs to know about who is asking. */
export type RequestIdentity = {
  settings: AuthSettings;
  session: SessionData;
  /** The verified person, or null (recorded as `anonymous`). */
  person: Person | null;
  /** The registry credentials this request may act with. */
  access: RegistryAccess;
};

/** A request's cookies and headers: a NextRequest, or a server component's `cookies()` and `headers()`. */
export type RequestLike = { cookies: { get(name: string): { value: string } | undefined }; headers: Headers };

/** Reads the session of a request and decides who it is and which registry access it has. */
export async function identify(request: RequestLike): Promise<RequestIdentity> {
  const settings = readAuthSettings();
  const session = await readSession(request.cookies);
  const person = resolvePerson(request.headers, session, settings);
  return { settings, session, person, access: registryAccess(session, person, settings) };
}
