package kprobesim.kernel.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.kernel.profile.KernelFunction;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelVersion;

/**
 * The kernel's assembler sources for one profile: the {@code kernel/*.S} resources with the
 * profile's tokens filled in, plus the generated {@code hypercalls.S}.
 *
 * <h2>Tokens</h2>
 * The resources are GNU as sources in which {@code {{NAME}}} stands for a per-profile value;
 * replacing a token never adds or removes a line, so addr2line answers the resource's own line
 * numbers. Names:
 * <pre>
 *   {{FORK}}                      do_fork | _do_fork | kernel_clone          (KernelFunction.FORK)
 *   {{GET_SIGNAL}}                get_signal_to_deliver | get_signal         (KernelFunction.GET_SIGNAL)
 *   {{GET_SIGNAL_TAKES_KSIGNAL}}  1 if the signal function takes a struct ksignal (3.17+), else 0
 *   {{HAS_SYS_OPEN}}              1 if sys_open is the open(2) entry (below 4.17), else 0
 *   {{HAS_DO_SYS_OPEN}}           1 if do_sys_open exists (2.6 and later), else 0
 *   {{RELEASE}}                   the profile's release string
 * </pre>
 * so the kernel of a profile has only the names that kernel had (no {@code do_fork} on 6.1).
 * An unknown token is a bug in the resources and throws.
 *
 * <h2>Hypercall numbers</h2>
 * {@code hypercalls.S} is generated from {@link Hypercall}: {@code .globl HC_X; .set HC_X, nr}
 * for each, so the other files use the names ({@code mov $HC_DO_PAGE_FAULT,%eax}) and the
 * linker resolves them, as {@code ld} would with the same objects.
 */
public final class KernelSources {
    /** The resource files, in link order (the order their code is laid out in each section). */
    public static final List<String> FILES = List.of("entry_64.S", "traps.S", "notifier.S", "kprobes_trampoline.S",
            "fork.S", "exit.S", "signal.S", "open.S", "sched.S", "printk.S", "workload.S", "smp.S");
    /** The generated file of hypercall numbers. */
    public static final String HYPERCALLS_FILE = "hypercalls.S";

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Z_]+)\\}\\}");

    private KernelSources() {}

    /** The sources of {@code profile}'s kernel, in link order, {@code hypercalls.S} first. */
    public static List<SourceFile> forProfile(KernelProfile profile) {
        Map<String, String> tokens = tokens(profile);
        List<SourceFile> out = new ArrayList<>();
        out.add(new SourceFile(HYPERCALLS_FILE, hypercallsSource()));
        for (String f : FILES) {
            if (f.equals("kprobes_trampoline.S") && !profile.kprobes()) {
                continue; // kernels before 2.6.9 have no kprobes, hence no trampoline
            }
            out.add(new SourceFile(f, substitute(f, resource(f), tokens)));
        }
        return List.copyOf(out);
    }

    /** The token values of {@code profile}; see the class comment. */
    public static Map<String, String> tokens(KernelProfile profile) {
        KernelVersion v = profile.version();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("FORK", profile.symbol(KernelFunction.FORK));
        t.put("GET_SIGNAL", profile.symbol(KernelFunction.GET_SIGNAL));
        t.put("GET_SIGNAL_TAKES_KSIGNAL", flag(v.atLeast(3, 17)));
        t.put("HAS_SYS_OPEN", flag(profile.symbol(KernelFunction.OPEN).equals("sys_open")));
        t.put("HAS_DO_SYS_OPEN", flag(v.atLeast(2, 6)));
        t.put("RELEASE", profile.release());
        return Map.copyOf(t);
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    /** {@code hypercalls.S}: one global absolute symbol per {@link Hypercall}. */
    public static String hypercallsSource() {
        StringBuilder s = new StringBuilder();
        s.append("# hypercalls.S -- generated from kprobesim.kernel.image.Hypercall; do not edit.\n");
        for (Hypercall h : Hypercall.values()) {
            s.append("\t.globl ").append(h.symbol()).append('\n');
            s.append("\t.set ").append(h.symbol()).append(", ").append(h.nr()).append('\n');
        }
        return s.toString();
    }

    static String substitute(String file, String text, Map<String, String> tokens) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = tokens.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(file + ": unknown token {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The raw text of resource {@code kernel/NAME}. */
    static String resource(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream("/kernel/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing kernel source resource /kernel/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading /kernel/" + name, e);
        }
    }
}
