/**
 * Our sealed box (tweetnacl + blakejs) against libsodium's own
 * crypto_box_seal_open: if libsodium opens it, GitHub can.
 */
import sodium from "libsodium-wrappers";
import { beforeAll, describe, expect, it } from "vitest";
import { sealedBox, sealForGitHub } from "../../generators/github/sealed-box.js";

beforeAll(async () => {
  await sodium.ready;
});

describe("sealedBox", () => {
  it("is opened by libsodium's crypto_box_seal_open, for short, empty, multi-line and binary messages", () => {
    const recipient = sodium.crypto_box_keypair();
    const messages = [
      new TextEncoder().encode("203.0.113.7"),
      new Uint8Array(0),
      new TextEncoder().encode(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
      ),
      Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256),
    ];
    for (const message of messages) {
      const sealed = sealedBox(message, recipient.publicKey);
      expect(sealed.length).toBe(message.length + sodium.crypto_box_SEALBYTES);
      expect(sodium.crypto_box_seal_open(sealed, recipient.publicKey, recipient.privateKey)).toEqual(message);
    }
  });

  it("uses a fresh ephemeral key each time, and only the recipient opens it", () => {
    const recipient = sodium.crypto_box_keypair();
    const other = sodium.crypto_box_keypair();
    const message = new TextEncoder().encode("same value");
    const a = sealedBox(message, recipient.publicKey);
    const b = sealedBox(message, recipient.publicKey);
    expect(Buffer.from(a.subarray(0, 32)).equals(Buffer.from(b.subarray(0, 32)))).toBe(false);
    expect(() => sodium.crypto_box_seal_open(a, other.publicKey, other.privateKey)).toThrow();
    const tampered = Uint8Array.from(a);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    expect(() => sodium.crypto_box_seal_open(tampered, recipient.publicKey, recipient.privateKey)).toThrow();
  });

  it("takes and gives base64 the way GitHub's secrets API does", () => {
    const recipient = sodium.crypto_box_keypair();
    const sealed = sealForGitHub("shop.example.com", Buffer.from(recipient.publicKey).toString("base64"));
    const opened = sodium.crypto_box_seal_open(
      Buffer.from(sealed, "base64"),
      recipient.publicKey,
      recipient.privateKey,
    );
    expect(Buffer.from(opened).toString("utf8")).toBe("shop.example.com");
  });

  it("refuses a public key of the wrong size", () => {
    expect(() => sealedBox(new Uint8Array(1), new Uint8Array(31))).toThrow(
      "a sealed box needs a 32-byte public key, got 31 bytes",
    );
  });
});
