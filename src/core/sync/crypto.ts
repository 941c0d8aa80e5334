import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { UserError } from '../errors';

/**
 * End-to-end encryption of sync messages. The key never leaves the replica: it is derived from the
 * program passphrase the coordinators share and a random per-space salt kept on the server (the salt is
 * not secret; it makes a dictionary built for one space useless for another). AES-256-GCM authenticates
 * as well as hides: a message altered on the server, or moved to another space or id (both are bound in
 * as additional data), fails to decrypt instead of applying garbage.
 */

/** scrypt's cost: ~0.1 s and 32 MiB once per connect on this machine, a lot per guess for an attacker with the server's data. */
export const KDF = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERIFIER_TEXT = 'pairwise-sync-verifier-v1';

export class WrongPassphraseError extends UserError {
  constructor() {
    super('The passphrase does not open this program\'s sync data: check it with the other coordinators. Nothing was written.');
  }
}

export type SyncKey = Buffer;

export function newSalt(): Buffer {
  return randomBytes(16);
}

export function deriveKey(passphrase: string, salt: Buffer): Promise<SyncKey> {
  // NFC: the same passphrase typed on two keyboards (é composed or not) gives the same key.
  const secret = passphrase.normalize('NFC');
  const options: ScryptOptions = { N: KDF.N, r: KDF.r, p: KDF.p, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** iv ‖ tag ‖ ciphertext. */
export function encrypt(key: SyncKey, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws WrongPassphraseError when the key (or the bound data) is not the one the message was sealed with. */
export function decrypt(key: SyncKey, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new WrongPassphraseError();
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** A known text sealed with the space's key when the space is created: checked before anything is written. */
export function makeVerifier(key: SyncKey, space: string): Buffer {
  return encrypt(key, Buffer.from(VERIFIER_TEXT), `${space}\0verifier`);
}

export function checkVerifier(key: SyncKey, space: string, verifier: Buffer): void {
  if (decrypt(key, verifier, `${space}\0verifier`).toString('utf8') !== VERIFIER_TEXT) throw new WrongPassphraseError();
}
