import { errors } from '../errors.ts';

/**
 * Whose avatar it is, as the authentik policy names it:
 *   user:<uuid>                an authentik user (settings flows, directory syncs of existing users)
 *   pending:<random>           an enrollment upload: no user exists yet, so the upload is anonymous
 *   directory:<source>:<uniq>  a directory photo synced before (or without) an authentik user
 *   import:<name>              a file brought in by the import command
 */
export type OwnerKind = 'user' | 'pending' | 'directory' | 'import';
const KINDS: readonly OwnerKind[] = ['user', 'pending', 'directory', 'import'];

export interface Owner {
  kind: OwnerKind;
  /** The whole owner string, as stored in records. */
  value: string;
}

const MAX_LENGTH = 256;

/** Reads an owner string from an untrusted request, or throws a 400 that says what to send. */
export function parseOwner(raw: unknown): Owner {
  if (typeof raw !== 'string' || raw === '') {
    throw errors.malformed('"owner" is required: the authentik policy sends "user:<uuid>" (or "pending:<random>" in enrollment). Update the policy to this version.');
  }
  const colon = raw.indexOf(':');
  const kind = raw.slice(0, colon) as OwnerKind;
  const rest = raw.slice(colon + 1);
  const printable = [...raw].every((char) => char > ' ' && char <= '~');
  if (colon < 1 || !KINDS.includes(kind) || rest === '' || raw.length > MAX_LENGTH || !printable) {
    throw errors.malformed(`"owner" must look like user:<uuid>, pending:<random>, directory:<source>:<id> or import:<name> (at most ${MAX_LENGTH} printable characters).`);
  }
  return { kind, value: raw };
}

/** Uploads nobody has signed in for: they are limited per client and in total (see AnonymousLimits). */
export const isAnonymous = (owner: Owner) => owner.kind === 'pending';

/** Avatars whose owner is a stand-in until a user names them; the sweep hands them to that user. */
export const isProvisional = (owner: string) => owner.startsWith('pending:') || owner.startsWith('import:');
