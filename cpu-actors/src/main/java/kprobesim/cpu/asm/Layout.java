package kprobesim.cpu.asm;

import java.util.List;
import kprobesim.cpu.isa.Op;

/**
 * Gives every statement its section offset and every section its base address.
 *
 * <p>Branch relaxation works like GNU as: every jmp/jcc to a label of its own section starts
 * in the 2-byte rel8 form; each pass recomputes offsets (alignment padding depends on them) and
 * grows to rel32 the branches whose displacement no longer fits. Forms only grow, so the
 * passes reach a fixed point. Branches to absolute addresses, other sections or undefined
 * symbols are rel32 from the start.
 */
final class Layout {
    private Layout() {}

    static void run(SourceParser parsed, AssemblerOptions options) {
        for (SectionBuilder s : parsed.sections.values()) {
            classifyBranches(s, parsed.symbols);
            relax(s, parsed.symbols);
        }
        SectionBuilder text = parsed.sections.get(".text");
        text.base = options.textBase();
        long end = text.base + text.size;
        for (SectionBuilder s : parsed.sections.values()) {
            if (s == text) {
                continue;
            }
            Long given = options.sectionBases().get(s.name);
            if (given != null) {
                s.base = given;
            } else {
                long page = AssemblerOptions.PAGE;
                s.base = (end + page - 1) & -page;
            }
            end = s.base + s.size;
        }
    }

    private static void classifyBranches(SectionBuilder s, SymbolTable symbols) {
        for (Statement st : s.statements) {
            if (st instanceof Statement.Branch b && b.mnemonic.op() != Op.CALL) {
                String base = b.target.baseSymbol();
                SymbolTable.Def d = base == null ? null : symbols.labelOf(base);
                b.relaxable = d != null && d.label != null && d.section == s;
                b.longForm = !b.relaxable;
                b.size = InstructionEncoder.branchLength(b.mnemonic, b.longForm);
            }
        }
    }

    private static void relax(SectionBuilder s, SymbolTable symbols) {
        List<Statement> list = s.statements;
        boolean changed = true;
        while (changed) {
            long off = 0;
            for (Statement st : list) {
                st.offset = off;
                if (st instanceof Statement.Align a) {
                    a.size = a.padding(off);
                }
                off += st.size;
            }
            s.size = off;
            changed = false;
            for (Statement st : list) {
                if (st instanceof Statement.Branch b && b.relaxable && !b.longForm) {
                    long target;
                    try {
                        target = b.target.eval(sectionOffsets(symbols, b.offset));
                    } catch (AsmFailure f) {
                        continue; // reported when the bytes are emitted
                    }
                    long rel = target - (b.offset + b.size);
                    if (rel < -128 || rel > 127) {
                        b.longForm = true;
                        b.size = InstructionEncoder.branchLength(b.mnemonic, true);
                        changed = true;
                    }
                }
            }
        }
    }

    /** Labels as offsets in their section (only used for same-section targets). */
    private static Expr.Env sectionOffsets(SymbolTable symbols, long dot) {
        return new Expr.Env() {
            public long symbol(String name) {
                SymbolTable.Def d = symbols.find(name);
                if (d != null && d.label != null) {
                    return d.label.offset;
                }
                if (d != null && d.expr != null && symbols.labelOf(name) != null) {
                    return d.expr.eval(this); // an alias of a label: .set alias, start+4
                }
                throw new AsmFailure("not a label");
            }

            public long dot() {
                return dot;
            }
        };
    }
}
