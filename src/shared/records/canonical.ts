// RFC 8785 (JSON Canonicalization Scheme) via the `canonicalize` package: the exact bytes that are
// hashed and signed, so that any verifier in any language reproduces them.
import canonicalizeImpl from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalizeImpl(value);
  if (typeof text !== 'string') throw new Error('value cannot be canonicalised');
  return text;
}
