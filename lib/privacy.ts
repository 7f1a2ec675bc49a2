// The key one person's data is erased by, and its rules: one key, an email that looks like one, no longer than stored.
// Shared by the admin page (checked before its confirm step) and server/privacy/erase.ts (checked again there), so they cannot disagree.

/** What the person asking gives: their email, or the id the survey or support tool gave their response or ticket. */
export interface ErasureRequest {
  email?: string | null;
  externalId?: string | null;
}

export type ErasureKeyKind = "email" | "externalId";

/** One key, as it is compared: an email trimmed and lower-cased, an external id trimmed (the tools' ids are case-sensitive). */
export type ErasureKey = { kind: ErasureKeyKind; value: string };

/** A refused key in words: one sentence, and the field (or both) it is about. */
export type ErasureKeyRefusal = { message: string; problems: Array<{ field: ErasureKeyKind; message: string }> };

export const EMAIL_MAX_LENGTH = 320;
export const EXTERNAL_ID_MAX_LENGTH = 200;
// Deliberately loose: one @, something either side, a dot in the domain. An address the tools let through is
// still matched; this only catches an id typed into the email field, or an address cut short.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const erasureKeyWords: Record<ErasureKeyKind, string> = { email: "email", externalId: "external id" };

const fieldRefusal = (field: ErasureKeyKind, message: string): ErasureKeyRefusal => ({
  message: `The ${erasureKeyWords[field]} is ${message}.`,
  problems: [{ field, message }],
});

/** The one key to erase by, or why the request cannot be read as one. */
export function checkErasureKey(request: ErasureRequest): { key: ErasureKey } | { refusal: ErasureKeyRefusal } {
  const email = request.email?.trim() ?? "";
  const externalId = request.externalId?.trim() ?? "";
  if (email && externalId) {
    const message = "give only one of the two; erase by one key at a time";
    return {
      refusal: {
        message: "Give either the email or the external id, not both: erase by one key at a time.",
        problems: [
          { field: "email", message },
          { field: "externalId", message },
        ],
      },
    };
  }
  if (!email && !externalId) {
    const message = "give one: the person's email, or the external id their survey or support tool gave a response or ticket";
    return {
      refusal: {
        message: "Give the person's email or the external id of their response or ticket: one of the two is needed.",
        problems: [
          { field: "email", message },
          { field: "externalId", message },
        ],
      },
    };
  }
  if (email) {
    if (email.length > EMAIL_MAX_LENGTH) return { refusal: fieldRefusal("email", `longer than ${EMAIL_MAX_LENGTH} characters; paste one address only`) };
    if (!emailShape.test(email))
      return { refusal: fieldRefusal("email", "not an email address; write it whole, e.g. name@example.com (a tool's id goes in the external id)") };
    return { key: { kind: "email", value: email.toLowerCase() } };
  }
  if (externalId.length > EXTERNAL_ID_MAX_LENGTH)
    return { refusal: fieldRefusal("externalId", `longer than ${EXTERNAL_ID_MAX_LENGTH} characters; paste the tool's id of one response or ticket`) };
  return { key: { kind: "externalId", value: externalId } };
}
