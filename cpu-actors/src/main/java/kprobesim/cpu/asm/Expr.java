package kprobesim.cpu.asm;

/**
 * An assembler expression tree ({@code sym+4}, {@code (1<<12)-1}, {@code .-start}).
 * Evaluation is against an {@link Env}, so the same tree is first asked "are you a constant
 * now?" while parsing (which decides encodings, as GNU as does) and later evaluated with final
 * addresses.
 */
sealed interface Expr {

    /** Symbol values for one evaluation. */
    interface Env {
        /** The value of {@code name}; throws {@link AsmFailure} if it has none in this environment. */
        long symbol(String name);

        /** The address (or offset) of the current statement, the value of {@code .}. */
        long dot();

        /**
         * {@code a - b} if this environment knows it although it does not know a and b
         * (two labels in the same fixed-size stretch of a section); {@code null} otherwise.
         */
        default Long difference(String a, String b) {
            return null;
        }
    }

    long eval(Env env);

    record Num(long value) implements Expr {
        public long eval(Env env) {
            return value;
        }
    }

    /** A symbol reference; the name {@code .} is the current address. */
    record Sym(String name) implements Expr {
        public long eval(Env env) {
            return name.equals(".") ? env.dot() : env.symbol(name);
        }
    }

    record Unary(char op, Expr operand) implements Expr {
        public long eval(Env env) {
            long v = operand.eval(env);
            return switch (op) {
                case '-' -> -v;
                case '~' -> ~v;
                case '!' -> v == 0 ? 1 : 0;
                default -> v;
            };
        }
    }

    /** Binary operators; {@code op} is the operator text ("+", "<<", ...). */
    record Binary(String op, Expr left, Expr right) implements Expr {
        public long eval(Env env) {
            if (op.equals("-") && left instanceof Sym a && right instanceof Sym b) {
                Long d = env.difference(a.name(), b.name());
                if (d != null) {
                    return d;
                }
            }
            long l = left.eval(env);
            long r = right.eval(env);
            return switch (op) {
                case "+" -> l + r;
                case "-" -> l - r;
                case "*" -> l * r;
                case "/" -> {
                    if (r == 0) throw new AsmFailure("division by zero");
                    yield l / r;
                }
                case "%" -> {
                    if (r == 0) throw new AsmFailure("division by zero");
                    yield l % r;
                }
                case "<<" -> l << r;
                case ">>" -> l >>> r;
                case "&" -> l & r;
                case "|" -> l | r;
                case "^" -> l ^ r;
                case "==" -> l == r ? -1 : 0;
                case "!=" -> l != r ? -1 : 0;
                case "<" -> l < r ? -1 : 0;
                case ">" -> l > r ? -1 : 0;
                case "<=" -> l <= r ? -1 : 0;
                case ">=" -> l >= r ? -1 : 0;
                case "&&" -> (l != 0 && r != 0) ? 1 : 0;
                case "||" -> (l != 0 || r != 0) ? 1 : 0;
                default -> throw new AsmFailure("bad operator " + op);
            };
        }
    }

    /** The single symbol this expression is built on ({@code sym}, {@code sym+4}, {@code sym-4}), or null. */
    default String baseSymbol() {
        if (this instanceof Sym s && !s.name().equals(".")) {
            return s.name();
        }
        if (this instanceof Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            if (b.left() instanceof Sym s && !s.name().equals(".") && b.right() instanceof Num) {
                return s.name();
            }
            if (b.op().equals("+") && b.right() instanceof Sym s && !s.name().equals(".") && b.left() instanceof Num) {
                return s.name();
            }
        }
        return null;
    }
}
