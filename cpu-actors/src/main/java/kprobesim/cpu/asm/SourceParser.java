package kprobesim.cpu.asm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kprobesim.cpu.isa.Op;

/**
 * Reads statements into sections: labels, directives and instructions. Everything GNU as
 * decides while reading a line is decided here (which expressions are constants, hence which
 * encoding an instruction gets); addresses are left to {@link Layout}.
 */
final class SourceParser {
    private final Assembler.ErrorSink errors;
    final SymbolTable symbols = new SymbolTable();
    final Map<String, SectionBuilder> sections = new LinkedHashMap<>();
    private SectionBuilder current;
    private SectionBuilder previous;
    /** {@code .pushsection} saves (current, previous); {@code .popsection} restores them. */
    private final java.util.ArrayDeque<SectionBuilder[]> sectionStack = new java.util.ArrayDeque<>();
    /** Numeric local labels: how many times each number has been defined so far. */
    private final Map<String, Integer> localCounts = new HashMap<>();
    private final ExprParser exprs = new ExprParser(this::localLabel);
    private final OperandParser operands = new OperandParser(exprs);
    private int line;

    SourceParser(Assembler.ErrorSink errors) {
        this.errors = errors;
        switchTo(".text", null, false);
    }

    void parse(String source) {
        List<SourceSplitter.Piece> pieces = SourceSplitter.split(source);
        run(pieces, 0);
        if (!conditions.isEmpty()) {
            errors.add(line, "end of file inside a conditional (missing .endif)");
        }
        try {
            finish();
        } catch (AsmFailure f) {
            errors.add(line, f.getMessage());
        }
    }

    /**
     * Conditional assembly: one entry per open {@code .if}; true while its lines are assembled.
     * An entry also remembers whether a branch was already taken, for {@code .else}.
     */
    private final java.util.ArrayDeque<boolean[]> conditions = new java.util.ArrayDeque<>();

    private boolean active() {
        return conditions.isEmpty() || conditions.peek()[0];
    }

    private void run(List<SourceSplitter.Piece> pieces, int depth) {
        for (int i = 0; i < pieces.size(); i++) {
            SourceSplitter.Piece p = pieces.get(i);
            line = p.line();
            String word = firstWord(p.text());
            try {
                if (conditional(word, new Cursor(p.text()))) {
                    continue;
                }
                if (!active()) {
                    continue;
                }
                if (word.equals(".rept")) {
                    i = repeat(pieces, i, depth);
                } else if (word.equals(".endr")) {
                    throw new AsmFailure(".endr without .rept");
                } else {
                    statement(new Cursor(p.text()));
                }
            } catch (AsmFailure f) {
                errors.add(line, f.getMessage());
            }
        }
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && Cursor.identPart(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toLowerCase();
    }

    /** {@code .rept N} ... {@code .endr}: assembles the lines between N times. Returns the .endr index. */
    private int repeat(List<SourceSplitter.Piece> pieces, int at, int depth) {
        Cursor c = new Cursor(pieces.get(at).text());
        c.identifier();
        long count = constant(c, "repeat count");
        endOfStatement(c);
        int nesting = 0;
        for (int j = at + 1; j < pieces.size(); j++) {
            String w = firstWord(pieces.get(j).text());
            if (w.equals(".rept")) {
                nesting++;
            } else if (w.equals(".endr") && nesting-- == 0) {
                if (count < 0 || count > 1_000_000 || depth > 32) {
                    throw new AsmFailure("bad repeat count " + count);
                }
                List<SourceSplitter.Piece> body = pieces.subList(at + 1, j);
                for (long k = 0; k < count; k++) {
                    run(body, depth + 1);
                }
                return j;
            }
        }
        throw new AsmFailure(".rept without .endr");
    }

    /** Handles {@code .if/.ifdef/.ifndef/.else/.endif}; returns false for any other statement. */
    private boolean conditional(String word, Cursor c) {
        switch (word) {
            case ".if", ".ifdef", ".ifndef", ".ifne", ".ifeq" -> {
                c.identifier();
                boolean value = false;
                if (active()) {
                    if (word.equals(".ifdef") || word.equals(".ifndef")) {
                        String name = c.identifier();
                        if (name == null) {
                            throw new AsmFailure("expected symbol name");
                        }
                        SymbolTable.Def d = symbols.find(name);
                        boolean defined = d != null && d.defined();
                        value = word.equals(".ifdef") == defined;
                    } else {
                        long v = constant(c, "condition");
                        value = word.equals(".ifeq") ? v == 0 : v != 0;
                    }
                    endOfStatement(c);
                }
                conditions.push(new boolean[] {active() && value, value});
                return true;
            }
            case ".else" -> {
                if (conditions.isEmpty()) {
                    throw new AsmFailure(".else without matching .if");
                }
                boolean[] top = conditions.pop();
                boolean outer = active();
                conditions.push(new boolean[] {outer && !top[1], true});
                return true;
            }
            case ".endif" -> {
                if (conditions.isEmpty()) {
                    throw new AsmFailure(".endif without matching .if");
                }
                conditions.pop();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private String localLabel(String number, char direction) {
        int n = localCounts.getOrDefault(number, 0);
        if (direction == 'b') {
            if (n == 0) {
                throw new AsmFailure("undefined local label `" + number + "b'");
            }
            return number + '\u0001' + n;
        }
        return number + '\u0001' + (n + 1);
    }

    private void statement(Cursor c) {
        // labels
        while (true) {
            c.skipSpace();
            int save = c.pos;
            int p = c.pos;
            while (p < c.text.length() && Character.isDigit(c.text.charAt(p))) {
                p++;
            }
            if (p > c.pos && p < c.text.length() && c.text.charAt(p) == ':') {
                String num = c.text.substring(c.pos, p);
                int n = localCounts.merge(num, 1, Integer::sum);
                defineLabel(num + '\u0001' + n);
                c.pos = p + 1;
                continue;
            }
            String id = c.identifier();
            if (id == null) {
                if (c.atEnd()) {
                    return;
                }
                throw new AsmFailure("junk at start of statement: `" + c.rest() + "'");
            }
            c.skipSpace();
            if (c.peek() == ':') {
                c.pos++;
                defineLabel(id);
                continue;
            }
            if (c.peek() == '=' && c.peek(1) != '=') {
                c.pos++;
                assign(id, c, false);
                return;
            }
            c.pos = save;
            break;
        }
        String word = c.identifier();
        if (word.startsWith(".") ) {
            directive(word.toLowerCase(), c);
        } else {
            instruction(word.toLowerCase(), c);
        }
    }

    private void defineLabel(String name) {
        SymbolTable.Def d = symbols.get(name);
        if (d.defined()) {
            throw new AsmFailure("symbol `" + SymbolTable.display(name) + "' is already defined");
        }
        Statement.Label l = new Statement.Label(line, name);
        d.label = l;
        d.section = current;
        d.frag = current.frag;
        d.fragOffset = current.fragOffset;
        d.line = line;
        current.add(l);
    }

    private void assign(String name, Cursor c, boolean once) {
        Expr e = exprs.parse(c);
        endOfStatement(c);
        if (mentionsDot(e) && symbols.constantNow(e, current) == null) {
            // `here = .' names this position: make it a label-based alias
            String point = "\u0001dot" + (dotLabels++);
            defineLabel(point);
            e = replaceDot(e, point);
        }
        SymbolTable.Def d = symbols.get(name);
        if (d.label != null || (once && d.defined())) {
            throw new AsmFailure("symbol `" + name + "' is already defined");
        }
        Long value = symbols.constantNow(e, current);
        d.line = line;
        if (value != null) {
            d.constant = value;
            d.expr = null;
        } else {
            d.constant = null;
            d.expr = e;
            Statement.Label point = new Statement.Label(line, null);
            current.add(point);
            d.setPoint = point;
            d.setSection = current;
        }
    }

    private static void endOfStatement(Cursor c) {
        if (!c.atEnd()) {
            throw new AsmFailure("junk at end of line, first unrecognized character is `" + c.peek() + "'");
        }
    }

    private void switchTo(String name, String flags, boolean nobitsHint) {
        SectionBuilder s = sections.get(name);
        if (s == null) {
            String f = flags != null ? flags : SectionBuilder.defaultFlags(name);
            boolean nobits = nobitsHint || name.equals(".bss") || name.startsWith(".bss.");
            s = new SectionBuilder(name, f, nobits);
            sections.put(name, s);
        }
        previous = current;
        current = s;
    }

    // ------------------------------------------------------------------ directives

    private void directive(String d, Cursor c) {
        switch (d) {
            case ".text", ".data", ".bss" -> {
                endOfStatement(c);
                switchTo(d, null, false);
            }
            case ".section" -> section(c);
            case ".pushsection" -> {
                sectionStack.push(new SectionBuilder[] {current, previous});
                section(c);
            }
            case ".popsection" -> {
                endOfStatement(c);
                if (sectionStack.isEmpty()) {
                    throw new AsmFailure(".popsection without corresponding .pushsection");
                }
                SectionBuilder[] saved = sectionStack.pop();
                current = saved[0];
                previous = saved[1];
            }
            case ".previous" -> {
                endOfStatement(c);
                if (previous != null) {
                    SectionBuilder p = previous;
                    previous = current;
                    current = p;
                }
            }
            case ".globl", ".global", ".weak", ".local", ".hidden", ".protected", ".internal" -> {
                for (String name : names(c)) {
                    SymbolTable.Def def = symbols.get(name);
                    if (d.equals(".local")) {
                        def.global = false;
                        def.explicitLocal = true;
                    } else if (!d.equals(".hidden") && !d.equals(".protected") && !d.equals(".internal")) {
                        def.global = true;
                    }
                }
            }
            case ".extern" -> names(c);
            case ".type" -> type(c);
            case ".comm", ".lcomm" -> common(c, d.equals(".lcomm"));
            case ".size" -> size(c);
            case ".byte" -> data(c, 1);
            case ".word", ".short", ".value", ".hword", ".2byte" -> data(c, 2);
            case ".long", ".int", ".4byte" -> data(c, 4);
            case ".quad", ".8byte" -> data(c, 8);
            case ".ascii" -> strings(c, false);
            case ".asciz", ".string" -> strings(c, true);
            case ".align", ".balign" -> align(c, false);
            case ".p2align" -> align(c, true);
            case ".skip", ".space", ".zero" -> skip(c, d.equals(".zero"));
            case ".fill" -> fill(c);
            case ".set", ".equ", ".equiv" -> {
                String name = c.identifier();
                if (name == null) {
                    throw new AsmFailure("expected symbol name");
                }
                c.expect(',');
                assign(name, c, d.equals(".equiv"));
            }
            case ".file", ".loc", ".ident", ".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa_offset",
                 ".cfi_offset", ".cfi_def_cfa_register", ".cfi_def_cfa", ".cfi_sections", ".att_syntax",
                 ".code64", ".loc_view", ".cfi_adjust_cfa_offset", ".cfi_rel_offset", ".cfi_restore" -> {
                // no effect on the bytes; accepted for compiler-generated sources
            }
            case ".intel_syntax" -> throw new AsmFailure("Intel syntax is not supported; write AT&T syntax");
            case ".code32", ".code16" -> throw new AsmFailure(d + " is not supported; only 64-bit code");
            default -> throw new AsmFailure("unknown pseudo-op: `" + d + "'");
        }
    }

    private List<String> names(Cursor c) {
        List<String> out = new ArrayList<>();
        do {
            String n = c.identifier();
            if (n == null) {
                throw new AsmFailure("expected symbol name");
            }
            out.add(n);
        } while (c.eat(','));
        endOfStatement(c);
        return out;
    }

    private void section(Cursor c) {
        c.skipSpace();
        String name;
        if (c.peek() == '"') {
            name = new String(StringLiteral.parse(c), java.nio.charset.StandardCharsets.ISO_8859_1);
        } else {
            int start = c.pos;
            while (c.pos < c.text.length() && c.text.charAt(c.pos) != ',' && c.text.charAt(c.pos) != ' ') {
                c.pos++;
            }
            name = c.text.substring(start, c.pos);
        }
        if (name.isEmpty()) {
            throw new AsmFailure("missing section name");
        }
        String flags = null;
        boolean nobits = false;
        if (c.eat(',')) {
            c.skipSpace();
            if (c.peek() == '"') {
                flags = new String(StringLiteral.parse(c), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (c.eat(',')) {
                c.skipSpace();
                if (c.peek() == '@' || c.peek() == '%') {
                    c.pos++;
                }
                String type = c.identifier();
                if (type == null || !(type.equals("progbits") || type.equals("nobits") || type.equals("note"))) {
                    throw new AsmFailure("bad section type");
                }
                nobits = type.equals("nobits");
            }
            while (c.eat(',')) {
                c.rest();
                c.pos = c.text.length();
            }
        }
        endOfStatement(c);
        switchTo(name, flags, nobits);
    }

    /** Common symbols to allocate after the last line: {name, size, align, line, local}. */
    private final List<Object[]> pendingCommons = new ArrayList<>();

    /**
     * {@code .comm name,size[,align]} and {@code .lcomm}. GNU as allocates a local one in .bss
     * subsection 1, that is after everything the source puts in .bss itself; a global one is
     * left to the linker, which puts COMMON after the .bss input. Both keep declaration order.
     */
    private void common(Cursor c, boolean local) {
        String name = c.identifier();
        if (name == null) {
            throw new AsmFailure("expected symbol name");
        }
        c.expect(',');
        long size = constant(c, "size");
        long align = 0;
        if (c.eat(',')) {
            align = constant(c, "alignment");
        }
        endOfStatement(c);
        if (size < 0 || size > 1 << 26 || align < 0 || (align & (align - 1)) != 0 || align > 1 << 20) {
            throw new AsmFailure("bad .comm size or alignment");
        }
        if (align == 0) {
            align = Math.min(Long.highestOneBit(Math.max(size, 1)), 16);
        }
        SymbolTable.Def d = symbols.get(name);
        if (d.defined()) {
            throw new AsmFailure("symbol `" + name + "' is already defined");
        }
        if (!(local || d.explicitLocal)) {
            d.global = true;
        }
        for (Object[] p : pendingCommons) {
            if (p[0].equals(name)) {
                throw new AsmFailure("symbol `" + name + "' is already defined");
            }
        }
        pendingCommons.add(new Object[] {name, size, align, line, local || d.explicitLocal});
    }

    private void allocateInBss(String name, long size, long align) {
        SectionBuilder saved = current, savedPrevious = previous;
        switchTo(".bss", null, true);
        add(new Statement.Align(line, (int) align, 0, -1));
        defineLabel(name);
        add(new Statement.Bytes(line, new byte[(int) size]));
        SymbolTable.Def d = symbols.get(name);
        if (d.size == null) {
            Statement.SizeOf sz = new Statement.SizeOf(line, name, new Expr.Num(size));
            add(sz);
            d.size = sz;
            d.sizeSection = current;
        }
        if (d.type == AsmSymbol.Type.NOTYPE) {
            d.type = AsmSymbol.Type.OBJECT; // as GNU as marks common symbols
        }
        current = saved;
        previous = savedPrevious;
    }

    /** Called after the last line: place global commons. */
    void finish() {
        for (boolean localPass : new boolean[] {true, false}) {
            for (Object[] p : pendingCommons) {
                if ((Boolean) p[4] != localPass) {
                    continue;
                }
                line = (Integer) p[3];
                String name = (String) p[0];
                if (symbols.get(name).label != null) {
                    throw new AsmFailure("symbol `" + name + "' is already defined");
                }
                allocateInBss(name, (Long) p[1], (Long) p[2]);
            }
        }
    }

    private void type(Cursor c) {
        String name = c.identifier();
        if (name == null) {
            throw new AsmFailure("expected symbol name");
        }
        c.expect(',');
        c.skipSpace();
        if (c.peek() == '@' || c.peek() == '%' || c.peek() == '"') {
            c.pos++;
        }
        String t = c.identifier();
        c.eat('"');
        endOfStatement(c);
        AsmSymbol.Type type;
        if (t == null) {
            throw new AsmFailure("missing symbol type");
        }
        switch (t.toLowerCase()) {
            case "function", "stt_func", "gnu_indirect_function" -> type = AsmSymbol.Type.FUNCTION;
            case "object", "stt_object", "tls_object", "common" -> type = AsmSymbol.Type.OBJECT;
            case "notype", "stt_notype" -> type = AsmSymbol.Type.NOTYPE;
            default -> throw new AsmFailure("unrecognized symbol type \"" + t + "\"");
        }
        symbols.get(name).type = type;
    }

    private void size(Cursor c) {
        String name = c.identifier();
        if (name == null) {
            throw new AsmFailure("expected symbol name");
        }
        c.expect(',');
        Expr e = exprs.parse(c);
        endOfStatement(c);
        Statement.SizeOf s = new Statement.SizeOf(line, name, e);
        current.add(s);
        SymbolTable.Def d = symbols.get(name);
        d.size = s;
        d.sizeSection = current;
    }

    private void data(Cursor c, int width) {
        List<Expr> values = new ArrayList<>();
        Statement.Constants k = new Statement.Constants();
        if (!c.atEnd()) {
            do {
                Expr e = exprs.parse(c);
                values.add(e);
                k.record(e, symbols.constantNow(e, current));
            } while (c.eat(','));
        }
        endOfStatement(c);
        checkNotBss(values.size());
        add(new Statement.Data(line, width, values, k));
    }

    private void checkNotBss(int count) {
        if (current.nobits && count > 0) {
            throw new AsmFailure("attempt to store non-zero value in section `" + current.name + "'");
        }
    }

    private void strings(Cursor c, boolean zero) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            c.skipSpace();
            if (c.peek() != '"') {
                throw new AsmFailure("expected string");
            }
            byte[] s = StringLiteral.parse(c);
            out.write(s, 0, s.length);
            if (zero) {
                out.write(0);
            }
        } while (c.eat(','));
        endOfStatement(c);
        checkNotBss(out.size());
        add(new Statement.Bytes(line, out.toByteArray()));
    }

    private long constant(Cursor c, String what) {
        Expr e = exprs.parse(c);
        Long v = symbols.constantNow(e, current);
        if (v == null) {
            throw new AsmFailure(what + " must be a constant");
        }
        return v;
    }

    private void align(Cursor c, boolean power) {
        long a = constant(c, "alignment");
        int fill = -1;
        int max = -1;
        if (c.eat(',')) {
            c.skipSpace();
            if (c.peek() != ',') {
                fill = (int) (constant(c, "fill value") & 0xff);
            }
            if (c.eat(',')) {
                max = (int) constant(c, "maximum skip");
            }
        }
        endOfStatement(c);
        long alignment;
        if (power) {
            if (a < 0 || a > 30) {
                throw new AsmFailure("alignment too large: 2^" + a);
            }
            alignment = 1L << a;
        } else {
            if (a == 0) {
                alignment = 1;
            } else if (a < 0 || (a & (a - 1)) != 0) {
                throw new AsmFailure("alignment not a power of 2");
            } else {
                alignment = a;
            }
        }
        if (alignment > 1 << 30) {
            throw new AsmFailure("alignment too large");
        }
        add(new Statement.Align(line, (int) alignment, fill, max));
    }

    private void skip(Cursor c, boolean zero) {
        long n = constant(c, "size");
        int fill = 0;
        if (!zero && c.eat(',')) {
            fill = (int) constant(c, "fill value");
        }
        endOfStatement(c);
        if (n < 0 || n > 1 << 26) {
            throw new AsmFailure("bad repeat count " + n);
        }
        if (fill != 0) {
            checkNotBss(1);
        }
        byte[] b = new byte[(int) n];
        java.util.Arrays.fill(b, (byte) fill);
        add(new Statement.Bytes(line, b));
    }

    private void fill(Cursor c) {
        long repeat = constant(c, "repeat count");
        long size = 1, value = 0;
        if (c.eat(',')) {
            c.skipSpace();
            if (c.peek() != ',') {
                size = constant(c, "size");
            }
            if (c.eat(',')) {
                value = constant(c, "fill value");
            }
        }
        endOfStatement(c);
        if (repeat < 0 || repeat > 1 << 26 || size < 0 || repeat * Math.min(size, 8) > 1 << 26) {
            throw new AsmFailure("bad .fill repeat count or size");
        }
        size = Math.min(size, 8);
        ByteSink out = new ByteSink();
        for (long i = 0; i < repeat; i++) {
            for (int b = 0; b < size; b++) {
                // GNU as: the value is at most 4 bytes wide; wider sizes get zeros above it
                out.put(b < 4 ? (int) (value >>> (8 * b)) : 0);
            }
        }
        if (value != 0 && repeat > 0) {
            checkNotBss(1);
        }
        add(new Statement.Bytes(line, out.toArray()));
    }

    // ------------------------------------------------------------------ instructions

    private static final Map<String, Integer> PREFIXES = Map.of(
            "lock", InstructionEncoder.P_LOCK, "rep", InstructionEncoder.P_REP, "repe", InstructionEncoder.P_REP,
            "repz", InstructionEncoder.P_REP, "repne", InstructionEncoder.P_REPNE, "repnz", InstructionEncoder.P_REPNE,
            "data16", InstructionEncoder.P_DATA16, "addr32", InstructionEncoder.P_ADDR32);

    private static final List<String> SEGMENT_PREFIXES = List.of("es", "cs", "ss", "ds", "fs", "gs");

    private void instruction(String name, Cursor c) {
        int prefixes = 0;
        int segment = kprobesim.cpu.isa.Reg.NONE;
        while (PREFIXES.containsKey(name) || SEGMENT_PREFIXES.contains(name)) {
            if (SEGMENT_PREFIXES.contains(name)) {
                if (segment != kprobesim.cpu.isa.Reg.NONE) {
                    throw new AsmFailure("same type of prefix used twice");
                }
                segment = kprobesim.cpu.isa.Reg.ES + SEGMENT_PREFIXES.indexOf(name);
            } else {
                int bit = PREFIXES.get(name);
                if ((prefixes & bit) != 0) {
                    throw new AsmFailure("same type of prefix used twice");
                }
                prefixes |= bit;
            }
            c.skipSpace();
            if (c.atEnd()) {
                ByteSink out = new ByteSink();
                InstructionEncoder.legacyPrefixes(out, prefixes, segment, false);
                add(new Statement.Bytes(line, out.toArray()));
                return;
            }
            String next = c.identifier();
            if (next == null) {
                throw new AsmFailure("expecting an instruction after `" + name + "'");
            }
            name = next.toLowerCase();
        }
        if (current.nobits) {
            throw new AsmFailure("attempt to store non-zero value in section `" + current.name + "'");
        }
        Mnemonic m = Mnemonic.resolve(name);
        if (m == null) {
            throw new AsmFailure("no such instruction: `" + name + "'");
        }
        List<Operand> ops = operands.parseAll(c);
        if (segment != kprobesim.cpu.isa.Reg.NONE) {
            ops = applySegmentPrefix(ops, segment);
        }
        if (InstructionEncoder.isDirectBranch(m, ops)) {
            if (prefixes != 0) {
                // data16 would make a 16-bit branch and lock/rep are invalid: not in the subset
                throw new AsmFailure("prefix not supported on `" + m.text() + "'");
            }
            Expr target = ((Operand.Memory) ops.get(0)).disp();
            if (mentionsDot(target)) {
                // `jmp .+2': `.' is this branch's own address, a label of this section, so the
                // branch relaxes like one to a label (GNU as does the same)
                String here = "\u0001dot" + (dotLabels++);
                defineLabel(here);
                target = replaceDot(target, here);
            }
            Statement.Branch b = new Statement.Branch(line, m, target, prefixes);
            b.size = InstructionEncoder.branchLength(m, m.op() == Op.CALL);
            add(b);
            return;
        }
        Statement.Constants k = new Statement.Constants();
        for (Operand o : ops) {
            recordConstants(o, k);
        }
        Statement.Insn insn = new Statement.Insn(line, m, ops, prefixes, k);
        byte[] sized = InstructionEncoder.encode(m, ops, prefixes, sizingValues(k), 0);
        insn.size = sized.length;
        add(insn);
    }

    private int dotLabels;

    /**
     * A segment prefix written as a mnemonic ({@code fs movl (%rax),%eax}) overrides the memory
     * operand's segment; with no memory operand the prefix byte stands before the instruction.
     */
    private List<Operand> applySegmentPrefix(List<Operand> ops, int segment) {
        List<Operand> out = new ArrayList<>(ops);
        for (int i = 0; i < out.size(); i++) {
            Operand o = out.get(i);
            boolean indirect = o instanceof Operand.Indirect;
            Operand inner = indirect ? ((Operand.Indirect) o).target() : o;
            if (inner instanceof Operand.Memory m) {
                if (m.segment() != kprobesim.cpu.isa.Reg.NONE) {
                    throw new AsmFailure("same type of prefix used twice");
                }
                Operand.Memory withSeg = new Operand.Memory(segment, m.disp(), m.base(), m.index(), m.scale(), m.addrSize());
                out.set(i, indirect ? new Operand.Indirect(withSeg) : withSeg);
                return out;
            }
        }
        ByteSink b = new ByteSink();
        InstructionEncoder.legacyPrefixes(b, 0, segment, false);
        add(new Statement.Bytes(line, b.toArray()));
        return out;
    }

    private static boolean mentionsDot(Expr e) {
        if (e instanceof Expr.Sym s) {
            return s.name().equals(".");
        }
        if (e instanceof Expr.Unary u) {
            return mentionsDot(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return mentionsDot(b.left()) || mentionsDot(b.right());
        }
        return false;
    }

    private static Expr replaceDot(Expr e, String label) {
        if (e instanceof Expr.Sym s && s.name().equals(".")) {
            return new Expr.Sym(label);
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), replaceDot(u.operand(), label));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), replaceDot(b.left(), label), replaceDot(b.right(), label));
        }
        return e;
    }

    private void recordConstants(Operand o, Statement.Constants k) {
        if (o instanceof Operand.Immediate im) {
            k.record(im.value(), symbols.constantNow(im.value(), current));
        } else if (o instanceof Operand.Memory m && m.disp() != null) {
            k.record(m.disp(), symbols.constantNow(m.disp(), current));
        } else if (o instanceof Operand.Indirect ind) {
            recordConstants(ind.target(), k);
        }
    }

    static Values sizingValues(Statement.Constants k) {
        return new Values() {
            public Long constant(Expr e) {
                return k.get(e);
            }

            public long resolve(Expr e) {
                Long v = k.get(e);
                return v != null ? v : 0;
            }
        };
    }

    private void add(Statement s) {
        current.add(s);
    }
}
