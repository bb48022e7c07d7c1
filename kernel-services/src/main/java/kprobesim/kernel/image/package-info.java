/**
 * The kernel image: the simulated kernel's machine code, assembled at boot from the
 * {@code kernel/*.S} resources of kernel-services for one {@link kprobesim.kernel.profile.KernelProfile}.
 *
 * <p>Entry points: {@link kprobesim.kernel.image.KernelImage#build} (sources →
 * {@link kprobesim.cpu.asm.ObjectImage} + {@link kprobesim.kernel.symbols.KernelSymbols});
 * {@link kprobesim.kernel.image.KernelImage#mapInto} to load it; {@link kprobesim.kernel.image.TrapVector}
 * for the IDT (vector → entry stub → C-level handler); {@link kprobesim.kernel.image.PtRegs} for
 * the frame the stubs build; {@link kprobesim.kernel.image.Hypercall} and
 * {@link kprobesim.kernel.image.HypercallTable} for the machine code → Java boundary.
 *
 * <p>What is where:
 * <pre>
 *   .entry.text    entry_64.S: ISR stubs, error_entry/error_exit, ret_from_fork  (blacklisted)
 *   .kprobes.text  do_int3 do_debug do_nmi do_general_protection, kretprobe_trampoline,
 *                  trampoline_handler                                          (blacklisted)
 *   .text          probe targets (fork/exit/signal/open/sched/workload functions),
 *                  do_page_fault and the other C-level handlers, notifier core (blacklisted by
 *                  _kprobe_blacklist entries, i.e. NOKPROBE_SYMBOL), printk
 *   .rodata .data .bss   linux_banner, jiffies, init_thread_union
 * </pre>
 * Every function has a frame-pointer prologue, so the first instruction a kprobe single-steps
 * is an ordinary {@code push %rbp}; heavy work is a {@code vmcall} into Java.
 *
 * <p>Threading model: images, sources and symbols are immutable after {@code build} and may
 * be shared by every CPU. {@code PtRegs} views are as safe as the memory they read; a frame
 * belongs to the CPU that built it. {@code HypercallTable} is lock-free and may be called from
 * all cores at once.
 */
package kprobesim.kernel.image;
