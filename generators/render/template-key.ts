import crypto from "node:crypto";

/** Precompiled templates are found by their text, so an edited template never uses a stale one. */
export const templateKey = (text: Buffer | string): string => crypto.createHash("sha1").update(text).digest("hex");
