package io.fixbridge.venue.kit.sign.eth;

/** Package-private hex helpers that never put their input into an exception message. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    static String prefixed(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /** -1 when {@code c} is not a hex digit. */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decodes hex (an optional 0x prefix, even length) of {@code what}; the message of the
     * {@link IllegalArgumentException} names {@code what}, never the text.
     */
    static byte[] decode(CharSequence text, String what) {
        int start = text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X') ? 2 : 0;
        int len = text.length() - start;
        if (len % 2 != 0) {
            throw new IllegalArgumentException(what + ": odd number of hex digits");
        }
        byte[] out = new byte[len / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(text.charAt(start + 2 * i));
            int lo = digit(text.charAt(start + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException(what + ": not a hex string");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
