package kprobesim.kernel.image;

import java.util.List;
import java.util.Objects;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.symbols.KernelSymbols;

/**
 * The kernel of one profile, assembled from its {@code .S} sources ({@link KernelSources}):
 * {@code .text} at {@link #TEXT_BASE}, then {@code .entry.text}, {@code .kprobes.text},
 * {@code .rodata}, {@code .data}, {@code _kprobe_blacklist} and {@code .bss}, each page-aligned
 * after the previous one (the assembler's default layout), with kallsyms, addr2line and the
 * kprobe blacklist ({@link KernelSymbols}).
 *
 * <p>Immutable; build once per boot and share. The sources are ours, so an assembly error is
 * a bug and throws {@link IllegalStateException} listing the errors.
 */
public final class KernelImage {
    /** Where kernel text starts, as on x86-64 Linux without KASLR. */
    public static final long TEXT_BASE = 0xffffffff81000000L;

    private final KernelProfile profile;
    private final List<SourceFile> sources;
    private final ObjectImage object;
    private final KernelSymbols symbols;

    private KernelImage(KernelProfile profile, List<SourceFile> sources, ObjectImage object) {
        this.profile = profile;
        this.sources = sources;
        this.object = object;
        this.symbols = KernelSymbols.of(object);
    }

    /** Assembles the kernel of {@code profile}. */
    public static KernelImage build(KernelProfile profile) {
        Objects.requireNonNull(profile, "profile");
        List<SourceFile> sources = KernelSources.forProfile(profile);
        AssemblyResult r = Assembler.assemble(sources, AssemblerOptions.at(TEXT_BASE));
        if (!r.ok()) {
            throw new IllegalStateException("kernel sources for " + profile.release() + " do not assemble: " + r.errors());
        }
        return new KernelImage(profile, sources, r.image());
    }

    public KernelProfile profile() {
        return profile;
    }

    /** Exactly what was assembled, in link order (tokens filled in, hypercalls.S first). */
    public List<SourceFile> sources() {
        return sources;
    }

    /** The assembler's output: sections, symbol table, line table. */
    public ObjectImage object() {
        return object;
    }

    /** kallsyms, {@code %pS}, addr2line and the blacklist of this kernel. */
    public KernelSymbols symbols() {
        return symbols;
    }

    public List<SectionImage> sections() {
        return object.sections();
    }

    /** The address of {@code symbol}; throws if this kernel has no such symbol. */
    public long address(String symbol) {
        return symbols.kallsymsLookupName(symbol)
                .orElseThrow(() -> new IllegalArgumentException("no symbol '" + symbol + "' in the " + profile.release() + " kernel"));
    }

    /** The entry stub of {@code v}: what the IDT gate for {@code v.vector()} points at. */
    public long entry(TrapVector v) {
        return address(v.entrySymbol());
    }

    /**
     * Maps every section into {@code memory} and copies its bytes (identity mapping, as kernel
     * text is in the design). Sections are page-aligned, so this maps exactly the image's pages.
     */
    public void mapInto(PhysicalMemory memory) {
        for (SectionImage s : object.sections()) {
            if (s.size() == 0) {
                continue;
            }
            memory.map(s.base(), s.size());
            memory.load(s.base(), s.bytes());
        }
    }
}
