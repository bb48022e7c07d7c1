package kprobesim.cpu.asm;

import java.util.function.BiFunction;

/**
 * Parses GNU as expressions with its precedence levels, highest first: unary {@code - ~ !};
 * {@code * / % << >>}; {@code | & ^}; {@code + - == != < > <= >=}; {@code && ||}.
 * Numbers: decimal, {@code 0x} hex, {@code 0b} binary, leading-zero octal, character
 * constants {@code 'a'}. {@code 1f}/{@code 1b} are numeric local labels, mapped to unique
 * names by the caller's resolver.
 */
final class ExprParser {
    /** Maps (label number, 'f' or 'b') to the unique name of the referenced definition. */
    private final BiFunction<String, Character, String> localLabels;

    ExprParser(BiFunction<String, Character, String> localLabels) {
        this.localLabels = localLabels;
    }

    /** Bounds recursion so a pathological line is an error, not a stack overflow. */
    private static final int MAX_DEPTH = 200;
    private int depth;

    Expr parse(Cursor c) {
        if (depth == 0) {
            return top(c);
        }
        return logical(c);
    }

    private Expr top(Cursor c) {
        try {
            return logical(c);
        } finally {
            depth = 0;
        }
    }

    private Expr logical(Cursor c) {
        Expr e = additive(c);
        while (true) {
            c.skipSpace();
            String op = c.text.startsWith("&&", c.pos) ? "&&" : c.text.startsWith("||", c.pos) ? "||" : null;
            if (op == null) {
                return e;
            }
            c.pos += 2;
            e = new Expr.Binary(op, e, additive(c));
        }
    }

    private Expr additive(Cursor c) {
        Expr e = bitwise(c);
        while (true) {
            c.skipSpace();
            String op = null;
            for (String o : new String[] {"==", "!=", "<>", "<=", ">=", "+", "-", "<", ">"}) {
                if (c.text.startsWith(o, c.pos) && !c.text.startsWith("<<", c.pos) && !c.text.startsWith(">>", c.pos)) {
                    op = o;
                    break;
                }
            }
            if (op == null) {
                return e;
            }
            c.pos += op.length();
            e = new Expr.Binary(op.equals("<>") ? "!=" : op, e, bitwise(c));
        }
    }

    private Expr bitwise(Cursor c) {
        Expr e = multiplicative(c);
        while (true) {
            c.skipSpace();
            char ch = c.peek();
            if ((ch == '|' && c.peek(1) != '|') || (ch == '&' && c.peek(1) != '&') || ch == '^') {
                c.pos++;
                e = new Expr.Binary(String.valueOf(ch), e, multiplicative(c));
            } else {
                return e;
            }
        }
    }

    private Expr multiplicative(Cursor c) {
        Expr e = unary(c);
        while (true) {
            c.skipSpace();
            String op = c.text.startsWith("<<", c.pos) ? "<<" : c.text.startsWith(">>", c.pos) ? ">>" : null;
            if (op == null && (c.peek() == '*' || c.peek() == '/' || c.peek() == '%')) {
                op = String.valueOf(c.peek());
            }
            if (op == null) {
                return e;
            }
            c.pos += op.length();
            e = new Expr.Binary(op, e, unary(c));
        }
    }

    private Expr unary(Cursor c) {
        c.skipSpace();
        char ch = c.peek();
        if (ch == '-' || ch == '~' || ch == '!' || ch == '+') {
            c.pos++;
            if (++depth > MAX_DEPTH) {
                throw new AsmFailure("expression nested too deeply");
            }
            Expr operand = unary(c);
            depth--;
            if (ch == '-' && operand instanceof Expr.Num n) {
                return new Expr.Num(-n.value());
            }
            return ch == '+' ? operand : new Expr.Unary(ch, operand);
        }
        return primary(c);
    }

    private Expr primary(Cursor c) {
        c.skipSpace();
        char ch = c.peek();
        if (ch == '(') {
            c.pos++;
            if (++depth > MAX_DEPTH) {
                throw new AsmFailure("expression nested too deeply");
            }
            Expr e = parse(c);
            depth--;
            c.expect(')');
            return e;
        }
        if (ch == '\'') {
            return charConstant(c);
        }
        if (Character.isDigit(ch)) {
            return number(c);
        }
        if (Cursor.identStart(ch)) {
            String name = c.identifier();
            return new Expr.Sym(name);
        }
        throw new AsmFailure(c.atEnd() ? "missing operand" : "bad expression at " + c.describeNext());
    }

    private Expr charConstant(Cursor c) {
        c.pos++;
        char v = c.peek();
        if (v == '\0') {
            throw new AsmFailure("bad character constant");
        }
        c.pos++;
        long value = v;
        if (v == '\\') {
            char e = c.peek();
            c.pos++;
            value = switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '0' -> 0;
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
            };
        }
        c.eat('\'');
        return new Expr.Num(value);
    }

    private Expr number(Cursor c) {
        int start = c.pos;
        String t = c.text;
        // numeric local label reference: digits followed by f or b and not a hex/binary literal
        int p = c.pos;
        while (p < t.length() && Character.isDigit(t.charAt(p))) {
            p++;
        }
        if (p < t.length() && (t.charAt(p) == 'f' || t.charAt(p) == 'b')
                && !(t.charAt(start) == '0' && p == start + 1 && t.charAt(p) == 'b' && p + 1 < t.length()
                    && (t.charAt(p + 1) == '0' || t.charAt(p + 1) == '1'))
                && (p + 1 >= t.length() || !Cursor.identPart(t.charAt(p + 1)))) {
            c.pos = p + 1;
            return new Expr.Sym(localLabels.apply(t.substring(start, p), t.charAt(p)));
        }
        int radix = 10;
        if (t.startsWith("0x", start) || t.startsWith("0X", start)) {
            radix = 16;
            c.pos = start + 2;
        } else if (t.startsWith("0b", start) || t.startsWith("0B", start)) {
            radix = 2;
            c.pos = start + 2;
        } else if (t.charAt(start) == '0' && start + 1 < t.length() && Character.isDigit(t.charAt(start + 1))) {
            radix = 8;
            c.pos = start + 1;
        }
        int digits = c.pos;
        while (c.pos < t.length() && Character.digit(t.charAt(c.pos), radix) >= 0) {
            c.pos++;
        }
        if (c.pos < t.length() && Cursor.identPart(t.charAt(c.pos))) {
            throw new AsmFailure("bad number `" + t.substring(start, endOfWord(t, c.pos)) + "'");
        }
        if (c.pos == digits && radix != 8) {
            if (radix == 10) {
                c.pos = start + 1;
                return new Expr.Num(0);
            }
            throw new AsmFailure("bad number `" + t.substring(start, c.pos) + "'");
        }
        String d = t.substring(digits, c.pos);
        if (d.isEmpty()) {
            return new Expr.Num(0);
        }
        try {
            return new Expr.Num(Long.parseUnsignedLong(d, radix));
        } catch (NumberFormatException e) {
            throw new AsmFailure("number too large: " + t.substring(start, c.pos));
        }
    }

    private static int endOfWord(String t, int p) {
        while (p < t.length() && Cursor.identPart(t.charAt(p))) {
            p++;
        }
        return p;
    }
}
