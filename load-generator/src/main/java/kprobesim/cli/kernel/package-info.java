/**
 * Kernel commands of the CLI: {@code kprobesim kallsyms} and {@code kprobesim addr2line}
 * (issue 4, "Kernel image and symbols"). Each builds the kernel image of the chosen profile
 * ({@code --profile}, default 6.1) in-process; nothing is booted. Errors a user can cause (unknown
 * profile, bad address, bad pattern, a user program that does not assemble) are one line on
 * stderr and exit 2, through {@link kprobesim.cli.BadInputException}.
 *
 * <p>Threading: each command runs on the caller's thread and shares no state.
 */
package kprobesim.cli.kernel;
