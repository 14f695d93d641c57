// SSH public key blobs: their type and their SHA256 fingerprint as OpenSSH prints it.
// Runtime: Node.

import crypto from 'node:crypto';

export interface HostKey {
  /** e.g. 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa' */
  type: string;
  /** The key blob, base64 (the third field of a known_hosts line). */
  base64: string;
  /** 'SHA256:…' without padding, exactly as `ssh-keygen -l` and ssh's prompts show it. */
  fingerprint: string;
}

/** The key type is the first SSH string in the blob (uint32 length, then bytes). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new Error('Host key blob too short');
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) throw new Error('Malformed host key blob');
  return blob.toString('ascii', 4, 4 + len);
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function hostKeyFromBlob(blob: Buffer): HostKey {
  return {
    type: keyTypeOf(blob),
    base64: blob.toString('base64'),
    fingerprint: fingerprintOf(blob),
  };
}

/** OpenSSH's short name for messages: ED25519, ECDSA, RSA. */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  return type.toUpperCase();
}

/** Host key algorithms a key type can be negotiated with (RSA keys sign with SHA-2 today). */
export function algorithmsForKeyType(type: string): string[] {
  if (type === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [type];
}
