package kprobesim.cli.x86;

/** Byte strings as hex text ("4883ec78"; whitespace between byte pairs is allowed on input). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** The bytes {@code text} spells, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static byte[] decode(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 127) {
                throw new IllegalArgumentException("bad hex: '" + c + "' at position " + (i + 1));
            }
            clean.append(c);
        }
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("bad hex: odd number of digits (" + clean.length() + ")");
        }
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(clean.charAt(2 * i), 16) << 4 | Character.digit(clean.charAt(2 * i + 1), 16));
        }
        return out;
    }

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
