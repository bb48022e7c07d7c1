/**
 * Tasks and their memory: {@link kprobesim.kernel.task.Task} (task_struct: saved register file,
 * state, kernel stack, mm, signals, exit status), {@link kprobesim.kernel.task.UserMm} (a user
 * address space with its own 4-level page tables, VMAs, demand paging, fork copy, release) and
 * {@link kprobesim.kernel.task.KernelMemory} (kernel stacks in a vmalloc-like window with
 * unmapped guard gaps; frames for user pages and page tables below 2^52; both counted by the one
 * {@code KernelPageAllocator}, so running out runs the OOM chain and the OOM killer). Freed
 * stacks and frames are unmapped; live counts let tests check for leaks.
 *
 * <p>User layout: program sections from 0x400000 ({@code _start} first), stack VMA of 132 KiB
 * below 0x7ffffffff000, initial sp 0x7fffffffeff0. Kernel stacks are 16 KiB; a new task's pt_regs
 * sit at the top, and {@code current} is the stack base, where the pid is stored.
 *
 * <p>Not thread-safe by themselves: the scheduler's lock guards them.
 */
package kprobesim.kernel.task;
