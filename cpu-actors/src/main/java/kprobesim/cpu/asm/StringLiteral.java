package kprobesim.cpu.asm;

import java.io.ByteArrayOutputStream;

/**
 * A double-quoted string as GNU as reads it ({@code .ascii}, {@code .asciz}, section names):
 * C escapes {@code \n \t \r \b \f \v \a \e \\ \"}, up to three octal digits, and
 * {@code \x} with any number of hex digits (the low byte is kept). Bytes, not characters:
 * source text is taken as Latin-1.
 */
final class StringLiteral {
    private StringLiteral() {}

    /** Parses the string at the cursor, which must be at its opening quote. */
    static byte[] parse(Cursor c) {
        c.expect('"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (c.pos >= c.text.length()) {
                throw new AsmFailure("unterminated string");
            }
            char ch = c.text.charAt(c.pos++);
            if (ch == '"') {
                return out.toByteArray();
            }
            if (ch != '\\') {
                out.write(ch);
                continue;
            }
            char e = c.pos < c.text.length() ? c.text.charAt(c.pos++) : '\\';
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(11);
                case 'a' -> out.write(7);
                case 'e' -> out.write(27);
                case 'x', 'X' -> {
                    int v = 0;
                    while (c.pos < c.text.length() && Character.digit(c.text.charAt(c.pos), 16) >= 0) {
                        v = v * 16 + Character.digit(c.text.charAt(c.pos++), 16);
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && c.pos < c.text.length()
                                && c.text.charAt(c.pos) >= '0' && c.text.charAt(c.pos) <= '7'; k++) {
                            v = v * 8 + (c.text.charAt(c.pos++) - '0');
                        }
                        out.write(v);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
    }
}
