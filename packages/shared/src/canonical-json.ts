// Canonical JSON (RFC 8785 style for the values we use): sorted keys, no whitespace, so hashes and signatures are stable.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Serialise a JSON value canonically: object keys sorted by UTF-16 code units, no insignificant
 * whitespace, `undefined` object members omitted. Non-finite numbers are refused.
 * @example canonicalJson({ b: 1, a: [true, null] }) === '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return serialise(value);
}

function serialise(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return '[' + value.map((v) => (v === undefined ? 'null' : serialise(v))).join(',') + ']';
      if (value instanceof Uint8Array)
        throw new TypeError('canonicalJson: encode bytes as hex or base64 first');
      const entries = Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + serialise(v)).join(',') + '}';
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
  }
}

export type { Json };
