package kprobesim.kernel.symbols;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import kprobesim.cpu.asm.AsmSymbol;
import kprobesim.cpu.asm.LineEntry;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SectionImage;

/**
 * kallsyms, addr2line and the kprobe blacklist over assembled kernel images.
 *
 * <h2>Blacklist</h2>
 * An address may not be probed if it lies
 * <ul>
 *   <li>in a section named {@code .kprobes.text}, {@code .entry.text} or {@code .noinstr.text}
 *       (or {@code NAME.*}): put code there with {@code .section .kprobes.text,"ax"} (Linux's
 *       {@code __kprobes} attribute) — one blacklist entry per symbol of the section; or</li>
 *   <li>in a symbol named by an entry of the {@code _kprobe_blacklist} section, Linux's
 *       {@code NOKPROBE_SYMBOL(sym)}, written in assembly as
 *       <pre>
 *   .pushsection _kprobe_blacklist,"aw"
 *   .quad sym
 *   .popsection</pre>
 *       Each 8-byte entry must be the start address of a text symbol; the whole symbol
 *       (its kallsyms size) is blacklisted. Bad entries are skipped and reported by
 *       {@link #warnings()} (Linux prints "Failed to find blacklist at ...").</li>
 * </ul>
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class KernelSymbols {
    /** Section name of {@code NOKPROBE_SYMBOL} entries, as in Linux. */
    public static final String NOKPROBE_SECTION = "_kprobe_blacklist";
    /** Sections whose code may not be probed. */
    public static final List<String> NOKPROBE_TEXT_SECTIONS = List.of(".kprobes.text", ".entry.text", ".noinstr.text");
    /** What addr2line prints for an address without line information. */
    public static final String UNKNOWN_LOCATION = "??:0";

    private final List<ObjectImage> images;
    private final List<SectionImage> sections;
    /** Sorted by address; among equal addresses the preferred alias first. */
    private final List<KernelSymbol> byAddress;
    /** First symbol of each name in address order (what kallsyms_lookup_name finds). */
    private final Map<String, KernelSymbol> byName;
    private final List<BlacklistEntry> blacklist;
    private final List<String> warnings = new ArrayList<>();

    private KernelSymbols(List<ObjectImage> images) {
        this.images = List.copyOf(images);
        List<SectionImage> secs = new ArrayList<>();
        for (ObjectImage img : images) {
            secs.addAll(img.sections());
        }
        this.sections = List.copyOf(secs);
        checkNoOverlap(secs);
        this.byAddress = buildSymbols();
        Map<String, KernelSymbol> names = new HashMap<>();
        for (KernelSymbol s : byAddress) {
            names.putIfAbsent(s.name(), s);
        }
        this.byName = Map.copyOf(names);
        this.blacklist = buildBlacklist();
    }

    /** Symbols of one linked kernel image. */
    public static KernelSymbols of(ObjectImage image) {
        return new KernelSymbols(List.of(Objects.requireNonNull(image, "image")));
    }

    /**
     * Symbols of several separately assembled images (e.g. one per .S file, each at its own
     * base). Their address ranges must not overlap.
     */
    public static KernelSymbols of(List<ObjectImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        return new KernelSymbols(images);
    }

    private static boolean allocated(SectionImage s) {
        return s.flags().contains("a") || s.nobits();
    }

    /** Separately assembled images must not place sections on top of each other. */
    private static void checkNoOverlap(List<SectionImage> secs) {
        List<SectionImage> sorted = new ArrayList<>(secs);
        sorted.removeIf(sec -> sec.size() == 0);
        sorted.sort(Comparator.comparingLong(sec -> sec.base() ^ Long.MIN_VALUE));
        for (int i = 1; i < sorted.size(); i++) {
            SectionImage a = sorted.get(i - 1);
            SectionImage b = sorted.get(i);
            if (Long.compareUnsigned(b.base(), a.end()) < 0) {
                throw new IllegalArgumentException("sections overlap: " + a.name() + "@0x" + Long.toHexString(a.base())
                        + " and " + b.name() + "@0x" + Long.toHexString(b.base()));
            }
        }
    }

    /** nm's letter for a symbol in {@code s}, lower case (the caller upper-cases globals). */
    private static char typeLetter(SectionImage s) {
        if (s.flags().contains("x")) {
            return 't';
        }
        if (s.nobits()) {
            return 'b';
        }
        if (s.flags().contains("w")) {
            return 'd';
        }
        return 'r';
    }

    private Optional<SectionImage> sectionNamed(ObjectImage img, String name) {
        return name == null ? Optional.empty() : img.section(name);
    }

    private List<KernelSymbol> buildSymbols() {
        record Raw(AsmSymbol sym, SectionImage sec) {}
        List<Raw> raw = new ArrayList<>();
        for (ObjectImage img : images) {
            for (AsmSymbol s : img.symbols()) {
                Optional<SectionImage> sec = sectionNamed(img, s.section());
                if (s.isAbsolute() || sec.isEmpty() || !allocated(sec.get())) {
                    continue; // kallsyms lists addresses, not constants or debug sections
                }
                raw.add(new Raw(s, sec.get()));
            }
        }
        // Preferred alias first, as scripts/kallsyms orders them: globals, then fewer leading '_'.
        raw.sort(Comparator.<Raw>comparingLong(r -> r.sym().value() ^ Long.MIN_VALUE)
                .thenComparing(r -> r.sym().binding() == AsmSymbol.Binding.GLOBAL ? 0 : 1)
                .thenComparingInt(r -> leadingUnderscores(r.sym().name()))
                .thenComparing(r -> r.sym().name()));
        List<KernelSymbol> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Raw r = raw.get(i);
            long addr = r.sym().value();
            long end = r.sec().end();
            for (int j = i + 1; j < raw.size(); j++) {
                Raw n = raw.get(j);
                if (n.sec() == r.sec() && n.sym().value() != addr) {
                    end = n.sym().value();
                    break;
                }
            }
            long size = Long.compareUnsigned(end, addr) > 0 ? end - addr : 0;
            char t = typeLetter(r.sec());
            if (r.sym().binding() == AsmSymbol.Binding.GLOBAL) {
                t = Character.toUpperCase(t);
            }
            out.add(new KernelSymbol(r.sym().name(), addr, size, t, clean(r.sec().name())));
        }
        return List.copyOf(out);
    }

    private static int leadingUnderscores(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == '_') {
            n++;
        }
        return n;
    }

    /**
     * Section names as written, without surrounding blanks: today's assembler keeps a tab that
     * follows the name ({@code .section .kprobes.text<TAB>,"ax"}) as part of it.
     */
    private static String clean(String sectionName) {
        return sectionName.strip();
    }

    private static boolean noprobeSection(String rawName) {
        String name = clean(rawName);
        for (String s : NOKPROBE_TEXT_SECTIONS) {
            if (name.equals(s) || name.startsWith(s + ".")) {
                return true;
            }
        }
        return false;
    }

    private List<BlacklistEntry> buildBlacklist() {
        List<BlacklistEntry> out = new ArrayList<>();
        for (SectionImage sec : sections) {
            if (!noprobeSection(sec.name())) {
                continue;
            }
            boolean any = false;
            for (KernelSymbol s : byAddress) {
                if (s.section().equals(clean(sec.name())) && sec.contains(s.address()) && !sameAsPrevious(out, s)) {
                    out.add(new BlacklistEntry(s.address(), s.address() + s.size(), s.name(), BlacklistEntry.Reason.SECTION));
                    any = true;
                }
            }
            if (!any && sec.size() > 0) {
                out.add(new BlacklistEntry(sec.base(), sec.end(), clean(sec.name()), BlacklistEntry.Reason.SECTION));
            }
            // bytes before the first symbol of the section are blacklisted too
            if (any && byAddress.stream().noneMatch(s -> s.address() == sec.base())) {
                long first = out.stream().filter(e -> sec.contains(e.start())).mapToLong(BlacklistEntry::start).min().orElse(sec.end());
                out.add(new BlacklistEntry(sec.base(), first, clean(sec.name()), BlacklistEntry.Reason.SECTION));
            }
        }
        for (SectionImage sec : sections) {
            if (!clean(sec.name()).equals(NOKPROBE_SECTION)) {
                continue;
            }
            byte[] bytes = sec.bytes();
            if (bytes.length % 8 != 0) {
                warnings.add(NOKPROBE_SECTION + " is " + bytes.length + " bytes, not a multiple of 8; the tail is ignored");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int off = 0; off + 8 <= bytes.length; off += 8) {
                long entry = b.getLong(off);
                Optional<SymbolOffset> so = lookup(entry);
                if (so.isEmpty() || !so.get().symbol().isText()) {
                    warnings.add("Failed to find blacklist at 0x" + Long.toHexString(entry) + ": not a text symbol");
                } else if (so.get().offset() != 0) {
                    warnings.add("Failed to find blacklist at 0x" + Long.toHexString(entry) + ": "
                            + so.get().format() + " is not the start of a symbol");
                } else {
                    KernelSymbol s = so.get().symbol();
                    out.add(new BlacklistEntry(s.address(), s.address() + s.size(), s.name(),
                            BlacklistEntry.Reason.NOKPROBE_SYMBOL));
                }
            }
        }
        out.sort(Comparator.comparingLong(e -> e.start() ^ Long.MIN_VALUE));
        return List.copyOf(out);
    }

    private static boolean sameAsPrevious(List<BlacklistEntry> out, KernelSymbol s) {
        return !out.isEmpty() && out.get(out.size() - 1).start() == s.address();
    }

    /** {@code kallsyms_lookup_name}: the address of {@code name}, if the kernel has it. */
    public OptionalLong kallsymsLookupName(String name) {
        KernelSymbol s = byName.get(name);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.address());
    }

    /** The symbol entry named {@code name}. */
    public Optional<KernelSymbol> symbol(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** {@code kallsyms_lookup}: the symbol containing {@code addr} and the offset into it. */
    public Optional<SymbolOffset> lookup(long addr) {
        int lo = 0, hi = byAddress.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(byAddress.get(mid).address(), addr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return Optional.empty();
        }
        long at = byAddress.get(found).address();
        while (found > 0 && byAddress.get(found - 1).address() == at) {
            found--; // the preferred alias comes first
        }
        KernelSymbol s = byAddress.get(found);
        if (!s.covers(addr)) {
            return Optional.empty();
        }
        return Optional.of(new SymbolOffset(s, addr - s.address()));
    }

    /** {@code %pS}: {@code do_fork+0x1f/0x120}, or {@code 0x...} for an address no symbol covers. */
    public String describe(long addr) {
        return lookup(addr).map(SymbolOffset::format).orElse("0x" + Long.toHexString(addr));
    }

    /** {@code addr2line}: {@code file.S:line} of the instruction or data at {@code addr}. */
    public Optional<String> addr2line(long addr) {
        for (ObjectImage img : images) {
            Optional<LineEntry> e = img.lineAt(addr);
            if (e.isPresent()) {
                return Optional.of(e.get().location());
            }
        }
        return Optional.empty();
    }

    /** Every kallsyms entry, sorted by address. */
    public List<KernelSymbol> symbols() {
        return byAddress;
    }

    /** {@code /proc/kallsyms}: one {@code ffffffff81000000 T do_fork} line per symbol, by address. */
    public List<String> kallsyms() {
        return byAddress.stream().map(KernelSymbol::kallsymsLine).toList();
    }

    /** {@code grep PATTERN /proc/kallsyms}: the lines whose symbol name contains {@code pattern}. */
    public List<String> kallsyms(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return byAddress.stream().filter(s -> s.name().contains(pattern)).map(KernelSymbol::kallsymsLine).toList();
    }

    /** True if {@code addr} is inside an executable section ({@code kernel_text_address}). */
    public boolean isKernelText(long addr) {
        for (SectionImage s : sections) {
            if (s.flags().contains("x") && s.contains(addr)) {
                return true;
            }
        }
        return false;
    }

    /** True if a kprobe at {@code addr} must be refused ({@code within_kprobe_blacklist}). */
    public boolean isBlacklisted(long addr) {
        for (BlacklistEntry e : blacklist) {
            if (e.contains(addr)) {
                return true;
            }
        }
        return false;
    }

    /** The blacklist, sorted by start address. */
    public List<BlacklistEntry> blacklist() {
        return blacklist;
    }

    /** Problems found while reading {@code _kprobe_blacklist}. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }
}
