// Removes credentials and request signatures from any text the sidecar emits (error messages,
// log lines, stream details). Credential values are registered when an account opens and stay
// registered for the life of the process, so a late error from a closed account is scrubbed too.

export const REDACTED = '<redacted>';

/** Credential fields whose values are secret (walletAddress and uid are public identifiers). */
export const SECRET_FIELDS = Object.freeze(['apiKey', 'secret', 'password', 'privateKey']);

const SIGNATURE_QUERY = /([?&;](?:signature|sign|sig|api_key|apiKey|apikey|X-MBX-APIKEY|X-BAPI-API-KEY|X-BAPI-SIGN|passphrase)=)[^&\s"',;]*/gi;
const SIGNATURE_JSON = /("(?:signature|sign|sig|api_key|apiKey|secret|password|passphrase|privateKey|X-MBX-APIKEY|X-BAPI-API-KEY|X-BAPI-SIGN)"\s*:\s*")[^"]*(")/gi;

/** A registry of secret values and the function that removes them from text. */
export class Scrubber {
  constructor() {
    /** @type {Set<string>} */
    this.values = new Set();
  }

  /**
   * Registers the secret values of a credentials object ({apiKey, secret, ...}).
   * @param {Record<string, unknown>|undefined|null} credentials
   */
  register(credentials) {
    if (!credentials) return;
    for (const field of SECRET_FIELDS) {
      const value = credentials[field];
      if (typeof value === 'string' && value.length > 0) {
        this.values.add(value);
        // the same value as it appears inside JSON text or a URL
        const jsonForm = JSON.stringify(value).slice(1, -1);
        if (jsonForm !== value) this.values.add(jsonForm);
        const urlForm = encodeURIComponent(value);
        if (urlForm !== value) this.values.add(urlForm);
      }
    }
  }

  /**
   * @param {unknown} text
   * @returns {string} text with every registered secret and every signature parameter replaced by "<redacted>"
   */
  scrub(text) {
    let out = typeof text === 'string' ? text : String(text);
    // longest first, so a secret containing another secret is removed whole
    const values = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of values) {
      out = out.split(value).join(REDACTED);
    }
    out = out.replace(SIGNATURE_QUERY, `$1${REDACTED}`);
    out = out.replace(SIGNATURE_JSON, `$1${REDACTED}$2`);
    return out;
  }
}

/** The process-wide scrubber. */
export const scrubber = new Scrubber();
