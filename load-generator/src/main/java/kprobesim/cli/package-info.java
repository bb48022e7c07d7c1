/**
 * The {@code kprobesim} command line: picocli commands, one class per command.
 *
 * <p>Single-threaded: each invocation builds its command objects, runs one command and exits.
 * Output contracts: results go to stdout only; every failure is exactly one stderr line, exit 2
 * for input the user can fix ({@link kprobesim.cli.BadInputException}, picocli usage errors) and
 * 70 for a simulator bug ({@link kprobesim.cli.OneLineErrors}). Library code reports user errors
 * as values; this package turns them into those lines.
 */
package kprobesim.cli;
