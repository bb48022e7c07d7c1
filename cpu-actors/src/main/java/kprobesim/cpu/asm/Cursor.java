package kprobesim.cpu.asm;

/** A position in one statement's text, with the small scanning steps the parsers share. */
final class Cursor {
    final String text;
    int pos;

    Cursor(String text) {
        this.text = text;
    }

    boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Consumes {@code c} (after blanks) if it is next. */
    boolean eat(char c) {
        skipSpace();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!eat(c)) {
            throw new AsmFailure("expected `" + c + "' but found " + describeNext());
        }
    }

    String describeNext() {
        skipSpace();
        return pos >= text.length() ? "end of line" : "`" + text.substring(pos) + "'";
    }

    static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.' || c == '$';
    }

    static boolean identPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** An identifier (symbol or directive name) or null if none is next. */
    String identifier() {
        skipSpace();
        if (!identStart(peek())) {
            return null;
        }
        int start = pos;
        while (pos < text.length() && identPart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    String rest() {
        skipSpace();
        return text.substring(Math.min(pos, text.length())).trim();
    }
}
