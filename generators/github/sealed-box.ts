/**
 * libsodium's crypto_box_seal, which GitHub requires for Actions secrets:
 * the value is encrypted here, against the repository's public key, and only
 * GitHub can open it.
 *
 *   ephemeral keypair (X25519)
 *   nonce  = BLAKE2b-192(ephemeral_pk || recipient_pk)
 *   sealed = ephemeral_pk || crypto_box(message, nonce, recipient_pk, ephemeral_sk)
 *
 * tweetnacl (audited) provides crypto_box (X25519 + XSalsa20-Poly1305) and
 * blakejs BLAKE2b, both small pure JavaScript; Node's CSPRNG makes the
 * ephemeral key. The tests open the boxes with libsodium itself.
 */
import { randomBytes } from "node:crypto";
import blake from "blakejs";
import nacl from "tweetnacl";

export const PUBLIC_KEY_BYTES = nacl.box.publicKeyLength;

export function sealedBox(message: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  if (recipientPublicKey.length !== PUBLIC_KEY_BYTES)
    throw new Error(`a sealed box needs a ${PUBLIC_KEY_BYTES}-byte public key, got ${recipientPublicKey.length} bytes`);
  const secret = new Uint8Array(randomBytes(nacl.box.secretKeyLength));
  const ephemeral = nacl.box.keyPair.fromSecretKey(secret);
  try {
    const nonce = blake.blake2b(concat(ephemeral.publicKey, recipientPublicKey), undefined, nacl.box.nonceLength);
    const box = nacl.box(message, nonce, recipientPublicKey, ephemeral.secretKey);
    return concat(ephemeral.publicKey, box);
  } finally {
    secret.fill(0);
    ephemeral.secretKey.fill(0);
  }
}

/** GitHub's encoding: the public key arrives in base64 and the sealed value leaves in base64. */
export function sealForGitHub(value: string, publicKeyBase64: string): string {
  const sealed = sealedBox(new TextEncoder().encode(value), new Uint8Array(Buffer.from(publicKeyBase64, "base64")));
  return Buffer.from(sealed).toString("base64");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
