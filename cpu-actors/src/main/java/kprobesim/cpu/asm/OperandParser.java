package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;
import kprobesim.cpu.isa.Reg;

/** Splits an instruction's operand text at top-level commas and parses each operand. */
final class OperandParser {
    private final ExprParser exprs;

    OperandParser(ExprParser exprs) {
        this.exprs = exprs;
    }

    List<Operand> parseAll(Cursor c) {
        List<Operand> out = new ArrayList<>();
        if (c.atEnd()) {
            return out;
        }
        while (true) {
            out.add(parse(c));
            if (c.atEnd()) {
                return out;
            }
            if (!c.eat(',')) {
                throw new AsmFailure("junk at end of line, first unrecognized character is `" + c.peek() + "'");
            }
        }
    }

    Operand parse(Cursor c) {
        c.skipSpace();
        if (c.eat('*')) {
            return new Operand.Indirect(parse(c));
        }
        if (c.eat('$')) {
            return new Operand.Immediate(exprs.parse(c));
        }
        int segment = Reg.NONE;
        if (c.peek() == '%') {
            int save = c.pos;
            Operand.Register r = register(c);
            if (Reg.isSegment(r.reg()) && c.eat(':')) {
                segment = r.reg();
            } else {
                c.pos = save;
                return register(c);
            }
        }
        return memory(c, segment);
    }

    private Operand.Register register(Cursor c) {
        c.skipSpace();
        c.expect('%');
        int start = c.pos;
        while (c.pos < c.text.length() && Character.isLetterOrDigit(c.text.charAt(c.pos))) {
            c.pos++;
        }
        String name = c.text.substring(start, c.pos).toLowerCase();
        int r = Reg.parse(name);
        if (r < 0) {
            throw new AsmFailure("bad register name `%" + name + "'");
        }
        return new Operand.Register(r & 0xff, r >> 8);
    }

    private Operand memory(Cursor c, int segment) {
        c.skipSpace();
        Expr disp = null;
        if (!(c.peek() == '(' && startsAddressPart(c))) {
            disp = exprs.parse(c);
        }
        c.skipSpace();
        if (c.peek() != '(') {
            if (disp == null) {
                throw new AsmFailure("bad memory operand");
            }
            return new Operand.Memory(segment, disp, Reg.NONE, Reg.NONE, 1, 8);
        }
        c.pos++;
        int base = Reg.NONE, index = Reg.NONE, scale = 1, addrSize = 8;
        c.skipSpace();
        if (c.peek() == '%') {
            Operand.Register b = register(c);
            if (b.reg() == Reg.RIP) {
                base = Reg.RIP;
            } else if (!b.isGpr() || b.size() < 4 || b.reg() >= 16) {
                throw new AsmFailure("`" + b.text() + "' is not a valid base/index expression");
            } else {
                base = b.reg();
                addrSize = b.size();
            }
        }
        if (c.eat(',')) {
            c.skipSpace();
            if (c.peek() == '%') {
                Operand.Register x = register(c);
                if (!x.isGpr() || x.size() < 4 || x.reg() == Reg.RSP || x.reg() >= 16
                        || (base != Reg.NONE && base != Reg.RIP && x.size() != addrSize) || base == Reg.RIP) {
                    throw new AsmFailure("`" + x.text() + "' is not a valid base/index expression");
                }
                index = x.reg();
                addrSize = x.size();
            }
            if (c.eat(',')) {
                long s = exprs.parse(c).eval(NO_SYMBOLS);
                if (s != 1 && s != 2 && s != 4 && s != 8) {
                    throw new AsmFailure("scale factor of " + s + " without an index register is not valid; expecting 1, 2, 4 or 8");
                }
                scale = (int) s;
            }
        }
        c.expect(')');
        if (base == Reg.NONE && index == Reg.NONE && disp == null) {
            throw new AsmFailure("bad memory operand `()'");
        }
        return new Operand.Memory(segment, disp, base, index, scale, addrSize);
    }

    /** After '(' comes a register or a comma: the address part, not a parenthesised expression. */
    private static boolean startsAddressPart(Cursor c) {
        int p = c.pos + 1;
        while (p < c.text.length() && c.text.charAt(p) == ' ') {
            p++;
        }
        return p < c.text.length() && (c.text.charAt(p) == '%' || c.text.charAt(p) == ',');
    }

    private static final Expr.Env NO_SYMBOLS = new Expr.Env() {
        public long symbol(String name) {
            throw new AsmFailure("scale factor must be a constant");
        }

        public long dot() {
            throw new AsmFailure("scale factor must be a constant");
        }
    };
}
